"""What a job runs with: the services, its configuration, the catalogs, and the outbox its
messages go through. Built by `hub/` (scheduler, `uccn jobs run`) or a test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jobs.config import JobsConfig
from jobs.outbox import Outbox, Outcome
from services.container import Services
from services.i18n import Catalogs


@dataclass(frozen=True, slots=True)
class JobContext:
    services: Services
    config: JobsConfig
    catalogs: Catalogs
    outbox: Outbox

    @property
    def now(self) -> dt.datetime:
        return self.services.clock.now()

    @property
    def today(self) -> dt.date:
        return self.services.clock.today()

    @property
    def dry_run(self) -> bool:
        return self.outbox.dry_run


@dataclass(slots=True)
class JobReport:
    """What a run did: a one-line summary, the lines to print, and what it delivered."""

    summary: str
    lines: list[str] = field(default_factory=list)
    outcome: Outcome | None = None

    def text(self) -> str:
        return "\n".join([*self.lines, self.summary])
