"""The cooperation network as analytics see it: member cities with their places, projects with
the cities and institutions taking part, institutions with their standing partnerships.

Read from the graph in three bulk statements (`graph.statements.analytics`) into plain frozen
data, with a fingerprint of its content: two snapshots with the same fingerprint give the same
figures, so nothing computed on the first is computed again on the second.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

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


def _ids(values: Any) -> tuple[str, ...]:
    return tuple(sorted({str(v) for v in values or () if v is not None}))


def make_network(
    cities: list[CityNode], projects: list[ProjectTie], institutions: list[InstitutionNode]
) -> Network:
    """A network from its parts, sorted by id, with the fingerprint of exactly that content."""
    ordered = (
        tuple(sorted({c.id: c for c in cities}.values(), key=lambda c: c.id)),
        tuple(sorted(projects, key=lambda p: p.id)),
        tuple(sorted(institutions, key=lambda i: i.id)),
    )
    digest = hashlib.blake2b(repr(ordered).encode("utf-8"), digest_size=16).hexdigest()
    return Network(*ordered, fingerprint=digest)


async def read_network(store: GraphStore) -> Network:
    city_rows = await store.run(analytics.CITIES)
    project_rows = await store.run(analytics.PROJECTS)
    institution_rows = await store.run(analytics.INSTITUTIONS)
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
    projects = [
        ProjectTie(
            id=str(r["id"]),
            start_year=_int(r["start_year"]),
            status=_str(r["status"]),
            cities=_ids(r["cities"]),
            institutions=_ids(r["institutions"]),
        )
        for r in project_rows
    ]
    institutions = []
    for r in institution_rows:
        since: dict[str, int | None] = {}
        for city, year in (tuple(p) for p in r["partners"] or ()):
            if city is not None:
                since[str(city)] = _int(year)
        institutions.append(
            InstitutionNode(
                id=str(r["id"]),
                name=str(r["name"]),
                kind=_str(r["kind"]),
                country=_str(r["country"]),
                region=_str(r["region"]),
                partners=tuple(sorted(since.items())),
            )
        )
    return make_network(cities, projects, institutions)
