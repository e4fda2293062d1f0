"""The Annual Conference: cities apply to host it, and the secretariat ranks them
(`brain.hosts`) from the conference history before the year and each city's standing.

An applicant whose record in the graph cannot be scored (two countries or fields, no region or
field of the network, two applications for the year, a capacity that is not a number >= 0) is
not ranked: it comes back in `Ranked.left_out` with the reason, and the others are ranked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from brain import hosts
from graph.dataset import Props
from graph.engine import Row
from graph.statements import brain as q
from services.core import Service, after_write
from services.errors import InvalidInput, Missing
from services.mentors import one_of, record_problem
from services.policy import Viewer, require_city, require_secretariat, require_writer
from services.rules import NOTE_MAX, checked, require_existing, text

CONFERENCE_YEARS = (2004, 2100)


@dataclass(frozen=True, slots=True)
class HostApplicationInput:
    city: str
    year: int
    venue_seats: int | None
    hotel_rooms: int | None
    airport_km: float | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class Ranked:
    year: int
    as_of: dt.date
    candidates: list[hosts.HostRanking]
    left_out: tuple[hosts.LeftOut, ...] = ()  # applicants with a bad record, by city id


def applicant_problem(row: Row) -> str | None:
    """Why a `HOST_APPLICANTS` row cannot be scored, or None."""
    problem = record_problem(row)
    if problem:
        return problem
    if len(row["applications"]) > 1:
        listed = ", ".join(sorted(str(a) for a in row["applications"]))
        return f"the graph holds {len(row['applications'])} applications of it ({listed})"
    if one_of(row["regions"]) not in hosts.REGION_NAMES:
        return "the graph gives it no UNESCO region (no country, or one without a region)"
    if one_of(row["fields"]) not in hosts.FIELD_NAMES:
        return "the graph gives it no creative field of the network"
    for name in ("venue_seats", "hotel_rooms", "airport_km"):
        value = row[name]
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if value is not None and not (number and value >= 0):  # `not >=` refuses NaN too
            return f"its application declares {name} {value!r}, not a number >= 0"
    return None


class Hosts(Service):
    async def rank(self, viewer: Viewer, year: int, as_of: dt.date | None = None) -> Ranked:
        """History counts up to the year before, so a past year gives what the history then
        would have suggested; standing is taken on `as_of` (default: today, or the last day
        before the conference year)."""
        require_secretariat(viewer, "rank the cities applying to host a conference")
        low, high = CONFERENCE_YEARS
        if not low <= year <= high:
            raise InvalidInput(f"`year` must be between {low} and {high}", ("year",))
        on = as_of or min(self.core.clock.today(), dt.date(year - 1, 12, 31))
        if on.year >= year + 1:
            raise InvalidInput("`as_of` must be before the conference year ends", ("as_of",))
        return await self._rank(year, on)

    async def _rank(self, year: int, as_of: dt.date) -> Ranked:
        store = self.store
        applicant_rows = await store.run(q.HOST_APPLICANTS, year=year)
        history_rows = await store.run(q.HOST_HISTORY, year=year)
        ids = [str(r["id"]) for r in applicant_rows]
        overdue = {str(r["id"]) for r in await store.run(q.OVERDUE_ON, on=as_of.isoformat())}
        contributed = {
            str(r["key"]): [int(y) for y in r["years"]]
            for r in await store.run(q.CONTRIBUTION_YEARS, ids=ids, year=as_of.year + 1)
        }
        hosted: dict[str, list[int]] = defaultdict(list)
        history = []
        for r in history_rows:
            for city in r["cities"]:
                hosted[str(city)].append(int(r["year"]))
            history.append(
                hosts.PastConference(
                    year=int(r["year"]),
                    regions=tuple(str(x) for x in r["regions"] if x in hosts.REGION_NAMES),
                    fields=tuple(str(x) for x in r["fields"] if x in hosts.FIELD_NAMES),
                )
            )
        applicants: list[hosts.Applicant] = []
        left_out: list[hosts.LeftOut] = []
        for r in applicant_rows:
            city_id, name = str(r["id"]), str(r["name"])
            problem = applicant_problem(r)
            if problem:
                left_out.append(hosts.bad_record(city_id, name, problem))
                continue
            applicants.append(
                hosts.Applicant(
                    city_id=city_id,
                    name=name,
                    region=one_of(r["regions"]),
                    field=one_of(r["fields"]),
                    global_south=bool(r["south"]),
                    hosted_years=tuple(sorted(hosted.get(city_id, []))),
                    reports_up_to_date=city_id not in overdue,
                    contributions_up_to_date=any(
                        y >= as_of.year - 2 for y in contributed.get(city_id, [])
                    ),
                    venue_seats=r["venue_seats"],
                    hotel_rooms=r["hotel_rooms"],
                    airport_km=r["airport_km"],
                )
            )
        applicants, twice = hosts.without_duplicates(applicants)
        config = self.core.config
        ranking = hosts.rank_hosts(
            year, applicants, history, config.host_needs, config.host_weights
        )
        return Ranked(
            year, as_of, ranking, tuple(sorted(left_out + twice, key=lambda x: x.city_id))
        )

    @after_write
    async def apply(self, viewer: Viewer, application: HostApplicationInput) -> Props:
        """A city applies to host a conference; applying again replaces what it declared."""
        require_writer(viewer, "apply to host a conference")
        require_city(viewer, application.city, ("city",), "apply to host a conference")
        today = self.core.clock.today()
        if not today.year <= application.year <= today.year + 10:
            raise InvalidInput(
                f"`year` must be between {today.year} and {today.year + 10}", ("year",)
            )
        for name, value in (
            ("venue_seats", application.venue_seats),
            ("hotel_rooms", application.hotel_rooms),
            ("airport_km", application.airport_km),
        ):
            checked(value, (name,))
        notes = text(application.notes, ("notes",), limit=NOTE_MAX)
        await require_existing(self.store, "City", [(application.city, ("city",))])
        application_id = f"{application.year}:{application.city}"
        props: Props = {
            "id": application_id,
            "year": application.year,
            "submitted_date": today.isoformat(),
        }
        declared: dict[str, object] = {
            "venue_seats": application.venue_seats,
            "hotel_rooms": application.hotel_rooms,
            "airport_km": application.airport_km,
            "notes": notes,
        }
        props.update({name: value for name, value in declared.items() if value is not None})
        rows = await self.store.run(
            q.RECORD_HOST_APPLICATION,
            city=application.city,
            application=application_id,
            props=props,
        )
        if not rows:
            raise Missing(f"no city {application.city!r}", ("city",), application.city)
        return dict(rows[0]["props"])
