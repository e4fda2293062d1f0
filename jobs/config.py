"""What the jobs are configured with, built by the composition root from the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from brain.reminders import QuietHours
from services.config import SUGGESTED_CONTRIBUTION_USD


@dataclass(frozen=True, slots=True)
class JobsConfig:
    backup_dir: Path = Path("var/backups")
    backup_keep: int = 14
    timezone: str = "UTC"
    # APScheduler's default grace is 1 s: a run late by more is silently skipped. Ours is long,
    # and a run missed while the scheduler was down is caught up once within it.
    misfire_grace_s: int = 6 * 3600
    lease_ttl_s: float = 120.0
    # The secretariat's weekly digest: when (in `digest_timezone`), where.
    digest_day_of_week: str = "mon"
    digest_hour: int = 8
    digest_timezone: str = "Europe/Paris"
    digest_channel: str | None = None
    archive_dir: Path = Path("var/digests")
    secretariat_email: str | None = None
    secretariat_language: str = "en"
    secretariat_channel: str | None = None  # the calendar's and notices' channel
    # The cities' reminders: swept every hour, sent outside the recipient's quiet hours.
    quiet_hours: QuietHours = field(default_factory=QuietHours)
    suggested_contribution_usd: float = SUGGESTED_CONTRIBUTION_USD
    contribution_url: str = "https://www.unesco.org/en/creative-cities"
    # Deliveries: attempts within one run (with exponential backoff), and over all runs.
    delivery_attempts: int = 3
    delivery_max_attempts: int = 9
    retry_backoff_s: float = 2.0
