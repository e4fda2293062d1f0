"""The cooperation network as analytics see it: member cities with their places, projects with
the cities and institutions taking part, institutions with their standing partnerships.

Read from the graph in a few flat bulk statements (`graph.statements.analytics`) into plain frozen
data, with a fingerprint of its content (a 64-bit hash): two snapshots with the same
fingerprint give the same figures, so nothing computed on the first is computed again on the
second.
"""

from __future__ import annotations

import asyncio
import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from graph.engine import Row
from graph.errors import GraphError
from graph.statements import analytics
from graph.store import GraphStore

AFRICA_OR_ARAB_STATES = frozenset({"africa", "arab-states"})


@dataclass(frozen=True, slots=True)
class CityNode:
    id: str
    name: str
    year: int | None  # designation year
    latitude: float | None
    longitude: float | None
    country: str | None
    region: str | None
    south: bool
    field: str | None
    generated: bool


@dataclass(frozen=True, slots=True)
class ProjectTie:
    id: str
    start_year: int | None
    status: str | None
    cities: tuple[str, ...]
    institutions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InstitutionNode:
    id: str
    name: str
    kind: str | None
    country: str | None
    region: str | None
    partners: tuple[tuple[str, int | None], ...]  # (city, since year) standing partnerships


@dataclass(frozen=True, slots=True)
class Network:
    cities: tuple[CityNode, ...]
    projects: tuple[ProjectTie, ...]
    institutions: tuple[InstitutionNode, ...]
    fingerprint: str


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def make_network(
    cities: list[CityNode], projects: list[ProjectTie], institutions: list[InstitutionNode]
) -> Network:
    """A network from its parts, sorted by id, with the fingerprint of exactly that content."""
    ordered = (
        tuple(sorted({c.id: c for c in cities}.values(), key=lambda c: c.id)),
        tuple(sorted(projects, key=lambda p: p.id)),
        tuple(sorted(institutions, key=lambda i: i.id)),
    )
    # Python's own hash of the frozen content: computed in C, and only ever compared within
    # this process (the cache lives in it), where equal content always hashes alike.
    return Network(*ordered, fingerprint=f"{hash(ordered) & (2**64 - 1):016x}")


# Joins the project ids of a row in the reads (`analytics.TAKING_PART`): a control character,
# which no id written through the hub can hold (imports and the API refuse them).
SEPARATOR = "\x1f"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a snapshot is read or projected: those
    make a few hundred thousand objects that all live on and hold no cycle, and the collector
    would walk the growing heap again and again meanwhile (half the read's time, measured).
    Reference counting still frees what dies; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def read_network(store: GraphStore) -> Network:
    with collector_paused():
        return await _read_network(store)


async def _read_network(store: GraphStore) -> Network:
    (
        city_rows,
        project_rows,
        taking_part,
        contributions,
        institution_rows,
        partners,
    ) = await asyncio.gather(
        store.run(analytics.CITIES),
        store.run(analytics.PROJECTS),
        store.run(analytics.TAKING_PART, separator=SEPARATOR),
        store.run(analytics.CONTRIBUTIONS, separator=SEPARATOR),
        store.run(analytics.INSTITUTIONS),
        store.run(analytics.PARTNERSHIPS),
    )
    cities = [
        CityNode(
            id=str(r["id"]),
            name=str(r["name"]),
            year=_int(r["year"]),
            latitude=_float(r["latitude"]),
            longitude=_float(r["longitude"]),
            country=_str(r["country"]),
            region=_str(r["region"]),
            south=bool(r["south"]),
            field=_str(r["field"]),
            generated=bool(r["generated"]),
        )
        for r in city_rows
    ]
    cities_of = _by_project(taking_part)
    institutions_of = _by_project(contributions)
    projects = [
        ProjectTie(
            id=(pid := str(project)),
            start_year=_int(r["start_year"]),
            status=_str(r["status"]),
            cities=tuple(sorted(cities_of.get(pid, ()))),
            institutions=tuple(sorted(institutions_of.get(pid, ()))),
        )
        for r in project_rows
        for project in r["ids"]
    ]
    since: dict[str, dict[str, int | None]] = defaultdict(dict)
    for r in partners:
        since[str(r["institution"])][str(r["city"])] = _int(r["since_year"])
    institutions = [
        InstitutionNode(
            id=(iid := str(r["id"])),
            name=str(r["name"]),
            kind=_str(r["kind"]),
            country=_str(r["country"]),
            region=_str(r["region"]),
            partners=tuple(sorted(since.get(iid, {}).items())),
        )
        for r in institution_rows
    ]
    return make_network(cities, projects, institutions)


def _by_project(rows: list[Row]) -> dict[str, set[str]]:
    """`{project: {who}}` from rows of `(id: who, count, projects: SEPARATOR-joined ids)`."""
    grouped: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        who = str(row["id"])
        projects = str(row["projects"]).split(SEPARATOR)
        if len(projects) != row["count"]:
            raise GraphError(
                f"the project ids of {who!r} hold U+001F, which no id may hold: "
                "import those projects again with their ids as slugs"
            )
        for project in projects:
            grouped[project].add(who)
    return grouped
