"""Run the registry's jobs with APScheduler 3 (`AsyncIOScheduler`), one scheduler per graph.

Before starting, the scheduler takes the graph's lease (`services.delivery.lease`); if another
holds it, it refuses and names the holder. It renews the lease every third of its lifetime,
checks it again before each run (a scheduler whose lease was taken over runs nothing), and
releases it on a clean stop. A run missed while no scheduler was up is run once at start when
it is within the misfire grace (coalesced: several misses, one run), otherwise logged; the next
run covers the gap (the digest counts "since the last digest", the sweeps send the latest due
stage). One job's failure is logged, never fatal.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import secrets
import signal
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger

from jobs.context import JobContext
from jobs.registry import JobSpec, job_registry

log = logging.getLogger(__name__)
MAX_CATCH_UP_STEPS = 100_000


class LeaseHeld(Exception):
    def __init__(self, holder: str, expires_at: str) -> None:
        super().__init__(
            f"another scheduler runs against this graph: {holder} (lease until {expires_at})"
        )
        self.holder = holder


def scheduler_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def last_missed_run(
    trigger: BaseTrigger, last_run: dt.datetime, now: dt.datetime
) -> dt.datetime | None:
    """The latest time the trigger fired after `last_run` and up to `now`, if any."""
    missed = None
    fire = trigger.get_next_fire_time(None, last_run + dt.timedelta(seconds=1))
    for _ in range(MAX_CATCH_UP_STEPS):
        if fire is None or fire > now:
            break
        missed = fire
        fire = trigger.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
    return missed


def catch_up(jobs: list[JobSpec], last_runs: dict[str, dt.datetime], now: dt.datetime) -> set[str]:
    """The jobs to run once at start: those that missed a run within their grace."""
    due: set[str] = set()
    for spec in jobs:
        last = last_runs.get(spec.id)
        if last is None:
            continue
        missed = last_missed_run(spec.trigger, last, now)
        if missed is None:
            continue
        if (now - missed).total_seconds() <= spec.misfire_grace_s:
            due.add(spec.id)
            log.info("job %s missed its run of %s: running it now", spec.id, missed)
        else:
            log.warning(
                "job %s missed its run of %s, past the grace of %ss: the next run covers it",
                spec.id,
                missed,
                spec.misfire_grace_s,
            )
    return due


def build_scheduler(
    ctx: JobContext,
    jobs: list[JobSpec] | None = None,
    *,
    holder: str | None = None,
    run_now: set[str] = frozenset(),  # type: ignore[assignment]
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=dt.UTC)
    now = ctx.now
    for spec in jobs if jobs is not None else job_registry(ctx.config):
        extra = {"next_run_time": now} if spec.id in run_now else {}
        scheduler.add_job(
            _guarded(spec, ctx, holder),
            trigger=spec.trigger,
            id=spec.id,
            name=spec.description,
            coalesce=spec.coalesce,
            max_instances=spec.max_instances,
            misfire_grace_time=spec.misfire_grace_s,
            replace_existing=True,
            **extra,
        )
    return scheduler


def _guarded(spec: JobSpec, ctx: JobContext, holder: str | None) -> Callable[[], Awaitable[None]]:
    """One job's failure is logged with its id and never stops the scheduler; a scheduler that
    lost its lease runs nothing."""

    async def run() -> None:
        started = ctx.now
        try:
            if holder is not None:
                lease = await ctx.services.leases.acquire(holder, _ttl(ctx))
                if lease.holder != holder:
                    log.error("job %s not run: the lease is held by %s", spec.id, lease.holder)
                    return
            report = await spec.run(ctx)
            await ctx.services.network.record_job_run(spec.id, started, report.summary)
        except Exception:
            log.exception("job %s failed", spec.id)
            return
        log.info("job %s: %s", spec.id, report.summary)

    return run


def _ttl(ctx: JobContext) -> dt.timedelta:
    return dt.timedelta(seconds=ctx.config.lease_ttl_s)


async def start_scheduler(ctx: JobContext, holder: str) -> AsyncIOScheduler:
    """Takes the lease (or raises `LeaseHeld`), catches up missed runs, starts the scheduler."""
    lease = await ctx.services.leases.acquire(holder, _ttl(ctx))
    if lease.holder != holder:
        raise LeaseHeld(lease.holder, lease.expires_at)
    jobs = job_registry(ctx.config)
    due = catch_up(jobs, await ctx.services.network.job_runs(), ctx.now)
    scheduler = build_scheduler(ctx, jobs, holder=holder, run_now=due)
    scheduler.start()
    for job in scheduler.get_jobs():
        log.info("scheduled %s, next run %s", job.id, job.next_run_time)
    return scheduler


async def keep_lease(ctx: JobContext, holder: str, lost: asyncio.Event) -> None:
    """Renews the lease every third of its lifetime until cancelled; sets `lost` if taken."""
    while True:
        await asyncio.sleep(ctx.config.lease_ttl_s / 3)
        try:
            lease = await ctx.services.leases.acquire(holder, _ttl(ctx))
        except Exception:
            log.exception("could not renew the scheduler lease")
            continue
        if lease.holder != holder:
            log.error("the scheduler lease was taken by %s; stopping", lease.holder)
            lost.set()
            return


async def stop_scheduler(ctx: JobContext, scheduler: AsyncIOScheduler, holder: str) -> None:
    scheduler.shutdown(wait=False)
    await ctx.services.leases.release(holder)


async def run_scheduler(ctx: JobContext, holder: str | None = None) -> None:
    """Start the scheduler and wait for SIGINT/SIGTERM (or the loss of the lease)."""
    holder = holder or scheduler_identity()
    scheduler = await start_scheduler(ctx, holder)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    renewing = asyncio.create_task(keep_lease(ctx, holder, stop))
    try:
        await stop.wait()
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        await stop_scheduler(ctx, scheduler, holder)


@contextlib.asynccontextmanager
async def embedded_scheduler(ctx: JobContext) -> AsyncIterator[AsyncIOScheduler | None]:
    """The scheduler inside `uccn serve` for the app's lifetime; None (logged) when another
    scheduler holds the graph's lease: the hub serves, the other one runs the jobs."""
    holder = scheduler_identity()
    try:
        scheduler = await start_scheduler(ctx, holder)
    except LeaseHeld as exc:
        log.warning("scheduled jobs not started in this process: %s", exc)
        yield None
        return
    renewing = asyncio.create_task(keep_lease(ctx, holder, asyncio.Event()))
    try:
        yield scheduler
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        await stop_scheduler(ctx, scheduler, holder)
