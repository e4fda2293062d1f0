"""The writes the API offers: permission, validation, references, then ONE statement each.

Every function checks in this order and raises a `WriteError` (from `hub.write_rules`) at the
first problem, before anything is written: who may write at all; who may write for the city
named; the values; that every referenced node exists; conflicts with what is stored. Then one
statement of `graph.statements.writes` makes the whole change, atomically.

Ids are derived (slug of the title or name, `<city>:<cycle>`, `<city>:<year>`,
`<mentor>:<candidate>:<start year>`), so a retry finds what the first attempt wrote: the same
content again succeeds with `created=False` and writes nothing new; other content under a
taken id is refused with a `InvalidInput` naming the field that chose the id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.dataset import Props
from graph.model import MENTORSHIP_STATUSES
from graph.statements import writes as statements
from graph.store import GraphStore, fold_name
from hub.policy import Viewer, is_secretariat
from hub.write_rules import (
    TITLE_MAX,
    InvalidInput,
    Missing,
    Refused,
    at,
    checked,
    choice,
    converted,
    date,
    own_id,
    reference,
    require_city,
    require_existing,
    require_secretariat,
    require_writer,
    required_text,
    same_candidate,
    same_contribution,
    same_institution,
    same_mentorship,
    same_submission,
    year,
    years,
)


@dataclass(frozen=True, slots=True)
class Written:
    """The node as stored after the write; `created` is False when it was there already."""

    props: Props
    created: bool = True


@dataclass(frozen=True, slots=True)
class Linked:
    institution: Props
    city: Props
    since_year: int | None


@dataclass(frozen=True, slots=True)
class CandidateWritten:
    city: Props
    mentorship: Props
    created: bool


# --- partner institutions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewInstitution:
    name: str
    kind: str
    country: str
    slug: str | None = None
    website: str | None = None
    city: str | None = None  # a partner city; a focal point's own city when it registers
    since_year: int | None = None


async def register_institution(store: GraphStore, viewer: Viewer, new: NewInstitution) -> Written:
    require_writer(viewer, "registerInstitution")
    city = new.city if new.city is not None or is_secretariat(viewer) else viewer.city
    if city is not None:
        require_city(viewer, city, at("city"), "register an institution")
    name = required_text(new.name, at("name"), limit=TITLE_MAX)
    institution = own_id(new.slug, name, at("slug"), at("name"))
    country: str = converted("iso2", new.country, at("country"))
    props: Props = {
        "name": name,
        "search_name": fold_name(name),
        "kind": new.kind,
        "website": converted("url", new.website, at("website")),
    }
    since = year("since_year", new.since_year, at("sinceYear"))
    if since is not None and city is None:
        raise InvalidInput("sinceYear needs a city to partner with", at("sinceYear"))
    await require_existing(store, "Country", [(country, at("country"))])
    if city is not None:
        await require_existing(store, "City", [(city, at("city"))])
    id_path = at("slug") if new.slug is not None else at("name")
    for _ in range(2):
        rows = await store.run(statements.INSTITUTION_STATE, institution=institution)
        if rows:
            same_institution(institution, rows[0], props, country, id_path)
            if city is not None:
                await store.run(
                    statements.LINK_INSTITUTION,
                    institution=institution,
                    city=city,
                    since_year=since,
                )
            return Written(dict(rows[0]["props"]), created=False)
        rows = await store.run(
            statements.CREATE_INSTITUTION,
            institution=institution,
            country=country,
            props={k: v for k, v in props.items() if v is not None},
            city=city,
            since_year=since,
        )
        if rows:
            return Written(dict(rows[0]["props"]))
    raise InvalidInput(f"institution {institution!r} is being written by someone else", id_path)


@dataclass(frozen=True, slots=True)
class InstitutionLink:
    institution: str
    city: str
    since_year: int | None = None  # not given: the year already recorded stays


async def link_institution(store: GraphStore, viewer: Viewer, link: InstitutionLink) -> Linked:
    require_writer(viewer, "linkInstitution")
    institution = reference(link.institution, at("institution"))
    city = reference(link.city, at("city"))
    require_city(viewer, city, at("city"), "link an institution")
    since = year("since_year", link.since_year, at("sinceYear"))
    await require_existing(store, "PartnerInstitution", [(institution, at("institution"))])
    await require_existing(store, "City", [(city, at("city"))])
    rows = await store.run(
        statements.LINK_INSTITUTION, institution=institution, city=city, since_year=since
    )
    if not rows:  # removed between the check and the write
        raise Missing(f"no city with id {city!r}", at("city"), city)
    row = rows[0]
    return Linked(dict(row["institution"]), dict(row["city"]), row["since_year"])


# --- records about a city -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportSubmission:
    """A city's monitoring report of `cycle` was submitted. A report not on record yet is
    created with `due_date`, which only the secretariat sets."""

    city: str
    cycle: int
    submitted_date: str
    url: str | None = None
    due_date: str | None = None


async def record_report_submission(
    store: GraphStore, viewer: Viewer, sub: ReportSubmission
) -> Written:
    require_writer(viewer, "recordReportSubmission")
    city = reference(sub.city, at("city"))
    require_city(viewer, city, at("city"), "record a report submission")
    year("cycle", sub.cycle, at("cycle"))
    today = dt.datetime.now(dt.UTC).date()
    submitted = date(sub.submitted_date, at("submittedDate"), not_after=today)
    if submitted is None:
        raise InvalidInput("submittedDate is required", at("submittedDate"))
    url = converted("url", sub.url, at("url"))
    due = date(sub.due_date, at("dueDate"))
    await require_existing(store, "City", [(city, at("city"))])
    report = f"{city}:{sub.cycle}"
    stored = await store.get("MonitoringReport", report)
    if stored is None and due is None:
        raise Missing(
            f"no monitoring report of {city!r} for cycle {sub.cycle} is on record; "
            "the secretariat records it with its dueDate",
            at("cycle"),
            report,
        )
    if stored is None and not is_secretariat(viewer):
        raise Refused("only the secretariat sets a report's dueDate", at("dueDate"))
    if stored is not None and due is not None and stored.get("due_date") != due:
        raise InvalidInput(
            f"report {report!r} is due {stored.get('due_date')}; leave dueDate out", at("dueDate")
        )
    if stored is not None:
        same_submission(report, stored, submitted)
    rows = await store.run(
        statements.RECORD_REPORT,
        city=city,
        report=report,
        cycle=sub.cycle,
        due_date=due,
        submitted_date=submitted,
        url=url,
    )
    if not rows:  # the city went, or another submission date was recorded meanwhile
        same_submission(report, await store.get("MonitoringReport", report) or {}, submitted)
        raise Missing(f"no city with id {city!r}", at("city"), city)
    return Written(dict(rows[0]["props"]), created=stored is None)


@dataclass(frozen=True, slots=True)
class NewContribution:
    city: str
    year: int
    amount: float
    currency: str = "USD"


async def record_contribution(store: GraphStore, viewer: Viewer, new: NewContribution) -> Written:
    require_secretariat(viewer, "recordContribution")
    city = reference(new.city, at("city"))
    props: Props = {
        "year": year("year", new.year, at("year")),
        "amount": checked("amount", float(new.amount), at("amount")),
        "currency": checked("currency", new.currency.strip(), at("currency")),
    }
    await require_existing(store, "City", [(city, at("city"))])
    contribution = f"{city}:{new.year}"
    stored = await store.get("Contribution", contribution)
    if stored is not None:
        same_contribution(contribution, stored, props)
    rows = await store.run(
        statements.RECORD_CONTRIBUTION, city=city, contribution=contribution, props=props
    )
    if not rows:
        raise Missing(f"no city with id {city!r}", at("city"), city)
    written = dict(rows[0]["props"])
    same_contribution(contribution, written, props)  # a concurrent record got there first
    return Written(written, created=stored is None)


# --- candidate cities and their mentorships -----------------------------------------------------


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


async def record_candidate(
    store: GraphStore, viewer: Viewer, new: NewCandidate
) -> CandidateWritten:
    """A candidate city (created, or the same candidate again) and its mentorship."""
    require_secretariat(viewer, "recordCandidate")
    name = required_text(new.name, at("name"), limit=TITLE_MAX)
    candidate = own_id(new.slug, name, at("slug"), at("name"))
    id_path = at("slug") if new.slug is not None else at("name")
    country: str = converted("iso2", new.country, at("country"))
    mentor = reference(new.mentor, at("mentor"))
    year("start_year", new.start_year, at("startYear"))
    year("end_year", new.end_year, at("endYear"))
    years(new.start_year, new.end_year, at("endYear"))
    status = choice(new.status, MENTORSHIP_STATUSES, at("status"))
    if candidate == mentor:
        raise InvalidInput("a city cannot mentor itself", id_path)
    await require_existing(store, "City", [(mentor, at("mentor"))])
    await require_existing(store, "Country", [(country, at("country"))])
    await require_existing(store, "CreativeField", [(new.field, at("field"))])
    mentor_status = (await store.get("City", mentor) or {}).get("status")
    if mentor_status != "member":
        raise InvalidInput(
            f"mentor must be a member city; {mentor!r} is {mentor_status}", at("mentor")
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
    return CandidateWritten(dict(row["city"]), dict(row["mentorship"]), created=stored is None)
