"""Writes of pilot projects: create one, or change it (its relationship sets are replaced whole).

Same order of checks as `hub.writes`: permission, values, references, conflicts, then one
statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.dataset import Props
from graph.model import PROJECT_STATUSES
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
    choice,
    given,
    ids,
    own_id,
    reference,
    require_city,
    require_existing,
    require_writer,
    required_text,
    text,
    year,
    years,
)
from hub.writes import Written

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
