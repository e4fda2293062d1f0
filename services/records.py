"""What a city owes the network, recorded: monitoring report submissions and voluntary
contributions, and the state of a report on a given day.

A report is `<city>:<cycle>`, a contribution `<city>:<year>`: a retry finds what the first
attempt wrote (the same content again is `created=False`); a recorded submission date or
amount is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from graph.dataset import Props
from graph.statements import writes as statements
from services.core import Service, Written, after_write
from services.errors import InvalidInput, Missing, Refused
from services.policy import (
    Viewer,
    is_secretariat,
    require_city,
    require_secretariat,
    require_writer,
)
from services.rules import (
    checked,
    converted,
    date,
    reference,
    require_existing,
    same_contribution,
    same_submission,
    year,
)


class ReportState(StrEnum):
    SUBMITTED = "submitted"
    DUE = "due"
    OVERDUE = "overdue"


def report_state(due_date: str, submitted_date: str | None, today: dt.date) -> ReportState:
    """Submitted; or overdue when its due date has passed; otherwise due."""
    if submitted_date:
        return ReportState.SUBMITTED
    return ReportState.OVERDUE if due_date < today.isoformat() else ReportState.DUE


def city_of_record(record_id: str) -> str:
    """The city of a record whose id is `<city id>:<cycle or year>`."""
    return record_id.rpartition(":")[0]


@dataclass(frozen=True, slots=True)
class ReportSubmission:
    """A city's monitoring report of `cycle` was submitted. A report not on record yet is
    created with `due_date`, which only the secretariat sets."""

    city: str
    cycle: int
    submitted_date: str
    url: str | None = None
    due_date: str | None = None


@dataclass(frozen=True, slots=True)
class NewContribution:
    city: str
    year: int
    amount: float
    currency: str = "USD"


class Records(Service):
    @after_write
    async def submit_report(self, viewer: Viewer, sub: ReportSubmission) -> Written:
        require_writer(viewer, "record a report submission")
        city = reference(sub.city, ("city",))
        require_city(viewer, city, ("city",), "record a report submission")
        year(sub.cycle, ("cycle",))
        today = self.core.clock.today()
        submitted = date(sub.submitted_date, ("submitted_date",), not_after=today)
        if submitted is None:
            raise InvalidInput("`submitted_date` is required", ("submitted_date",))
        url = converted("url", sub.url, ("url",))
        due = date(sub.due_date, ("due_date",))
        await require_existing(self.store, "City", [(city, ("city",))])
        report = f"{city}:{sub.cycle}"
        stored = await self.store.get("MonitoringReport", report)
        if stored is None and due is None:
            raise Missing(
                f"no monitoring report of {city!r} for cycle {sub.cycle} is on record; "
                "the secretariat records it with its `due_date`",
                ("cycle",),
                report,
            )
        if stored is None and not is_secretariat(viewer):
            raise Refused("only the secretariat sets a report's `due_date`", ("due_date",))
        if stored is not None and due is not None and stored.get("due_date") != due:
            raise InvalidInput(
                f"report {report!r} is due {stored.get('due_date')}; leave `due_date` out",
                ("due_date",),
            )
        if stored is not None:
            same_submission(report, stored, submitted)
        rows = await self.store.run(
            statements.RECORD_REPORT,
            city=city,
            report=report,
            cycle=sub.cycle,
            due_date=due,
            submitted_date=submitted,
            url=url,
        )
        if not rows:  # the city went, or another submission date was recorded meanwhile
            same_submission(
                report, await self.store.get("MonitoringReport", report) or {}, submitted
            )
            raise Missing(f"no city with id {city!r}", ("city",), city)
        return Written(dict(rows[0]["props"]), created=stored is None)

    @after_write
    async def record_contribution(self, viewer: Viewer, new: NewContribution) -> Written:
        require_secretariat(viewer, "record a contribution")
        city = reference(new.city, ("city",))
        props: Props = {
            "year": year(new.year, ("year",)),
            "amount": checked(float(new.amount), ("amount",)),
            "currency": checked(new.currency.strip(), ("currency",)),
        }
        await require_existing(self.store, "City", [(city, ("city",))])
        contribution = f"{city}:{new.year}"
        stored = await self.store.get("Contribution", contribution)
        if stored is not None:
            same_contribution(contribution, stored, props)
        rows = await self.store.run(
            statements.RECORD_CONTRIBUTION, city=city, contribution=contribution, props=props
        )
        if not rows:
            raise Missing(f"no city with id {city!r}", ("city",), city)
        written = dict(rows[0]["props"])
        same_contribution(contribution, written, props)  # a concurrent record got there first
        return Written(written, created=stored is None)
