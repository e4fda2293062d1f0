"""A call for applications' candidate list against the network's rules (`brain.calls`)."""

from __future__ import annotations

from brain import calls
from graph.statements import brain as q
from services.core import Service
from services.mentors import call_and_members, check_call_year
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
                country=str(r["country"] or ""),
                field=str(r["field"] or ""),
                status=str(r["status"]),
            )
            for r in candidate_rows
        ]
        members = [
            calls.Member(city_id=str(r["id"]), name=str(r["name"]), country=str(r["country"] or ""))
            for r in member_rows
        ]
        return calls.check_applications(
            call_year, candidates, members, opened, self.core.config.calls
        )
