"""A city at a glance, as the bot's Home tab, `/uccn due` and the reminders need it: its
monitoring reports with their state, its contributions against the suggested amount, its open
introductions and its focal points; private parts only for those who may see them. And the id a
city answers to now, when it is named by one it had before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.dataset import Props
from graph.statements import cities as q
from services.core import Service
from services.errors import Missing
from services.policy import Viewer, can_see_private
from services.records import ReportState, report_state

OPEN_INTRODUCTIONS = ("requested", "accepted", "met")


@dataclass(frozen=True, slots=True)
class ReportLine:
    id: str
    cycle: int
    due_date: str
    submitted_date: str | None
    state: ReportState


@dataclass(frozen=True, slots=True)
class ContributionLine:
    year: int
    amount: float | None  # None: not visible to the viewer
    currency: str


@dataclass(frozen=True, slots=True)
class FocalPointLine:
    id: str
    name: str
    language: str | None
    email: str | None  # None unless the viewer may see contacts
    slack_user_id: str | None


@dataclass(frozen=True, slots=True)
class IntroductionLine:
    id: str
    status: str
    requested_date: str
    asking: str
    asking_name: str
    partner: str | None
    partner_name: str | None


@dataclass(frozen=True, slots=True)
class CityStatus:
    id: str
    name: str
    country: str | None
    country_name: str | None
    field: str | None
    field_name: str | None
    status: str
    designation_year: int | None
    reports: list[ReportLine]  # oldest cycle first
    contributions: list[ContributionLine]  # newest year first
    focal_points: list[FocalPointLine]
    suggested_contribution_usd: float
    private_visible: bool

    @property
    def next_report(self) -> ReportLine | None:
        """The earliest report not yet submitted (overdue ones first), or None."""
        waiting = [r for r in self.reports if r.state is not ReportState.SUBMITTED]
        return min(waiting, key=lambda r: r.due_date, default=None)

    @property
    def overdue_reports(self) -> list[ReportLine]:
        return [r for r in self.reports if r.state is ReportState.OVERDUE]

    def contributed_in(self, year: int) -> ContributionLine | None:
        return next((c for c in self.contributions if c.year == year), None)


class Cities(Service):
    async def resolve(self, ref: str) -> str | None:
        """The id of the city `ref` names: its id, or an id it had before; None if neither."""
        if await self.store.existing_ids("City", [ref]):
            return ref
        rows = await self.store.run(q.CITY_BY_FORMER_ID, id=ref)
        return str(rows[0]["id"]) if rows else None

    async def status(self, viewer: Viewer, city: str, on: dt.date | None = None) -> CityStatus:
        """The city's standing on `on` (default today)."""
        rows = await self.store.run(q.CITY_STATUS, city=city)
        if not rows:
            raise Missing(f"no city with id {city!r}", ("city",), city)
        row = rows[0]
        today = on or self.core.clock.today()
        private = can_see_private(viewer, city)
        props: Props = dict(row["city"])
        reports = sorted(
            (
                ReportLine(
                    id=str(r["id"]),
                    cycle=int(r["cycle"]),
                    due_date=str(r["due_date"]),
                    submitted_date=r.get("submitted_date"),
                    state=report_state(str(r["due_date"]), r.get("submitted_date"), today),
                )
                for r in row["reports"]
            ),
            key=lambda r: (r.cycle, r.id),
        )
        contributions = sorted(
            (
                ContributionLine(
                    year=int(c["year"]),
                    amount=float(c["amount"]) if private and c.get("amount") is not None else None,
                    currency=str(c.get("currency") or "USD"),
                )
                for c in row["contributions"]
            ),
            key=lambda c: -c.year,
        )
        focal_points = sorted(
            (
                FocalPointLine(
                    id=str(p["id"]),
                    name=str(p["name"]),
                    language=p.get("language"),
                    email=p.get("email") if private else None,
                    slack_user_id=p.get("slack_user_id") if private else None,
                )
                for p in row["focal_points"]
            ),
            key=lambda p: p.id,
        )
        return CityStatus(
            id=city,
            name=str(props["name"]),
            country=row["country"],
            country_name=row["country_name"],
            field=row["field"],
            field_name=row["field_name"],
            status=str(props.get("status")),
            designation_year=props.get("designation_year"),
            reports=reports,
            contributions=contributions,
            focal_points=focal_points,
            suggested_contribution_usd=self.core.config.suggested_contribution_usd,
            private_visible=private,
        )

    async def open_introductions(self, city: str) -> list[IntroductionLine]:
        """Introductions the city asked for or was asked to meet that are not closed yet."""
        rows = await self.store.run(
            q.CITY_INTRODUCTIONS, city=city, statuses=list(OPEN_INTRODUCTIONS)
        )
        return [
            IntroductionLine(
                id=str(r["introduction"]["id"]),
                status=str(r["introduction"]["status"]),
                requested_date=str(r["introduction"]["requested_date"]),
                asking=str(r["asking"]),
                asking_name=str(r["asking_name"]),
                partner=r["partner"],
                partner_name=r["partner_name"],
            )
            for r in rows
        ]
