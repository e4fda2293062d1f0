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
from dataclasses import dataclass, field
from typing import Any

from graph.dataset import Props
from graph.model import MENTORSHIP_STATUSES, PROJECT_STATUSES
from graph.statements import writes as statements
from graph.store import GraphStore, fold_name
from hub.policy import Viewer, is_secretariat
from hub.write_rules import (
    KEEP,
    SUMMARY_MAX,
    TITLE_MAX,
    InvalidInput,
    Keep,
    Missing,
    Path,
    Refused,
    at,
    checked,
    choice,
    converted,
    date,
    given,
    ids,
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
    text,
    year,
    years,
)

SETS = ("cities", "institutions", "fields", "sdgTargets")
_SET_LABELS = {
    "cities": "City",
    "institutions": "PartnerInstitution",
    "fields": "CreativeField",
    "sdgTargets": "SDGTarget",
}
_SET_PARAMS = {
    "cities": "city_ids",
    "institutions": "institution_ids",
    "fields": "field_ids",
    "sdgTargets": "target_ids",
}
_STATE_COLUMNS = {
    "cities": "cities",
    "institutions": "institutions",
    "fields": "fields",
    "sdgTargets": "targets",
}


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


# --- pilot projects -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewProject:
    title: str
    start_year: int
    lead_city: str
    slug: str | None = None
    summary: str | None = None
    end_year: int | None = None
    status: str = "planned"
    cities: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProjectChanges:
    """What to change; `KEEP` leaves a field as it is, a list replaces the whole set."""

    project: str
    title: str | Keep | None = KEEP
    summary: str | Keep | None = KEEP
    start_year: int | Keep | None = KEEP
    end_year: int | Keep | None = KEEP
    status: str | Keep | None = KEEP
    lead_city: str | Keep | None = KEEP
    cities: list[str] | Keep | None = KEEP
    institutions: list[str] | Keep | None = KEEP
    fields: list[str] | Keep | None = KEEP
    sdg_targets: list[str] | Keep | None = KEEP


@dataclass(frozen=True, slots=True)
class _Project:
    """A project's comparable content: properties by API name, and its relationship sets."""

    props: dict[str, Any]
    lead: str | None
    sets: dict[str, list[str]]
    stored: Props = field(default_factory=dict)

    def differences(self, other: _Project) -> list[str]:
        names = sorted(self.props.keys() | other.props.keys())
        found = [k for k in names if self.props.get(k) != other.props.get(k)]
        found += ["leadCity"] if self.lead != other.lead else []
        return found + [k for k in SETS if sorted(self.sets[k]) != sorted(other.sets[k])]


def _project_props(props: Props) -> dict[str, Any]:
    names = {"title": "title", "summary": "summary", "start_year": "startYear"}
    names |= {"end_year": "endYear", "status": "status"}
    return {api: props[key] for key, api in names.items() if props.get(key) is not None}


async def _project_state(store: GraphStore, project: str) -> _Project | None:
    rows = await store.run(statements.PROJECT_STATE, project=project)
    if not rows:
        return None
    row = rows[0]
    leads = [str(x) for x in row["leads"]]
    sets = {k: [str(x) for x in row[_STATE_COLUMNS[k]]] for k in SETS}
    props = dict(row["props"])
    return _Project(_project_props(props), leads[0] if leads else None, sets, props)


async def create_project(store: GraphStore, viewer: Viewer, new: NewProject) -> Written:
    require_writer(viewer, "createProject")
    lead_city = reference(new.lead_city, at("leadCity"))
    require_city(viewer, lead_city, at("leadCity"), "create a project led")
    title = required_text(new.title, at("title"), limit=TITLE_MAX)
    project = own_id(new.slug, title, at("slug"), at("title"))
    props: Props = {
        "title": title,
        "search_name": fold_name(title),
        "summary": text(new.summary, at("summary"), limit=SUMMARY_MAX),
        "start_year": year("start_year", new.start_year, at("startYear")),
        "end_year": year("end_year", new.end_year, at("endYear")),
        "status": choice(new.status, PROJECT_STATUSES, at("status")),
    }
    years(new.start_year, new.end_year, at("endYear"))
    sets = {
        "cities": ids(new.cities, at("cities")),
        "institutions": ids(new.institutions, at("institutions")),
        "fields": ids(new.fields, at("fields")),
        "sdgTargets": ids(new.sdg_targets, at("sdgTargets"), sdg=True),
    }
    _lead_apart(lead_city, sets["cities"], cities_given=True)
    await require_existing(store, "City", [(lead_city, at("leadCity"))])
    await _require_sets(store, sets)
    wanted = _Project(_project_props(props), lead_city, sets)
    id_path = at("slug") if new.slug is not None else at("title")
    for _ in range(2):  # a concurrent create of the same id is seen on the second look
        stored = await _project_state(store, project)
        if stored is not None:
            return _same_project(project, stored, wanted, id_path)
        rows = await store.run(
            statements.CREATE_PROJECT,
            project=project,
            lead=lead_city,
            props={k: v for k, v in props.items() if v is not None},
            **{_SET_PARAMS[k]: v for k, v in sets.items()},
        )
        if rows:
            return Written(dict(rows[0]["props"]))
    raise InvalidInput(f"project {project!r} is being written by someone else; retry", id_path)


def _same_project(project: str, stored: _Project, wanted: _Project, id_path: Path) -> Written:
    differ = stored.differences(wanted)
    if differ:
        raise InvalidInput(
            f"a project with id {project!r} already exists and differs in "
            f"{', '.join(differ)}; change it with updateProject, or give another slug",
            id_path,
        )
    return Written(stored.stored, created=False)


async def update_project(store: GraphStore, viewer: Viewer, changes: ProjectChanges) -> Written:
    require_writer(viewer, "updateProject")
    project = reference(changes.project, at("project"))
    stored = await _project_state(store, project)
    if stored is None:
        raise Missing(f"no pilot project with id {project!r}", at("project"), project)
    if not is_secretariat(viewer) and stored.lead != viewer.city:
        raise Refused(
            f"only the lead city's focal point ({stored.lead}) or the secretariat may change "
            f"project {project!r}",
            at("project"),
        )
    props: Props = {}
    if not isinstance(changes.title, Keep):
        title = required_text(given(changes.title, at("title")), at("title"), limit=TITLE_MAX)
        props |= {"title": title, "search_name": fold_name(title)}
    if not isinstance(changes.summary, Keep):
        props["summary"] = text(changes.summary, at("summary"), limit=SUMMARY_MAX)
    if not isinstance(changes.start_year, Keep):
        start = given(changes.start_year, at("startYear"))
        props["start_year"] = year("start_year", start, at("startYear"))
    if not isinstance(changes.end_year, Keep):
        props["end_year"] = year("end_year", changes.end_year, at("endYear"))
    if not isinstance(changes.status, Keep):
        status = given(changes.status, at("status"))
        props["status"] = choice(status, PROJECT_STATUSES, at("status"))
    start_year = props.get("start_year", stored.props.get("startYear"))
    end_year = props["end_year"] if "end_year" in props else stored.props.get("endYear")
    years(start_year, end_year, at("endYear") if "end_year" in props else at("startYear"))
    lead = stored.lead
    if not isinstance(changes.lead_city, Keep):
        lead = reference(given(changes.lead_city, at("leadCity")), at("leadCity"))
        if lead != stored.lead:
            require_city(viewer, lead, at("leadCity"), "hand a project over to a lead city")
    sets: dict[str, list[str]] = {}
    for name, value in zip(SETS, _set_changes(changes), strict=True):
        if not isinstance(value, Keep):
            values = given(value, at(name), is_list=True)
            sets[name] = ids(values, at(name), sdg=name == "sdgTargets")
    if lead is not None:
        final_cities = sets["cities"] if "cities" in sets else stored.sets["cities"]
        _lead_apart(lead, final_cities, cities_given="cities" in sets)
    if lead != stored.lead and lead is not None:
        await require_existing(store, "City", [(lead, at("leadCity"))])
    await _require_sets(store, sets)
    rows = await store.run(
        statements.UPDATE_PROJECT,
        project=project,
        props=props,
        lead=lead if lead != stored.lead else None,
        **{_SET_PARAMS[k]: sets.get(k) for k in SETS},
    )
    if not rows:  # removed between the check and the write
        raise Missing(f"no pilot project with id {project!r}", at("project"), project)
    return Written(dict(rows[0]["props"]), created=False)


def _set_changes(changes: ProjectChanges) -> tuple[Any, ...]:
    return (changes.cities, changes.institutions, changes.fields, changes.sdg_targets)


def _lead_apart(lead: str, cities: list[str], *, cities_given: bool) -> None:
    """The lead city leads; `cities` are the other cities taking part."""
    if lead not in cities:
        return
    if cities_given:
        raise InvalidInput(
            f"{lead!r} is the lead city; name it as leadCity only, not among cities",
            at("cities", cities.index(lead)),
        )
    raise InvalidInput(
        f"{lead!r} takes part in the project already; to make it the lead city, "
        "also give cities without it",
        at("leadCity"),
    )


async def _require_sets(store: GraphStore, sets: dict[str, list[str]]) -> None:
    for name, values in sets.items():
        refs = [(value, at(name, index)) for index, value in enumerate(values)]
        await require_existing(store, _SET_LABELS[name], refs)


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
