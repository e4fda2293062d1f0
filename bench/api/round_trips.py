"""Graph round trips per nested request: an engine wrapper that counts and times the
statements the hub sends, and what one counted request found.

The count is a property of the code (the listing, then one compiled statement for every level
below it, whatever the number of cities), so the benchmark and its smoke test both hold it to
`NESTED_ROUND_TRIPS`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import strawberry

from bench.api.nested import (
    canonical_graphql,
    canonical_raw,
    compare,
    execute_nested,
    raw_nested,
    shape,
)
from graph.compiled import MARK
from graph.engine import GraphEngine, Row
from graph.schema import SchemaSpec
from graph.statements import listing, neighbours
from graph.store import GraphStore
from hub.settings import Settings

ROUND_TRIP_SIZES = (10, 50, 100)
# NESTED_QUERY reaches the graph at five levels: cities, country, field, projects, targets. Level
# by level (UCCN_API_COMPILED_READS=false) that is one round trip per level; compiled, the
# listing and one statement for all the levels below it.
NESTED_ROUND_TRIPS = 2


class CountingEngine:
    """An engine that counts the statements it passes on (graph round trips) and times each,
    answer parsing included: what a round trip costs the hub."""

    def __init__(self, inner: GraphEngine) -> None:
        self.inner = inner
        self.dialect = inner.dialect
        self.calls: list[str] = []
        self.seconds: list[float] = []
        self.spans: list[tuple[float, float]] = []

    def clear(self) -> None:
        self.calls.clear()
        self.seconds.clear()
        self.spans.clear()

    def busy_seconds(self) -> float:
        """Wall-clock time with at least one statement running (those of one level overlap)."""
        busy, reached = 0.0, float("-inf")
        for start, end in sorted(self.spans):
            if end > reached:
                busy += end - max(start, reached)
                reached = end
        return busy

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        return await self._timed(self.inner.read, cypher, params)

    async def write(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        return await self._timed(self.inner.write, cypher, params)

    async def _timed(
        self,
        run: Callable[[str, Mapping[str, Any]], Awaitable[list[Row]]],
        cypher: str,
        params: Mapping[str, Any],
    ) -> list[Row]:
        self.calls.append(cypher)
        started = time.perf_counter()
        try:
            return await run(cypher, params)
        finally:
            ended = time.perf_counter()
            self.seconds.append(ended - started)
            self.spans.append((started, ended))

    async def ensure_schema(self, schema: SchemaSpec) -> None:
        await self.inner.ensure_schema(schema)

    async def drop_all(self) -> None:
        await self.inner.drop_all()

    async def ping(self) -> str:
        return await self.inner.ping()

    async def close(self) -> None:
        await self.inner.close()


def statement_names(engine: GraphEngine) -> dict[str, str]:
    """Text -> name of the statements a nested query may run, to label the round trips."""
    statements = [
        *listing.CITIES.values(),
        *neighbours.OUTGOING.values(),
        *neighbours.INCOMING.values(),
        *neighbours.NODES_BY_ID.values(),
        *neighbours.TWO_HOP,
    ]
    return {s.text(engine.dialect): s.name for s in statements}


@dataclass(frozen=True, slots=True)
class RoundTrips:
    """One nested request, counted: its size, the statements it ran, and the data check."""

    cities: int
    statements: tuple[str, ...]
    statement_seconds: tuple[float, ...]
    graph_seconds: float
    seconds: float
    differs: str | None
    shape: str

    def describe(self) -> str:
        each = ", ".join(
            f"{name} {s * 1000:.1f} ms"
            for name, s in zip(self.statements, self.statement_seconds, strict=True)
        )
        return (
            f"{len(self.statements)} round trips ({each}); a statement running during "
            f"{self.graph_seconds * 1000:.0f} of {self.seconds * 1000:.0f} ms (one request); "
            f"{self.shape}"
        )


async def count_round_trips(
    schema: strawberry.Schema, engine: GraphEngine, settings: Settings, batch_size: int
) -> list[RoundTrips]:
    """One nested request per size of `ROUND_TRIP_SIZES` through a counting engine, each
    checked against the raw query's answer."""
    counting = CountingEngine(engine)
    counted = GraphStore(counting, batch_size=batch_size)
    names = statement_names(engine)
    trips: list[RoundTrips] = []
    for size in ROUND_TRIP_SIZES:
        counting.clear()
        started = time.perf_counter()
        data = await execute_nested(schema, counted, settings, size)
        elapsed = time.perf_counter() - started
        ours_rows = canonical_graphql(data)
        raw_rows = canonical_raw(await raw_nested(engine, size))
        calls = tuple(
            names.get(c, "compiled read" if MARK in c else c[:40]) for c in counting.calls
        )
        trips.append(
            RoundTrips(
                size,
                calls,
                tuple(counting.seconds),
                counting.busy_seconds(),
                elapsed,
                compare(ours_rows, raw_rows),
                shape(ours_rows),
            )
        )
    return trips
