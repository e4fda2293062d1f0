"""Short listings for people who ask in a sentence (the bot, the jobs' digests): cities that
match a few criteria, projects by words or by SDG target, one target, and every city's name
for matching a name someone typed.

Cities and projects are listed by the same named statements as the API's `cities` and
`projects` connections (`graph.statements.listing`), projects found by words by the same
full-text search as its `search`; names, countries and fields come from the recommendation
index, which holds every city already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.statements import directory as q
from graph.statements import listing
from services.core import Core, Service
from services.errors import InvalidInput

NAME_ORDER = "NAME_ASC"


@dataclass(frozen=True, slots=True)
class CityCriteria:
    fields: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ("member",)


@dataclass(frozen=True, slots=True)
class CityCard:
    id: str
    name: str
    country: str | None
    country_name: str | None
    field: str | None
    field_name: str | None
    generated: bool


@dataclass(frozen=True, slots=True)
class ProjectLine:
    id: str
    title: str
    status: str
    start_year: int | None
    end_year: int | None
    lead: str | None
    lead_name: str | None
    targets: tuple[str, ...]
    partners: int
    generated: bool


@dataclass(frozen=True, slots=True)
class TargetLine:
    code: str
    goal: int
    title_en: str
    title_fr: str | None


@dataclass(frozen=True, slots=True)
class Listing[T]:
    items: list[T]
    total: int


@dataclass(frozen=True, slots=True)
class Places:
    """Names of regions and fields by id, and each country's region."""

    regions: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    country_region: dict[str, str | None] = field(default_factory=dict)


class Directory(Service):
    def __init__(self, core: Core) -> None:
        super().__init__(core)
        self._names: tuple[object, list[CityCard]] | None = None  # per index snapshot

    async def cities(self, criteria: CityCriteria, first: int) -> Listing[CityCard]:
        """Cities matching every criterion given, by name."""
        self._check_first(first)
        params: dict[str, Any] = {
            "statuses": list(criteria.statuses) or None,
            "fields": list(criteria.fields) or None,
            "regions": list(criteria.regions) or None,
            "countries": None,
            "global_south": None,
            "year_from": None,
            "year_to": None,
            "name": None,
            "generated": None,
            "targets": list(criteria.targets) or None,
        }
        rows = await self.store.run(listing.CITIES[NAME_ORDER], skip=0, page_end=first, **params)
        page = [dict(p) for p in rows[0]["page"]]
        return Listing([await self._card(p) for p in page], int(rows[0]["total"]))

    async def city_cards(self, ids: Sequence[str]) -> list[CityCard]:
        snap = await self.core.partner_index.snapshot()
        return [_card_of(snap.cities[i].name, i, snap) for i in ids if i in snap.cities]

    async def projects(
        self,
        *,
        words: str | None = None,
        targets: Sequence[str] = (),
        cities: Sequence[str] = (),
        first: int,
    ) -> Listing[ProjectLine]:
        """Projects whose title has these words (best first), or that work on one of
        `targets` or involve one of `cities` (newest first)."""
        self._check_first(first)
        if words is not None:
            found = await self.store.search_nodes("PilotProject", words, first)
            ids = [str(props["id"]) for props, _score in found]
            total = len(ids)
        else:
            rows = await self.store.run(
                listing.PROJECTS,
                skip=0,
                page_end=first,
                statuses=None,
                fields=None,
                targets=list(targets) or None,
                goals=None,
                cities=list(cities) or None,
                year_from=None,
                year_to=None,
                name=None,
                generated=None,
            )
            ids = [str(p["id"]) for p in rows[0]["page"]]
            total = int(rows[0]["total"])
        lines = {
            str(r["id"]): _project_line(r) for r in await self.store.run(q.PROJECT_LINES, ids=ids)
        }
        return Listing([lines[i] for i in ids if i in lines], total)

    async def target(self, code: str) -> TargetLine | None:
        props = await self.store.get("SDGTarget", code)
        if props is None:
            return None
        return TargetLine(
            code=code,
            goal=int(props["goal"]),
            title_en=str(props["title_en"]),
            title_fr=props.get("title_fr"),
        )

    async def target_codes(self) -> frozenset[str]:
        """Every SDG target code (`1.1` … `17.19`)."""
        snap = await self.core.partner_index.snapshot()
        return snap.places.targets

    async def city_names(self) -> list[CityCard]:
        """Every city (members, candidates, former members), to match a typed name against:
        the same list (the same object) until the recommendation index is rebuilt."""
        snap = await self.core.partner_index.snapshot()
        if self._names is None or self._names[0] is not snap:
            self._names = (snap, [_card_of(p.name, cid, snap) for cid, p in snap.cities.items()])
        return self._names[1]

    async def places(self) -> Places:
        snap = await self.core.partner_index.snapshot()
        p = snap.places
        return Places(
            regions=dict(p.regions),
            fields=dict(p.fields),
            country_region={k: v.region for k, v in p.countries.items()},
        )

    async def _card(self, props: dict[str, Any]) -> CityCard:
        snap = await self.core.partner_index.snapshot()
        return _card_of(str(props["name"]), str(props["id"]), snap)

    def _check_first(self, first: int) -> None:
        page_max = self.core.config.page_max
        if not 1 <= first <= page_max:
            raise InvalidInput(f"`first` must be between 1 and {page_max}", ("first",))


def _card_of(name: str, city: str, snap: Any) -> CityCard:
    profile = snap.cities.get(city)
    country = profile.country if profile else None
    place = snap.places.countries.get(country or "")
    field_id = profile.fields[0] if profile and profile.fields else None
    return CityCard(
        id=city,
        name=name,
        country=country,
        country_name=place.name if place else None,
        field=field_id,
        field_name=snap.places.fields.get(field_id or "") if field_id else None,
        generated=bool(profile.generated) if profile else False,
    )


def _project_line(row: Any) -> ProjectLine:
    props = dict(row["props"])
    return ProjectLine(
        id=str(row["id"]),
        title=str(props["title"]),
        status=str(props.get("status", "")),
        start_year=props.get("start_year"),
        end_year=props.get("end_year"),
        lead=row["lead"],
        lead_name=row["lead_name"],
        targets=tuple(sorted((str(t) for t in row["targets"]), key=_target_key)),
        partners=int(row["partners"]),
        generated=bool(props.get("generated")),
    )


def _target_key(code: str) -> tuple[int, int, str]:
    goal, _, rest = code.partition(".")
    return (int(goal) if goal.isdigit() else 99, int(rest) if rest.isdigit() else 99, rest)
