"""The whole network at once, as the scheduled jobs read it: every member city with its reports,
contributions and focal points (with their addresses: the jobs write to them), every
introduction, project and partnership, in one read each. Also the jobs' own records: the
digests sent, the runs of each job, and an introduction closed when nobody answered.

A sweep over 10,000 cities is then a handful of queries; the decisions are `brain.reminders`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from brain.reminders import RecordedReport
from graph.dataset import Props
from graph.statements import jobs as q
from services.core import Service, after_write

AFRICA_ARAB = ("africa", "arab-states")
NO_ANSWER = "no-answer"
# Introductions still waiting for an answer: the follow-ups ask about these.
AWAITING_ANSWER = ("requested", "accepted")


@dataclass(frozen=True, slots=True)
class Recipient:
    """A focal point as the jobs write to them."""

    id: str
    name: str
    email: str | None
    slack_user_id: str | None
    language: str | None
    timezone: str | None


@dataclass(frozen=True, slots=True)
class NetworkCity:
    id: str
    name: str
    status: str
    designation_year: int | None
    longitude: float | None
    country_name: str | None
    region: str | None
    global_south: bool
    reports: tuple[RecordedReport, ...]
    contribution_years: frozenset[int]
    contributions: tuple[tuple[int, float, str], ...]  # (year, amount, currency)
    focal_points: tuple[Recipient, ...]

    @property
    def africa_or_arab(self) -> bool:
        return self.region in AFRICA_ARAB


@dataclass(frozen=True, slots=True)
class IntroductionRecord:
    id: str
    status: str
    requested_date: dt.date
    updated_date: str | None
    asking: str
    asking_name: str
    partner_city: str | None
    partner_name: str | None


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    id: str
    title: str
    start_year: int | None
    lead: str | None
    cities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PartnershipRecord:
    institution: str
    institution_name: str
    city: str
    since_year: int | None

    @property
    def id(self) -> str:
        return f"{self.institution}:{self.city}"


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _report(row: dict[str, Any]) -> RecordedReport | None:
    due = _day(row.get("due_date"))
    if due is None or row.get("cycle") is None:
        return None
    return RecordedReport(int(row["cycle"]), due, _day(row.get("submitted_date")))


def _recipient(p: dict[str, Any]) -> Recipient:
    return Recipient(
        id=str(p["id"]),
        name=str(p.get("name") or p["id"]),
        email=p.get("email") or None,
        slack_user_id=p.get("slack_user_id") or None,
        language=p.get("language") or None,
        timezone=p.get("timezone") or None,
    )


def _city(
    row: dict[str, Any],
    reports: list[RecordedReport],
    contributions: list[tuple[int, float, str]],
    focal_points: list[Recipient],
) -> NetworkCity:
    longitude = row.get("longitude")
    given = tuple(sorted(contributions))
    return NetworkCity(
        id=str(row["id"]),
        name=str(row["name"]),
        status=str(row["status"]),
        designation_year=row.get("designation_year"),
        longitude=float(longitude) if longitude is not None else None,
        country_name=row.get("country_name"),
        region=row.get("region"),
        global_south=bool(row.get("global_south")),
        reports=tuple(sorted(reports, key=lambda r: r.cycle)),
        contribution_years=frozenset(c[0] for c in given),
        contributions=given,
        focal_points=tuple(sorted(focal_points, key=lambda p: p.id)),
    )


class Network(Service):
    async def cities(self, statuses: tuple[str, ...] = ("member",)) -> list[NetworkCity]:
        """Every city of `statuses` with its reports, contributions and focal points."""
        wanted = list(statuses)
        reports: dict[str, list[RecordedReport]] = defaultdict(list)
        for row in await self.store.run(q.NETWORK_REPORTS, statuses=wanted):
            report = _report(row)
            if report is not None:
                reports[str(row["city"])].append(report)
        given: dict[str, list[tuple[int, float, str]]] = defaultdict(list)
        for row in await self.store.run(q.NETWORK_CONTRIBUTIONS, statuses=wanted):
            given[str(row["city"])].append(
                (int(row["year"]), float(row["amount"] or 0.0), str(row["currency"] or "USD"))
            )
        points: dict[str, list[Recipient]] = defaultdict(list)
        for row in await self.store.run(q.NETWORK_FOCAL_POINTS, statuses=wanted):
            points[str(row["city"])].append(_recipient(dict(row["focal_point"])))
        rows = await self.store.run(q.NETWORK_CITIES, statuses=wanted)
        return [
            _city(row, reports[str(row["id"])], given[str(row["id"])], points[str(row["id"])])
            for row in rows
        ]

    async def introductions(self) -> list[IntroductionRecord]:
        rows = await self.store.run(q.ALL_INTRODUCTIONS)
        found = []
        for row in rows:
            i = row["introduction"]
            requested = _day(i.get("requested_date"))
            if requested is None:
                continue
            found.append(
                IntroductionRecord(
                    id=str(i["id"]),
                    status=str(i["status"]),
                    requested_date=requested,
                    updated_date=i.get("updated_date"),
                    asking=str(row["asking"]),
                    asking_name=str(row["asking_name"]),
                    partner_city=row.get("partner_city"),
                    partner_name=row.get("partner_name"),
                )
            )
        return found

    async def projects(self) -> list[ProjectRecord]:
        taking_part: dict[str, set[str]] = defaultdict(set)
        for row in await self.store.run(q.ALL_PARTICIPATIONS):
            taking_part[str(row["project"])].add(str(row["city"]))
        rows = await self.store.run(q.ALL_PROJECTS)
        return [
            ProjectRecord(
                id=str(r["id"]),
                title=str(r["title"]),
                start_year=r.get("start_year"),
                lead=r.get("lead"),
                cities=tuple(sorted(taking_part[str(r["id"])])),
            )
            for r in rows
        ]

    async def partnerships(self) -> list[PartnershipRecord]:
        rows = await self.store.run(q.ALL_PARTNERSHIPS)
        return [
            PartnershipRecord(
                str(r["institution"]),
                str(r["institution_name"]),
                str(r["city"]),
                r.get("since_year"),
            )
            for r in rows
        ]

    async def host_applications(self, year: int) -> list[tuple[str, str]]:
        rows = await self.store.run(q.HOST_APPLICATIONS_OF_YEAR, year=year)
        return [(str(r["city"]), str(r["name"])) for r in rows]

    async def last_digest(self, before: dt.date) -> Props | None:
        rows = await self.store.run(q.LAST_DIGEST, before=before.isoformat())
        return dict(rows[0]["run"]) if rows else None

    async def record_digest(self, day: dt.date, props: Props) -> None:
        await self.store.run(q.RECORD_DIGEST, day=day.isoformat(), props=props)

    async def job_runs(self) -> dict[str, dt.datetime]:
        rows = await self.store.run(q.JOB_RUNS)
        return {
            str(r["job"]): dt.datetime.fromisoformat(str(r["started_at"]))
            for r in rows
            if r.get("started_at")
        }

    async def record_job_run(self, job: str, started: dt.datetime, outcome: str) -> None:
        await self.store.run(
            q.RECORD_JOB_RUN,
            job=job,
            started=started.isoformat(timespec="seconds"),
            now=self.core.clock.now().isoformat(timespec="seconds"),
            outcome=outcome[:500],
        )

    @after_write
    async def close_unanswered(self, introduction: str) -> bool:
        """Closes an open introduction as `no-answer`; False if an answer came meanwhile."""
        rows = await self.store.run(
            q.CLOSE_UNANSWERED,
            introduction=introduction,
            open=list(AWAITING_ANSWER),
            status=NO_ANSWER,
            today=self.core.clock.today().isoformat(),
        )
        return bool(rows)
