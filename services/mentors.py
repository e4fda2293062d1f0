"""Mentor pairing for a call's candidate cities (seed 5.3): the graph's rows as the brain's
candidates and mentors, and one optimal assignment (`brain.mentors`). For the secretariat.

A city whose record is bad (the graph gives it two countries or two fields) still comes as one
candidate or mentor, with `record_problem` saying what is wrong; the brain leaves it out of the
pairing with that reason, and the rest of the call is paired as usual."""

from __future__ import annotations

from brain import mentors
from graph.engine import Row
from graph.statements import brain as q
from graph.store import GraphStore
from services.core import Service
from services.errors import InvalidInput
from services.policy import Viewer, require_secretariat

RUNNING_MENTORSHIPS = ["proposed", "active"]
CALL_YEARS = (2000, 2100)


def check_call_year(call_year: int) -> None:
    low, high = CALL_YEARS
    if not low <= call_year <= high:
        raise InvalidInput(f"`call_year` must be between {low} and {high}", ("call_year",))


def record_problem(row: Row) -> str | None:
    """What makes a city's row (`CALL_CANDIDATES`, `MEMBERS`, `HOST_APPLICANTS`) unusable: the
    graph gives the city more than one country, region or creative field, where it has one of
    each. None: the row is fine."""
    parts = [
        f"{len(values)} {noun} ({', '.join(sorted(str(v) for v in values))})"
        for noun, values in (
            ("countries", row["countries"]),
            ("regions", row["regions"]),
            ("creative fields", row["fields"]),
        )
        if len(values) > 1
    ]
    if not parts:
        return None
    return f"the graph gives it {' and '.join(parts)}, where a city has one"


def one_of(values: list[object]) -> str:
    """The one value of a place list; empty when there is none (or, on a bad record, several)."""
    return str(values[0]) if len(values) == 1 and values[0] is not None else ""


def candidate_of(row: Row) -> mentors.Candidate:
    """A candidate city from a `CALL_CANDIDATES` row."""
    return mentors.Candidate(
        id=str(row["id"]),
        name=str(row["name"]),
        field=one_of(row["fields"]),
        region=one_of(row["regions"]),
        country=one_of(row["countries"]),
        languages=tuple(str(x) for x in row["languages"]),
        record_problem=record_problem(row),
    )


def mentor_of(
    row: Row, *, overdue: tuple[int, str] | None = None, mentees: int = 0
) -> mentors.Mentor:
    """A member city from a `MEMBERS` row, with its overdue reports and running mentorships."""
    return mentors.Mentor(
        id=str(row["id"]),
        name=str(row["name"]),
        field=one_of(row["fields"]),
        region=one_of(row["regions"]),
        country=one_of(row["countries"]),
        languages=tuple(str(x) for x in row["languages"]),
        good_standing=overdue is None,
        standing_note=(
            f"{overdue[0]} monitoring report(s) overdue since {overdue[1]}" if overdue else None
        ),
        current_mentees=mentees,
        record_problem=record_problem(row),
    )


async def call_and_members(store: GraphStore, call_year: int) -> tuple[list[Row], list[Row]]:
    """A call's candidate cities, and every member city (mentors; who is one already)."""
    return (
        await store.run(q.CALL_CANDIDATES, year=call_year),
        await store.run(q.MEMBERS),
    )


class Mentors(Service):
    async def propose(self, viewer: Viewer, call_year: int) -> mentors.Assignment:
        require_secretariat(viewer, "propose mentors")
        check_call_year(call_year)
        store = self.store
        candidate_rows, member_rows = await call_and_members(store, call_year)
        mentees = {
            str(r["id"]): int(r["mentees"])
            for r in await store.run(q.MENTEES, statuses=RUNNING_MENTORSHIPS)
        }
        today = self.core.clock.today()
        overdue = {
            str(r["id"]): (int(r["overdue"]), str(r["since"]))
            for r in await store.run(q.OVERDUE_ON, on=today.isoformat())
        }
        candidates = [candidate_of(r) for r in candidate_rows if r["status"] == "candidate"]
        pool = [
            mentor_of(r, overdue=overdue.get(str(r["id"])), mentees=mentees.get(str(r["id"]), 0))
            for r in member_rows
        ]
        return mentors.propose_mentors(candidates, pool, self.core.config.mentors)
