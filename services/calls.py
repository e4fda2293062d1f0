"""A call for applications' candidate list against the network's rules (`brain.calls`).

A candidate whose record in the graph is wrong (two countries or fields, an unknown status) is
reported by the brain as a `bad_record` violation; a member city with two countries counts as
a member in each, so a namesake candidate in either is still caught."""

from __future__ import annotations

from brain import calls
from graph.engine import Row
from graph.statements import brain as q
from services.core import Service
from services.mentors import call_and_members, check_call_year, one_of, record_problem
from services.policy import Viewer, require_secretariat


class Calls(Service):
    async def check(self, viewer: Viewer, call_year: int) -> calls.CallCheck:
        require_secretariat(viewer, "check a call's applications")
        check_call_year(call_year)
        candidate_rows, member_rows = await call_and_members(self.store, call_year)
        opened = {str(r["id"]): int(r["since"]) for r in await self.store.run(q.FIELDS_OPEN)}
        candidates = [
            calls.CallCandidate(
                city_id=str(r["id"]),
                name=str(r["name"]),
                country=one_of(r["countries"]),
                field=one_of(r["fields"]),
                status=str(r["status"]),
                record_problem=record_problem(r) or _status_problem(r),
            )
            for r in candidate_rows
        ]
        members = [
            calls.Member(city_id=str(r["id"]), name=str(r["name"]), country=str(country))
            for r in member_rows
            for country in (r["countries"] or [""])
        ]
        return calls.check_applications(
            call_year, candidates, members, opened, self.core.config.calls
        )


def _status_problem(row: Row) -> str | None:
    if row["status"] in calls.CANDIDATE_STATUSES:
        return None
    return f"its status is {row['status']!r}, not one of {', '.join(calls.CANDIDATE_STATUSES)}"
