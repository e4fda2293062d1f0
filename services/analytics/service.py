"""`Analytics`: the network's figures for researchers and the secretariat, from the cache of
`NetworkIndex` (one computation per graph version and question)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass

from services.analytics.brokers import Broker, BrokerKind, brokers
from services.analytics.figures import NetworkStats, network_stats
from services.analytics.index import Version
from services.analytics.measures import Communities, Measure, Score, communities, top
from services.analytics.network import CityNode
from services.analytics.projection import FIRST_YEAR, Scope
from services.core import Service
from services.errors import InvalidInput, Refused
from services.exchange.network_files import NetworkExport, network_export
from services.policy import Viewer, can_read_aggregates, require_analyst

YEARS_AHEAD = 10  # as-of years after this one still accepted (planned projects)


@dataclass(frozen=True, slots=True)
class Ranked[T]:
    items: tuple[T, ...]
    members: int  # cities in scope
    as_of: int | None


class Analytics(Service):
    def _checked(self, viewer: Viewer, scope: Scope, what: str) -> Scope:
        require_analyst(viewer, what)
        return self.check_scope(scope)

    def check_scope(self, scope: Scope) -> Scope:
        """The year is one the network has seen (or may soon see): from 2004 on."""
        last = self.core.clock.today().year + YEARS_AHEAD
        if scope.as_of is not None and not FIRST_YEAR <= scope.as_of <= last:
            raise InvalidInput(
                f"`as_of` must be a year from {FIRST_YEAR} (the network's first designations) "
                f"to {last}",
                ("as_of",),
            )
        return scope

    def _first(self, first: int, name: str = "top") -> int:
        page_max = self.core.config.page_max
        if not 1 <= first <= page_max:
            raise InvalidInput(f"`{name}` must be between 1 and {page_max}", (name,))
        return first

    async def stats(self, viewer: Viewer, scope: Scope) -> NetworkStats:
        scope = self._checked(viewer, scope, "read network statistics")

        def compute(version: Version) -> NetworkStats:
            return network_stats(version.projection(scope))

        return await self.core.network_index.result(("stats", scope.key()), compute)

    async def centrality(
        self, viewer: Viewer, measure: Measure, first: int, scope: Scope
    ) -> Ranked[Score]:
        scope = self._checked(viewer, scope, "read centrality")
        self._first(first)

        def compute(version: Version) -> tuple[list[Score], int]:
            projection = version.projection(scope)
            page_max = self.core.config.page_max
            return top(projection, measure, page_max), len(projection.cities)

        ranked, members = await self.core.network_index.result(
            ("centrality", measure.value, scope.key()), compute
        )
        return Ranked(items=tuple(ranked[:first]), members=members, as_of=scope.as_of)

    async def communities(self, viewer: Viewer, scope: Scope) -> Communities:
        scope = self._checked(viewer, scope, "read communities")

        def compute(version: Version) -> Communities:
            return communities(version.projection(scope))

        return await self.core.network_index.result(("communities", scope.key()), compute)

    async def brokers(
        self, viewer: Viewer, first: int, scope: Scope, kind: BrokerKind | None = None
    ) -> Ranked[Broker]:
        scope = self._checked(viewer, scope, "read brokers")
        self._first(first)

        def compute(version: Version) -> tuple[list[Broker], int]:
            projection = version.projection(scope)
            found = brokers(projection, version.network.institutions, scope.as_of)
            return found, len(projection.cities)

        found, members = await self.core.network_index.result(("brokers", scope.key()), compute)
        chosen = [b for b in found if kind is None or b.kind is kind]
        return Ranked(items=tuple(chosen[:first]), members=members, as_of=scope.as_of)

    async def export_network(self, viewer: Viewer, scope: Scope) -> NetworkExport:
        """The cooperation network's rows for `services.exchange.network_files`: public data,
        taken out, like every export, by any authenticated caller."""
        if not can_read_aggregates(viewer):
            raise Refused(
                "export is for researchers, focal points and the secretariat: send a bearer token"
            )
        self.check_scope(scope)

        def compute(version: Version) -> NetworkExport:
            return network_export(version.network, scope)

        return await self.core.network_index.result(("export", scope.key()), compute)

    async def warm(self) -> None:
        """Read the network and compute what a first visit asks (the explorer's picture, the
        whole network's statistics) before anyone asks: the hub's start, in the background."""
        await self.explorer_network()
        await self.core.network_index.result(
            ("stats", Scope().key()), lambda version: network_stats(version.projection(Scope()))
        )

    async def explorer_network(self) -> ExplorerNetwork:
        """Public: member cities and the ties of their projects, which anyone may read."""
        return await self.core.network_index.result(("explorer",), explorer_document)

    async def cities(self, viewer: Viewer, scope: Scope) -> tuple[CityNode, ...]:
        """The member cities in scope (names and places for what the figures mention)."""
        scope = self._checked(viewer, scope, "read network statistics")

        def compute(version: Version) -> tuple[CityNode, ...]:
            return version.projection(scope).cities

        return await self.core.network_index.result(("cities", scope.key()), compute)


@dataclass(frozen=True, slots=True)
class ExplorerNetwork:
    """The public picture of the network the explorer draws, encoded once per graph version."""

    json: bytes
    gzip: bytes
    cities: int
    ties: int


def explorer_document(version: Version) -> ExplorerNetwork:
    """Member cities (id, name, field, region, Global South, designation year, latitude,
    longitude) and ties as columns (city indexes `a` and `b`, shared projects, the first one's
    start year): ten thousand cities and their ties load in one request, and the ties parse as
    four arrays of numbers, not a hundred thousand small ones."""
    projection = version.projection(Scope())
    cities = [
        [c.id, c.name, c.field, c.region, int(c.south), c.year, c.latitude, c.longitude]
        for c in projection.cities
    ]
    pairs = list(projection.weights)
    ties = {
        "a": [i for i, _ in pairs],
        "b": [j for _, j in pairs],
        "weight": list(projection.weights.values()),
        "since": [projection.since.get(pair) for pair in pairs],
    }
    years = [c.year for c in projection.cities if c.year is not None]
    years += [y for y in projection.since.values() if y is not None]
    document = {
        "cities": cities,
        "ties": ties,
        "fields": sorted({c.field for c in projection.cities if c.field}),
        "regions": sorted({c.region for c in projection.cities if c.region}),
        "lastYear": max(years, default=FIRST_YEAR),
    }
    encoded = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return ExplorerNetwork(
        json=encoded, gzip=gzip.compress(encoded, 6), cities=len(cities), ties=len(pairs)
    )
