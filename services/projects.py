"""Pilot projects: create one, or change it (its relationship sets are replaced whole), and
answer an invitation to one.

Naming another city in a project is not enough to make it a partner: when a focal point names
other cities (`cities`), each is invited (`INVITED_TO`) and takes part only once that city's
focal point, or the secretariat, accepts; until then the invitation is no tie (recommendations,
paths and partner lists count participation only). The secretariat speaks for every city, so
the cities it names take part at once.

Every operation checks in this order and refuses at the first problem, before anything is
written: who may write at all; who may write for the city named; the values; that every
referenced node exists; conflicts with what is stored. Then one statement makes the whole
change. The id is the slug of the title (or the given slug), so a retry finds what the first
attempt wrote: the same content again succeeds with `created=False`, other content under a
taken id is refused naming the field that chose the id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.dataset import Props
from graph.model import PROJECT_STATUSES
from graph.statements import writes as statements
from names import fold_name
from services.core import Service, Written, after_write
from services.errors import FieldPath, InvalidInput, Missing, Refused
from services.policy import Viewer, is_secretariat, require_city, require_writer
from services.rules import (
    KEEP,
    SUMMARY_MAX,
    TITLE_MAX,
    Keep,
    choice,
    given,
    ids,
    own_id,
    reference,
    require_existing,
    required_text,
    text,
    year,
    years,
)

SETS = ("cities", "institutions", "fields", "sdg_targets")
_SET_LABELS = {
    "cities": "City",
    "institutions": "PartnerInstitution",
    "fields": "CreativeField",
    "sdg_targets": "SDGTarget",
}
_SET_PARAMS = {
    "cities": "city_ids",
    "institutions": "institution_ids",
    "fields": "field_ids",
    "sdg_targets": "target_ids",
}
_STATE_COLUMNS = {
    "cities": "cities",
    "institutions": "institutions",
    "fields": "fields",
    "sdg_targets": "targets",
}
_PROPS = ("title", "summary", "start_year", "end_year", "status")


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

    def sets(self) -> tuple[Any, ...]:
        return (self.cities, self.institutions, self.fields, self.sdg_targets)


@dataclass(frozen=True, slots=True)
class _Project:
    """A project's comparable content: its properties, lead city and relationship sets."""

    props: dict[str, Any]
    lead: str | None
    sets: dict[str, list[str]]  # `cities`: those taking part and those invited
    stored: Props = field(default_factory=dict)
    taking_part: tuple[str, ...] = ()

    def differences(self, other: _Project) -> list[str]:
        names = sorted(self.props.keys() | other.props.keys())
        found = [k for k in names if self.props.get(k) != other.props.get(k)]
        found += ["lead_city"] if self.lead != other.lead else []
        return found + [k for k in SETS if sorted(self.sets[k]) != sorted(other.sets[k])]


def _comparable(props: Props) -> dict[str, Any]:
    return {k: props[k] for k in _PROPS if props.get(k) is not None}


class Projects(Service):
    async def state(self, project: str) -> _Project | None:
        rows = await self.store.run(statements.PROJECT_STATE, project=project)
        if not rows:
            return None
        row = rows[0]
        leads = [str(x) for x in row["leads"]]
        sets = {k: [str(x) for x in row[_STATE_COLUMNS[k]]] for k in SETS}
        taking_part = tuple(sets["cities"])
        sets["cities"] = [*taking_part, *(str(x) for x in row["invited"])]
        props = dict(row["props"])
        return _Project(_comparable(props), leads[0] if leads else None, sets, props, taking_part)

    @after_write
    async def create(self, viewer: Viewer, new: NewProject) -> Written:
        require_writer(viewer, "create a project")
        lead_city = reference(new.lead_city, ("lead_city",))
        require_city(viewer, lead_city, ("lead_city",), "create a project led")
        title = required_text(new.title, ("title",), limit=TITLE_MAX)
        project = own_id(new.slug, title, ("slug",), ("title",))
        props: Props = {
            "title": title,
            "search_name": fold_name(title),
            "summary": text(new.summary, ("summary",), limit=SUMMARY_MAX),
            "start_year": year(new.start_year, ("start_year",)),
            "end_year": year(new.end_year, ("end_year",)),
            "status": choice(new.status, PROJECT_STATUSES, ("status",)),
        }
        years(new.start_year, new.end_year, ("end_year",))
        sets = {
            "cities": ids(new.cities, ("cities",)),
            "institutions": ids(new.institutions, ("institutions",)),
            "fields": ids(new.fields, ("fields",)),
            "sdg_targets": ids(new.sdg_targets, ("sdg_targets",), sdg=True),
        }
        _lead_apart(lead_city, sets["cities"], cities_given=True)
        await require_existing(self.store, "City", [(lead_city, ("lead_city",))])
        await self._require_sets(sets)
        wanted = _Project(_comparable(props), lead_city, sets)
        id_path: FieldPath = ("slug",) if new.slug is not None else ("title",)
        for _ in range(2):  # a concurrent create of the same id is seen on the second look
            stored = await self.state(project)
            if stored is not None:
                return _same_project(project, stored, wanted, id_path)
            params = {_SET_PARAMS[k]: v for k, v in sets.items()}
            params |= _participation(viewer, sets["cities"], taking_part=())
            rows = await self.store.run(
                statements.CREATE_PROJECT,
                project=project,
                lead=lead_city,
                props={k: v for k, v in props.items() if v is not None},
                today=self.core.clock.today().isoformat(),
                **params,
            )
            if rows:
                return Written(dict(rows[0]["props"]))
        raise InvalidInput(f"project {project!r} is being written by someone else; retry", id_path)

    @after_write
    async def update(self, viewer: Viewer, changes: ProjectChanges) -> Written:
        require_writer(viewer, "change a project")
        project = reference(changes.project, ("project",))
        stored = await self.state(project)
        if stored is None:
            raise Missing(f"no pilot project with id {project!r}", ("project",), project)
        if not is_secretariat(viewer) and stored.lead != viewer.city:
            raise Refused(
                f"only the lead city's focal point ({stored.lead}) or the secretariat may change "
                f"project {project!r}",
                ("project",),
            )
        props = _changed_props(changes)
        start_year = props.get("start_year", stored.props.get("start_year"))
        end_year = props["end_year"] if "end_year" in props else stored.props.get("end_year")
        years(start_year, end_year, ("end_year",) if "end_year" in props else ("start_year",))
        lead = stored.lead
        if not isinstance(changes.lead_city, Keep):
            lead = reference(given(changes.lead_city, ("lead_city",)), ("lead_city",))
            if lead != stored.lead:
                require_city(viewer, lead, ("lead_city",), "hand a project over to a lead city")
        sets: dict[str, list[str]] = {}
        for name, value in zip(SETS, changes.sets(), strict=True):
            if not isinstance(value, Keep):
                values = given(value, (name,), is_list=True)
                sets[name] = ids(values, (name,), sdg=name == "sdg_targets")
        if lead is not None:
            final_cities = sets["cities"] if "cities" in sets else stored.sets["cities"]
            _lead_apart(lead, final_cities, cities_given="cities" in sets)
        if lead != stored.lead and lead is not None:
            await require_existing(self.store, "City", [(lead, ("lead_city",))])
        await self._require_sets(sets)
        params = {_SET_PARAMS[k]: sets.get(k) for k in SETS}
        if "cities" in sets:
            params |= _participation(viewer, sets["cities"], stored.taking_part)
        else:
            params["invited_ids"] = None
        rows = await self.store.run(
            statements.UPDATE_PROJECT,
            project=project,
            props=props,
            lead=lead if lead != stored.lead else None,
            today=self.core.clock.today().isoformat(),
            **params,
        )
        if not rows:  # removed between the check and the write
            raise Missing(f"no pilot project with id {project!r}", ("project",), project)
        return Written(dict(rows[0]["props"]), created=False)

    @after_write
    async def answer_invitation(
        self, viewer: Viewer, project: str, city: str, accept: bool
    ) -> Written:
        """The invited city (its focal point, or the secretariat) accepts, and takes part, or
        declines, and the invitation goes."""
        require_writer(viewer, "answer an invitation")
        project = reference(project, ("project",))
        city = reference(city, ("city",))
        require_city(viewer, city, ("city",), "answer an invitation")
        rows = await self.store.run(
            statements.ANSWER_INVITATION, project=project, city=city, accept=accept
        )
        if not rows:
            raise Missing(
                f"{city!r} has no invitation to project {project!r}", ("project",), project
            )
        return Written(dict(rows[0]["props"]), created=False)

    async def _require_sets(self, sets: dict[str, list[str]]) -> None:
        for name, values in sets.items():
            refs = [(value, (name, str(index))) for index, value in enumerate(values)]
            await require_existing(self.store, _SET_LABELS[name], refs)


def _participation(
    viewer: Viewer, cities: list[str], taking_part: tuple[str, ...]
) -> dict[str, list[str]]:
    """Who of `cities` takes part and who is invited: the secretariat's word makes them take
    part; a focal point invites those not already taking part."""
    if is_secretariat(viewer):
        return {"city_ids": list(cities), "invited_ids": []}
    return {
        "city_ids": [c for c in cities if c in taking_part],
        "invited_ids": [c for c in cities if c not in taking_part],
    }


def _changed_props(changes: ProjectChanges) -> Props:
    props: Props = {}
    if not isinstance(changes.title, Keep):
        title = required_text(given(changes.title, ("title",)), ("title",), limit=TITLE_MAX)
        props |= {"title": title, "search_name": fold_name(title)}
    if not isinstance(changes.summary, Keep):
        props["summary"] = text(changes.summary, ("summary",), limit=SUMMARY_MAX)
    if not isinstance(changes.start_year, Keep):
        start = given(changes.start_year, ("start_year",))
        props["start_year"] = year(start, ("start_year",))
    if not isinstance(changes.end_year, Keep):
        props["end_year"] = year(changes.end_year, ("end_year",))
    if not isinstance(changes.status, Keep):
        status = given(changes.status, ("status",))
        props["status"] = choice(status, PROJECT_STATUSES, ("status",))
    return props


def _same_project(project: str, stored: _Project, wanted: _Project, id_path: FieldPath) -> Written:
    differ = stored.differences(wanted)
    if differ:
        raise InvalidInput(
            f"a project with id {project!r} already exists and differs in "
            f"{', '.join(f'`{d}`' for d in differ)}; change that project instead, "
            "or give another `slug`",
            id_path,
        )
    return Written(stored.stored, created=False)


def _lead_apart(lead: str, cities: list[str], *, cities_given: bool) -> None:
    """The lead city leads; `cities` are the other cities taking part."""
    if lead not in cities:
        return
    if cities_given:
        raise InvalidInput(
            f"{lead!r} is the lead city; name it as `lead_city` only, not among `cities`",
            ("cities", str(cities.index(lead))),
        )
    raise InvalidInput(
        f"{lead!r} takes part in the project already; to make it the lead city, "
        "also give `cities` without it",
        ("lead_city",),
    )
