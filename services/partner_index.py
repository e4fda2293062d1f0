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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from brain.partners import Place, Places, Profile
from graph.statements import recommend
from graph.store import GraphStore

log = logging.getLogger(__name__)


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
    left_out: dict[tuple[str, str], str] = field(default_factory=dict)  # bad records: why


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
    left_out: dict[tuple[str, str], str] = {}
    for row in cities:
        cid = str(row["id"])
        worked = city_projects.get(cid, [])
        problem = _record_problem(row, "countries", "creative fields")
        if problem:
            left_out[("city", cid)] = problem
        country, city_fields = _one(row["countries"]), _one(row["fields"])
        profile = Profile(
            kind="city",
            id=cid,
            name=str(row["name"]),
            country=country,
            fields=(city_fields,) if city_fields else (),
            targets=_union(targets.get(p, frozenset()) for p in worked),
            real_targets=_union(targets.get(p, frozenset()) for p in worked if p in real),
            last_active=max((year.get(p, 0) for p in worked), default=0),
            overdue=overdue.get(cid, 0),
            partners=frozenset(i for kind, i in ties.get(cid, ()) if kind == "city"),
            generated=bool(row["generated"]),
        )
        all_cities[cid] = profile
        statuses[cid] = str(row["status"])
        if row["status"] == "member" and not problem:
            profiles[("city", cid)] = profile
    for row in institutions:
        iid = str(row["id"])
        worked = institution_projects.get(iid, [])
        problem = _record_problem(row, "countries")
        if problem:
            left_out[("institution", iid)] = problem
            continue
        linked_cities: set[str] = set(partner_cities.get(iid, ()))
        for pid in worked:
            linked_cities.update(cities_of.get(pid, ()))
        profiles[("institution", iid)] = Profile(
            kind="institution",
            id=iid,
            name=str(row["name"]),
            country=_one(row["countries"]),
            fields=tuple(sorted({f for p in worked for f in fields_of.get(p, ())})),
            targets=_union(targets.get(p, frozenset()) for p in worked),
            real_targets=_union(targets.get(p, frozenset()) for p in worked if p in real),
            last_active=max((year.get(p, 0) for p in worked), default=0),
            partners=frozenset(linked_cities),
            generated=bool(row["generated"]),
        )
    if left_out:
        log.warning(
            "recommendation index: %d bad records left out of the candidates: %s",
            len(left_out),
            "; ".join(f"{kind} {key}: {why}" for (kind, key), why in sorted(left_out.items())),
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
        left_out=left_out,
    )


def _one(values: list[Any]) -> str | None:
    """The one value of a list the index reads; None for none, or for several."""
    return str(values[0]) if len(values) == 1 and values[0] is not None else None


def _record_problem(row: Any, *columns: str) -> str | None:
    """What makes a row a bad record: more than one of what it has one of."""
    parts = [
        f"{len(row[key])} {noun} ({', '.join(sorted(str(v) for v in row[key]))})"
        for key, noun in zip(("countries", "fields"), columns, strict=False)
        if len(row[key]) > 1
    ]
    return f"the graph gives it {' and '.join(parts)}, where it has one" if parts else None


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
