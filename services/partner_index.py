"""The recommendation index: every possible partner's profile, built from a few bulk reads.

Scoring ten thousand candidates per request straight from the graph would read their projects
and targets every time. The hub instead keeps one snapshot per process, built from the
`graph.statements.recommend.INDEX*` statements, and rebuilds it when its own writes invalidate
it or when it is older than `recommend_index_ttl_s` (writes made by another process, such as
`uccn import`, show within that time). What each request must see at once (the asking city's
dismissals and introductions) is read fresh, not from the index.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from brain.partners import Place, Places, Profile
from graph.statements import recommend
from graph.store import GraphStore


@dataclass(slots=True)
class Snapshot:
    profiles: dict[tuple[str, str], Profile]
    cities: dict[str, Profile]  # every city, whatever its status (askers may be candidates)
    city_ties: dict[str, set[tuple[str, str]]]  # city -> (kind, id) it works with
    statuses: dict[str, str]
    places: Places
    built_at: float
    build_seconds: float = 0.0
    candidates: list[Profile] = field(default_factory=list)  # member cities and institutions


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
    reads = await asyncio.gather(
        *(store.run(statement) for statement in recommend.INDEX),
        store.run(recommend.INDEX_OVERDUE, today=today.isoformat()),
        store.run(recommend.PLACES),
    )
    cities, institutions, projects, project_fields, project_cities, project_insts, partnerships = (
        reads[: len(recommend.INDEX)]
    )
    overdue = {str(r["id"]): int(r["overdue"]) for r in reads[-2]}
    places = _places(reads[-1])

    year: dict[str, int] = {}
    targets: dict[str, frozenset[str]] = {}
    real: set[str] = set()
    for row in projects:
        pid = str(row["id"])
        year[pid] = int(row["year"] or 0)
        targets[pid] = frozenset(str(t) for t in row["targets"] if t is not None)
        if not row["generated"]:
            real.add(pid)
    fields_of = _lists(project_fields)
    cities_of = _lists(project_cities)
    institutions_of = _lists(project_insts)
    partner_cities = _lists(partnerships)

    city_projects: dict[str, list[str]] = defaultdict(list)
    for pid, members in cities_of.items():
        for city in members:
            city_projects[city].append(pid)
    institution_projects: dict[str, list[str]] = defaultdict(list)
    for pid, members in institutions_of.items():
        for inst in members:
            institution_projects[inst].append(pid)

    ties: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for pid, members in cities_of.items():
        for city in members:
            ties[city].update(("city", other) for other in members if other != city)
            ties[city].update(("institution", inst) for inst in institutions_of.get(pid, ()))
    for inst, linked in partner_cities.items():
        for city in linked:
            ties[city].add(("institution", inst))

    profiles: dict[tuple[str, str], Profile] = {}
    all_cities: dict[str, Profile] = {}
    statuses: dict[str, str] = {}
    for row in cities:
        cid = str(row["id"])
        worked = city_projects.get(cid, [])
        profile = Profile(
            kind="city",
            id=cid,
            name=str(row["name"]),
            country=row["country"],
            fields=(str(row["field"]),) if row["field"] else (),
            targets=_union(targets.get(p, frozenset()) for p in worked),
            real_targets=_union(targets.get(p, frozenset()) for p in worked if p in real),
            last_active=max((year.get(p, 0) for p in worked), default=0),
            overdue=overdue.get(cid, 0),
            partners=frozenset(i for kind, i in ties.get(cid, ()) if kind == "city"),
            generated=bool(row["generated"]),
        )
        all_cities[cid] = profile
        statuses[cid] = str(row["status"])
        if row["status"] == "member":
            profiles[("city", cid)] = profile
    for row in institutions:
        iid = str(row["id"])
        worked = institution_projects.get(iid, [])
        linked_cities: set[str] = set(partner_cities.get(iid, ()))
        for pid in worked:
            linked_cities.update(cities_of.get(pid, ()))
        profiles[("institution", iid)] = Profile(
            kind="institution",
            id=iid,
            name=str(row["name"]),
            country=row["country"],
            fields=tuple(sorted({f for p in worked for f in fields_of.get(p, ())})),
            targets=_union(targets.get(p, frozenset()) for p in worked),
            real_targets=_union(targets.get(p, frozenset()) for p in worked if p in real),
            last_active=max((year.get(p, 0) for p in worked), default=0),
            partners=frozenset(linked_cities),
            generated=bool(row["generated"]),
        )
    now = clock()
    return Snapshot(
        profiles=profiles,
        cities=all_cities,
        city_ties=dict(ties),
        statuses=statuses,
        places=places,
        built_at=now,
        build_seconds=now - started,
        candidates=sorted(profiles.values(), key=lambda p: (p.kind, p.id)),
    )


def _places(rows: list[Any]) -> Places:
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


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for s in sets:
        out |= s
    return frozenset(out)
