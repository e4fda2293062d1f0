"""Every scheduled job, declared once: id, trigger, coalescing and concurrency."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from hub.bootstrap import store_session
from hub.settings import Settings
from jobs.backup import snapshot_graph


@dataclass(frozen=True, slots=True)
class JobSpec:
    id: str
    description: str
    trigger: BaseTrigger
    run: Callable[[Settings], Coroutine[Any, Any, str]]
    coalesce: bool = True
    max_instances: int = 1


async def nightly_snapshot(settings: Settings) -> str:
    async with store_session(settings, setup_schema=False) as store:
        written = await snapshot_graph(
            store, settings.backup_dir, datetime.now(UTC).date(), settings.backup_keep
        )
    return f"wrote {written}" if written else "today's snapshot already exists"


def job_registry(settings: Settings) -> list[JobSpec]:
    tz = settings.scheduler_timezone
    return [
        JobSpec(
            id="graph.nightly_snapshot",
            description="Snapshot the whole graph to a dated JSON export (kept for N days).",
            trigger=CronTrigger(hour=2, minute=30, timezone=tz),
            run=nightly_snapshot,
        ),
    ]
