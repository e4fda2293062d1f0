"""Run the registry's jobs with APScheduler; one job's failure is logged, never fatal."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from jobs.config import JobsConfig
from jobs.registry import JobSpec, job_registry
from services.container import Services

log = logging.getLogger(__name__)


def build_scheduler(
    services: Services, config: JobsConfig, jobs: list[JobSpec] | None = None
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=config.timezone)
    for spec in jobs if jobs is not None else job_registry(config):
        scheduler.add_job(
            _guarded(spec, services, config),
            trigger=spec.trigger,
            id=spec.id,
            name=spec.description,
            coalesce=spec.coalesce,
            max_instances=spec.max_instances,
            replace_existing=True,
        )
    return scheduler


def _guarded(
    spec: JobSpec, services: Services, config: JobsConfig
) -> Callable[[], Awaitable[None]]:
    """One job's failure is logged with its id and never stops the scheduler."""

    async def run() -> None:
        try:
            outcome = await spec.run(services, config)
        except Exception:
            log.exception("job %s failed", spec.id)
            return
        log.info("job %s: %s", spec.id, outcome)

    return run


async def run_scheduler(services: Services, config: JobsConfig) -> None:
    """Start the scheduler and wait for SIGINT/SIGTERM."""
    scheduler = build_scheduler(services, config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    scheduler.start()
    for job in scheduler.get_jobs():
        log.info("scheduled %s, next run %s", job.id, job.next_run_time)
    await stop.wait()
    scheduler.shutdown(wait=True)
