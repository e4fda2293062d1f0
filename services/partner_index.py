"""The recommendation index: every possible partner's profile, built from a few bulk reads.

Scoring ten thousand candidates per request straight from the graph would read their projects
and targets every time. The hub instead keeps one snapshot per process, built from the
`graph.statements.recommend.INDEX*` statements, and rebuilds it when its own writes invalidate
it or when it is older than `recommend_index_ttl_s` (writes made by another process, such as
`uccn import`, show within that time). What each request must see at once (the asking city's
dismissals and introductions) is read fresh, not from the index.

A bad record (a city the graph gives two countries or two creative fields, an institution in two
countries) is never proposed: its profile would rest on whichever edge came first. It stays out
of the candidates, is known without a country or field when it asks itself, and is listed in
`Snapshot.left_out` with the reason (and logged once per build).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

from brain.partners import Place, Places, Pool, Profile
from graph.statements import recommend
from graph.store import GraphStore

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Snapshot:
    profiles: dict[tuple[str, str], Profile]
    cities: dict[str, Profile]  # every city, whatever its status (askers may be candidates)
    city_institutions: dict[str, frozenset[str]]  # city -> institutions it works with
    statuses: dict[str, str]
    places: Places
    built_at: float
    build_seconds: float = 0.0
    candidates: list[Profile] = field(default_factory=list)  # member cities and institutions
    pool: Pool = field(default_factory=lambda: Pool(()))  # the candidates, ready to score
    left_out: dict[tuple[str, str], str] = field(default_factory=dict)  # bad records: why

    @property
    def city_ties(self) -> CityTies:
        """city -> (kind, id) of every city and institution it works with."""
        return CityTies(self.cities, self.city_institutions)


class CityTies(Mapping[str, set[tuple[str, str]]]):
    """Each city's ties (a project in common, a partnership), made when asked for: kept for
    every city, they would be 400,000 pairs, where a request reads a few dozen cities' ties."""

    __slots__ = ("_cities", "_institutions")

    def __init__(
        self, cities: Mapping[str, Profile], institutions: Mapping[str, frozenset[str]]
    ) -> None:
        self._cities = cities
        self._institutions = institutions

    def __getitem__(self, city: str) -> set[tuple[str, str]]:
        profile = self._cities.get(city)
        institutions = self._institutions.get(city, ())
        if not institutions and (profile is None or not profile.partners):
            raise KeyError(city)
        out = {("city", other) for other in profile.partners} if profile else set()
        out.update(("institution", i) for i in institutions)
        return out

    def __iter__(self) -> Iterator[str]:
        return (city for city in self._cities if city in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, city: object) -> bool:
        if not isinstance(city, str):
            return False
        profile = self._cities.get(city)
        return city in self._institutions or (profile is not None and bool(profile.partners))


class PartnerIndex:
    """One per process (made by the app factory); safe for concurrent requests."""

    def __init__(
        self,
        store: GraphStore,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self.clock = clock
        self.today = today
        self._snapshot: Snapshot | None = None
        self._lock = asyncio.Lock()

    def invalidate(self) -> None:
        """The graph changed under this process's own writes: rebuild on next use."""
        self._snapshot = None

    async def snapshot(self) -> Snapshot:
        current = self._snapshot
        if current is not None and self.clock() - current.built_at <= self.ttl_s:
            return current
        async with self._lock:
            current = self._snapshot
            if current is None or self.clock() - current.built_at > self.ttl_s:
                current = await build(self.store, self.today(), self.clock)
                self._snapshot = current
                # Hundreds of thousands of long-lived, acyclic objects: out of the collector's
                # sight, so a full collection during a request does not walk them all again.
                # (Unreferenced snapshots are still freed, by reference counting.)
                gc.freeze()
        return current


async def build(store: GraphStore, today: date, clock: Callable[[], float]) -> Snapshot:
    started = clock()
    # The reads and the profiles made of them are a million small acyclic objects, which the
    # cyclic collector would walk again and again as the heap grows (it doubled the build's
    # time): paused for the build, other requests' work included; `gc.freeze()` follows.
    enabled = gc.isenabled()
    gc.disable()
    try:
        reads = await asyncio.gather(
            *(store.run(statement) for statement in recommend.INDEX),
            store.run(recommend.INDEX_OVERDUE, today=today.isoformat()),
            store.run(recommend.PLACES),
        )
        return _assemble(reads, started, clock)
    finally:
        if enabled:
            gc.enable()


def _assemble(reads: list[list[Any]], started: float, clock: Callable[[], float]) -> Snapshot:
    """The snapshot from the reads of `build`, in their order."""
    cities, institutions, years, targets, fields, city_rows, institution_rows, partnerships = reads[
        : len(recommend.INDEX)
    ]
    overdue = {str(r["id"]): int(r["overdue"]) for r in reads[-2]}
    projects: dict[object, _Project] = defaultdict(_Project)
    for row in years:
        year, real = int(row["year"] or 0), not row["generated"]
        for key in row["projects"]:
            project = projects[key]
            project.year, project.real = year, real
    city_projects = _grouped(city_rows, projects, "cities")
    institution_projects = _grouped(institution_rows, projects, "institutions")
    _grouped(targets, projects, "targets")
    _grouped(fields, projects, "fields")
    partner_cities = _lists(partnerships)
    partnered: dict[str, list[str]] = defaultdict(list)
    for inst, linked in partner_cities.items():
        for city in linked:
            partnered[city].append(inst)

    profiles: dict[tuple[str, str], Profile] = {}
    all_cities: dict[str, Profile] = {}
    city_institutions: dict[str, frozenset[str]] = {}
    statuses: dict[str, str] = {}
    left_out: dict[tuple[str, str], str] = {}
    for row in cities:
        cid = str(row["id"])
        worked = city_projects.get(cid, [])
        problem = _record_problem(row, "countries", "creative fields")
        if problem:
            left_out[("city", cid)] = problem
        country, city_field = _one(row["countries"]), _one(row["fields"])
        partners = set().union(*map(_CITIES, worked))
        partners.discard(cid)
        ties = set().union(*map(_INSTITUTIONS, worked), partnered.get(cid, ()))
        if ties:
            city_institutions[cid] = frozenset(ties)
        profile = Profile(
            kind="city",
            id=cid,
            name=str(row["name"]),
            country=country,
            fields=(city_field,) if city_field else (),
            targets=frozenset().union(*map(_TARGETS, worked)),
            real_targets=frozenset().union(*map(_TARGETS, filter(_REAL, worked))),
            last_active=max(map(_YEAR, worked), default=0),
            overdue=overdue.get(cid, 0),
            partners=frozenset(partners),
            generated=bool(row["generated"]),
        )
        all_cities[cid] = profile
        statuses[cid] = str(row["status"])
        if row["status"] == "member" and not problem:
            profiles[("city", cid)] = profile
    for row in institutions:
        iid = str(row["id"])
        problem = _record_problem(row, "countries")
        if problem:
            left_out[("institution", iid)] = problem
            continue
        worked = institution_projects.get(iid, [])
        linked_cities = set().union(*map(_CITIES, worked), partner_cities.get(iid, ()))
        profiles[("institution", iid)] = Profile(
            kind="institution",
            id=iid,
            name=str(row["name"]),
            country=_one(row["countries"]),
            fields=tuple(sorted(set().union(*map(_FIELDS, worked)))),
            targets=frozenset().union(*map(_TARGETS, worked)),
            real_targets=frozenset().union(*map(_TARGETS, filter(_REAL, worked))),
            last_active=max(map(_YEAR, worked), default=0),
            partners=frozenset(linked_cities),
            generated=bool(row["generated"]),
        )
    if left_out:
        log.warning(
            "recommendation index: %d bad records left out of the candidates: %s",
            len(left_out),
            "; ".join(f"{kind} {key}: {why}" for (kind, key), why in sorted(left_out.items())),
        )
    candidates = sorted(profiles.values(), key=lambda p: (p.kind, p.id))
    now = clock()
    return Snapshot(
        profiles=profiles,
        cities=all_cities,
        city_institutions=city_institutions,
        statuses=statuses,
        places=places_of(reads[-1]),
        built_at=now,
        build_seconds=now - started,
        candidates=candidates,
        pool=Pool(candidates),
        left_out=left_out,
    )


class _Project:
    """One project, as the grouped reads give it: its year, whether it is real (not generated),
    and the targets, fields, cities and institutions it has (a read's rows name each group)."""

    __slots__ = ("cities", "fields", "institutions", "real", "targets", "year")

    def __init__(self) -> None:
        self.year = 0  # none, or a project the years read missed (written meanwhile)
        self.real = False
        self.targets: list[str] = []
        self.fields: list[str] = []
        self.cities: list[str] = []
        self.institutions: list[str] = []


def _one(values: list[Any]) -> str | None:
    """The one value of a list the index reads; None for none, or for several."""
    return str(values[0]) if len(values) == 1 and values[0] is not None else None


def _record_problem(row: Any, *columns: str) -> str | None:
    """What makes a row a bad record: more than one of what it has one of."""
    if len(row["countries"]) <= 1 and (len(columns) < 2 or len(row["fields"]) <= 1):
        return None  # the usual case, checked without building anything
    parts = [
        f"{len(row[key])} {noun} ({', '.join(sorted(str(v) for v in row[key]))})"
        for key, noun in zip(("countries", "fields"), columns, strict=False)
        if len(row[key]) > 1
    ]
    return f"the graph gives it {' and '.join(parts)}, where it has one" if parts else None


def places_of(rows: list[Any]) -> Places:
    countries: dict[str, Place] = {}
    regions: dict[str, str] = {}
    fields: dict[str, str] = {}
    targets: dict[str, str] = {}
    for row in rows:
        kind, key, name = row["kind"], str(row["id"]), str(row["name"])
        if kind == "country":
            countries[key] = Place(name, row["region"], bool(row["south"]))
        elif kind == "region":
            regions[key] = name
        elif kind == "field":
            fields[key] = name
        else:
            targets[key] = name
    return Places(countries=countries, regions=regions, fields=fields, targets=frozenset(targets))


def _lists(rows: list[Any]) -> dict[str, list[str]]:
    return {str(r["id"]): [str(i) for i in r["ids"] if i is not None] for r in rows}


# A project's values, taken by C code in the loops over a city's projects.
_CITIES, _INSTITUTIONS, _TARGETS, _FIELDS, _YEAR, _REAL = (
    attrgetter(name) for name in ("cities", "institutions", "targets", "fields", "year", "real")
)


def _grouped(
    rows: list[Any], projects: dict[object, _Project], column: str
) -> dict[str, list[_Project]]:
    """A grouped read's rows (a city, a target … with its project keys): each of the projects
    gets the group's id in its `column`; returns group id -> its projects."""
    take = attrgetter(column)
    out: dict[str, list[_Project]] = {}
    for row in rows:
        if row["id"] is None:
            continue
        group = str(row["id"])
        worked = list(map(projects.__getitem__, row["projects"]))
        for found in map(take, worked):
            found.append(group)
        out[group] = worked
    return out
