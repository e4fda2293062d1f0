"""Every scheduled job, declared once: id, trigger (with its time zone), coalescing, misfire
grace and concurrency.

APScheduler 3's traps and the defences here:
- its default misfire grace is 1 second, so a run late by more (a busy loop, a slow start) is
  silently skipped: every job gets `misfire_grace_s` (a setting, hours by default);
- a crash between handing a run to the executor and storing the next run time fires it again:
  jobs are idempotent through the delivery ledger, so a second run sends nothing twice;
- daylight saving: triggers carry a `zoneinfo` zone; the sweeps run hourly in UTC, the digest
  and the calendar at a wall-clock hour in the secretariat's zone (tested across a transition);
- job stores are never shared between schedulers: each scheduler has its own memory store, and
  the lease (`services.delivery.lease`) lets one scheduler run per graph. Runs missed while it
  was down are caught up by `jobs.scheduler` from the `JobRun` records, once, within the grace.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from jobs.backup import snapshot_graph
from jobs.calendar import network_calendar
from jobs.config import JobsConfig
from jobs.context import JobContext, JobReport
from jobs.contributions import contribution_reminders
from jobs.digest import secretariat_digest
from jobs.followups import introduction_follow_ups
from jobs.reports import report_reminders

JobRun = Callable[[JobContext], Coroutine[Any, Any, JobReport]]


@dataclass(frozen=True, slots=True)
class JobSpec:
    id: str
    description: str
    trigger: BaseTrigger
    run: JobRun
    misfire_grace_s: int
    coalesce: bool = True
    max_instances: int = 1


async def nightly_snapshot(ctx: JobContext) -> JobReport:
    config = ctx.config
    if ctx.dry_run:
        return JobReport(f"would snapshot the graph into {config.backup_dir}")
    written = await snapshot_graph(
        ctx.services.store, config.backup_dir, ctx.today, config.backup_keep
    )
    return JobReport(f"wrote {written}" if written else "today's snapshot already exists")


def job_registry(config: JobsConfig) -> list[JobSpec]:
    utc = ZoneInfo("UTC")
    office = ZoneInfo(config.digest_timezone)
    grace = config.misfire_grace_s
    return [
        JobSpec(
            "graph.nightly_snapshot",
            "Snapshot the whole graph to a dated JSON export (kept for N days).",
            CronTrigger(hour=2, minute=30, timezone=ZoneInfo(config.timezone)),
            nightly_snapshot,
            grace,
        ),
        JobSpec(
            "digest",
            "The secretariat's weekly digest (Slack channel, e-mail, archive).",
            CronTrigger(
                day_of_week=config.digest_day_of_week, hour=config.digest_hour, timezone=office
            ),
            secretariat_digest,
            grace,
        ),
        JobSpec(
            "report-reminders",
            "Monitoring report reminders to focal points; notices to the secretariat.",
            CronTrigger(minute=5, timezone=utc),
            report_reminders,
            grace,
        ),
        JobSpec(
            "contribution-reminders",
            "Voluntary contribution notes (January, mid-year) and thank-yous.",
            CronTrigger(minute=15, timezone=utc),
            contribution_reminders,
            grace,
        ),
        JobSpec(
            "introduction-followups",
            "Ask both sides of an introduction whether they connected; close unanswered ones.",
            CronTrigger(minute=25, timezone=utc),
            introduction_follow_ups,
            grace,
        ),
        JobSpec(
            "network-calendar",
            "Calls for applications, Steering Group rotation, conference host cycle.",
            CronTrigger(hour=9, timezone=office),
            network_calendar,
            grace,
        ),
    ]
