"""Every scheduled job, declared once: id, trigger, coalescing and concurrency."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from jobs.backup import snapshot_graph
from jobs.config import JobsConfig
from services.container import Services

JobRun = Callable[[Services, JobsConfig], Coroutine[Any, Any, str]]


@dataclass(frozen=True, slots=True)
class JobSpec:
    id: str
    description: str
    trigger: BaseTrigger
    run: JobRun
    coalesce: bool = True
    max_instances: int = 1


async def nightly_snapshot(services: Services, config: JobsConfig) -> str:
    day = services.clock.today()
    written = await snapshot_graph(services.store, config.backup_dir, day, config.backup_keep)
    return f"wrote {written}" if written else "today's snapshot already exists"


def job_registry(config: JobsConfig) -> list[JobSpec]:
    return [
        JobSpec(
            id="graph.nightly_snapshot",
            description="Snapshot the whole graph to a dated JSON export (kept for N days).",
            trigger=CronTrigger(hour=2, minute=30, timezone=config.timezone),
            run=nightly_snapshot,
        ),
    ]
