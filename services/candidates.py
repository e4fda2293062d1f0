"""Candidate cities of a call, each with the member city that mentors it (seed 5.3)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.dataset import Props
from graph.model import MENTORSHIP_STATUSES
from graph.statements import writes as statements
from names import fold_name
from services.core import Service, after_write
from services.errors import FieldPath, InvalidInput
from services.policy import Viewer, require_secretariat
from services.rules import (
    TITLE_MAX,
    choice,
    converted,
    own_id,
    reference,
    require_existing,
    required_text,
    same_candidate,
    same_mentorship,
    year,
    years,
)


@dataclass(frozen=True, slots=True)
class NewCandidate:
    name: str
    country: str
    field: str
    mentor: str
    start_year: int
    slug: str | None = None
    end_year: int | None = None
    status: str = "proposed"


@dataclass(frozen=True, slots=True)
class CandidateWritten:
    city: Props
    mentorship: Props
    created: bool


class Candidates(Service):
    @after_write
    async def record(self, viewer: Viewer, new: NewCandidate) -> CandidateWritten:
        """A candidate city (created, or the same candidate again) and its mentorship."""
        require_secretariat(viewer, "record a candidate city")
        name = required_text(new.name, ("name",), limit=TITLE_MAX)
        candidate = own_id(new.slug, name, ("slug",), ("name",))
        id_path: FieldPath = ("slug",) if new.slug is not None else ("name",)
        country: str = converted("iso2", new.country, ("country",))
        mentor = reference(new.mentor, ("mentor",))
        year(new.start_year, ("start_year",))
        year(new.end_year, ("end_year",))
        years(new.start_year, new.end_year, ("end_year",))
        status = choice(new.status, MENTORSHIP_STATUSES, ("status",))
        if candidate == mentor:
            raise InvalidInput("a city cannot mentor itself", id_path)
        store = self.store
        await require_existing(store, "City", [(mentor, ("mentor",))])
        await require_existing(store, "Country", [(country, ("country",))])
        await require_existing(store, "CreativeField", [(new.field, ("field",))])
        mentor_status = (await store.get("City", mentor) or {}).get("status")
        if mentor_status != "member":
            raise InvalidInput(
                f"`mentor` must be a member city; {mentor!r} is {mentor_status}", ("mentor",)
            )
        city_props: Props = {"name": name, "search_name": fold_name(name), "status": "candidate"}
        rows = await store.run(statements.CANDIDATE_STATE, candidate=candidate)
        if rows:
            same_candidate(candidate, rows[0], name, country, new.field, id_path)
        mentorship = f"{mentor}:{candidate}:{new.start_year}"
        mentorship_props: Props = {"start_year": new.start_year, "status": status}
        if new.end_year is not None:
            mentorship_props["end_year"] = new.end_year
        stored = await store.get("Mentorship", mentorship)
        if stored is not None:
            same_mentorship(mentorship, stored, mentorship_props)
        written = await store.run(
            statements.RECORD_CANDIDATE,
            mentor=mentor,
            country=country,
            field=new.field,
            candidate=candidate,
            city_props=city_props,
            candidate_status="candidate",
            candidate_name=name,
            mentorship=mentorship,
            mentorship_props=mentorship_props,
        )
        if not written:  # someone else wrote another city under this id meanwhile
            raise InvalidInput(f"city {candidate!r} was just written by someone else", id_path)
        row = written[0]
        same_mentorship(mentorship, dict(row["mentorship"]), mentorship_props)
        # The statement says who created it: of concurrent identical calls, exactly one.
        return CandidateWritten(dict(row["city"]), dict(row["mentorship"]), created=row["created"])
