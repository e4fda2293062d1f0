"""The city–city cooperation projection: two member cities are tied when they take part in a
project together, weighted by the number of such projects. A scope picks the year (cities by
designation year, projects by start year: the network as it stood at the end of that year) and
the cities (by field, region, country, Global South, generated); ties are those between the
cities in scope. Pure: from a `Network` to an edge list."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from services.analytics.network import CityNode, Network, ProjectTie

FIRST_YEAR = 2004  # the network's founding year: the first designations


@dataclass(frozen=True, slots=True)
class Scope:
    """Which part of the network: as of a year (None: as it is now) and which cities."""

    as_of: int | None = None
    fields: frozenset[str] | None = None
    regions: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    global_south: bool | None = None
    generated: bool | None = None

    def admits(self, city: CityNode) -> bool:
        if self.as_of is not None and (city.year is None or city.year > self.as_of):
            return False
        if self.fields is not None and city.field not in self.fields:
            return False
        if self.regions is not None and city.region not in self.regions:
            return False
        if self.countries is not None and city.country not in self.countries:
            return False
        if self.global_south is not None and city.south != self.global_south:
            return False
        return self.generated is None or city.generated == self.generated

    def counts(self, project: ProjectTie) -> bool:
        if self.as_of is None:
            return True
        return project.start_year is not None and project.start_year <= self.as_of

    def key(self) -> tuple[object, ...]:
        """A stable, hashable description (the cache's key)."""
        return (
            self.as_of,
            *(None if s is None else tuple(sorted(s)) for s in (self.fields, self.regions)),
            None if self.countries is None else tuple(sorted(self.countries)),
            self.global_south,
            self.generated,
        )


@dataclass(frozen=True, slots=True)
class Projection:
    """Cities (sorted by id) and ties between them as index pairs `(i, j)`, `i < j`."""

    cities: tuple[CityNode, ...]
    weights: dict[tuple[int, int], int]  # number of shared projects
    since: dict[tuple[int, int], int | None]  # the first shared project's start year
    projects: tuple[ProjectTie, ...]  # the projects that count in this scope

    @property
    def edges(self) -> list[tuple[int, int]]:
        return list(self.weights)

    def index(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.cities)}


def project(network: Network, scope: Scope) -> Projection:
    cities = tuple(c for c in network.cities if scope.admits(c))
    position = {c.id: i for i, c in enumerate(cities)}
    counted = tuple(p for p in network.projects if scope.counts(p))
    # Counted in C (`Counter.update`), ties in the order of their first project; each tie's
    # first year is the earliest of its projects' years that are known (None: none is).
    weights: Counter[tuple[int, int]] = Counter()
    pairs_of_year: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for proj in counted:
        members = sorted([position[c] for c in proj.cities if c in position])
        if len(members) > 1:
            pairs = list(combinations(members, 2))
            weights.update(pairs)
            pairs_of_year[proj.start_year].extend(pairs)
    first = dict.fromkeys(pairs_of_year.pop(None, ()))
    for year in sorted((y for y in pairs_of_year if y is not None), reverse=True):
        first.update(dict.fromkeys(pairs_of_year[year], year))  # the earliest year last
    since = {pair: first[pair] for pair in weights}
    return Projection(cities=cities, weights=dict(weights), since=since, projects=counted)
