"""Loading benchmarks: the real reference data against a target time, and a synthetic network
through our store against bare Cypher on the same engine.

Every case runs on a fresh embedded FalkorDB in its own temporary directory, which is removed
(and its server stopped) when the case ends.
"""

from __future__ import annotations

import importlib
import inspect
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, cast

from bench import BenchResult, Measurement
from graph.dataset import GraphData
from graph.engine import GraphEngine
from graph.factory import open_engine
from graph.model import REL_BY_KEY
from graph.store import GraphStore
from services.synth import generate

REFERENCE_TARGET_S = 15.0
SYNTH_GOAL_RATIO = 0.5
SYNTH_CITIES = 10_000
SYNTH_SEED = 42
GRAPH_NAME = "bench"

# The bare baseline: the plainest batched Cypher that writes the same rows. Benchmark-only: the
# store never runs these (they are not idempotent). Labels and types are model constants.
BARE_ID_INDEX = "CREATE INDEX FOR (n:{label}) ON (n.id)"
BARE_CREATE_NODES = "UNWIND $rows AS row CREATE (n:{label}) SET n = row"
BARE_CREATE_LINKS = (
    "UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
    "CREATE (a)-[r:{type}]->(b) SET r = row.props"
)

ReferenceLoader = Callable[[GraphStore], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class LoadTiming:
    schema_s: float
    nodes_s: float
    links_s: float
    nodes: int
    links: int

    @property
    def seconds(self) -> float:
        return self.schema_s + self.nodes_s + self.links_s

    @property
    def rows(self) -> int:
        return self.nodes + self.links


@asynccontextmanager
async def fresh_engine() -> AsyncIterator[GraphEngine]:
    """An embedded FalkorDB on an empty temporary directory; stopped and removed on exit."""
    with tempfile.TemporaryDirectory(prefix="uccn-bench-") as directory:
        engine = await open_engine(f"falkordb://{directory}", graph_name=GRAPH_NAME)
        try:
            yield engine
        finally:
            await engine.close()


def lead_reference_loader() -> ReferenceLoader | None:
    """`load_reference(store)` (services.reference.loading), what `uccn load` runs."""
    try:
        module = importlib.import_module("services.reference.loading")
    except ModuleNotFoundError:
        return None
    loader = getattr(module, "load_reference", None)
    return cast(ReferenceLoader, loader) if callable(loader) else None


async def _default_reference_load(store: GraphStore) -> object:
    from services.reference.dataset import load_reference_data

    await store.setup_schema()
    return await store.write_data(load_reference_data())


# --- (1) the real reference data against the target --------------------------------------------


async def bench_reference(batch_size: int) -> BenchResult:
    """Open an empty store, load the real reference data as `uccn load` does, close."""
    loader = lead_reference_loader()
    path = (
        "services.reference.loading.load_reference"
        if loader
        else "load_reference_data + write_data"
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="uccn-bench-") as directory:
        engine = await open_engine(f"falkordb://{directory}", graph_name=GRAPH_NAME)
        store = GraphStore(engine, batch_size=batch_size)
        try:
            opened = time.perf_counter()
            if loader is not None:
                await store.setup_schema()
                outcome = loader(store)
                if inspect.isawaitable(outcome):
                    await outcome
            else:
                await _default_reference_load(store)
            loaded = time.perf_counter()
            counts = await store.counts()
        finally:
            await store.close()
        closed = time.perf_counter()
    load_s = loaded - opened
    rows = sum(counts.nodes.values()) + sum(counts.relationships.values())
    load = Measurement(f"ours: load ({path})", load_s, rows, f"batch size {batch_size}")
    end_to_end = Measurement(
        "ours: open + load + close",
        closed - started,
        rows,
        f"open (server start) {opened - started:.2f} s, load {load_s:.2f} s, "
        f"close (server stop) {closed - loaded:.2f} s",
    )
    ratio = load_s / REFERENCE_TARGET_S
    return BenchResult(
        name="reference",
        title="reference load",
        measurements=(load, end_to_end, Measurement("target", REFERENCE_TARGET_S)),
        ratio=ratio,
        ratio_label="load seconds / 15 s target",
        goal="<= 1.00",
        met=ratio <= 1.0,
        notes=(
            f"{sum(counts.nodes.values()):,} nodes, "
            f"{sum(counts.relationships.values()):,} relationships in the store; "
            f"end to end / 15 s = {(closed - started) / REFERENCE_TARGET_S:.2f}",
        ),
    )


# --- (2) a synthetic network: our store against bare Cypher ------------------------------------


async def load_ours(engine: GraphEngine, data: GraphData, batch_size: int) -> LoadTiming:
    """Our path: the model's schema, then `GraphStore.write_data` (MERGE on ids)."""
    store = GraphStore(engine, batch_size=batch_size)
    t0 = time.perf_counter()
    await store.setup_schema()
    t1 = time.perf_counter()
    nodes = 0
    for label in data.ordered_labels():
        nodes += await store.upsert_nodes(label, data.nodes[label])
    t2 = time.perf_counter()
    links = 0
    for key in data.ordered_keys():
        links += await store.upsert_links(key, data.links[key])
    t3 = time.perf_counter()
    return LoadTiming(t1 - t0, t2 - t1, t3 - t2, nodes, links)


async def load_bare(engine: GraphEngine, data: GraphData, batch_size: int) -> LoadTiming:
    """The baseline: an id index per label, then batched CREATE with the same rows."""
    t0 = time.perf_counter()
    for label in data.ordered_labels():
        await engine.write(BARE_ID_INDEX.format(label=label), {})
    t1 = time.perf_counter()
    nodes = 0
    for label in data.ordered_labels():
        statement = BARE_CREATE_NODES.format(label=label)
        rows = [{k: v for k, v in r.items() if v is not None} for r in data.nodes[label]]
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            await engine.write(statement, {"rows": batch})
            nodes += len(batch)
    t2 = time.perf_counter()
    links = 0
    for key in data.ordered_keys():
        rel = REL_BY_KEY[key]
        statement = BARE_CREATE_LINKS.format(start=rel.start, end=rel.end, type=rel.type)
        link_rows: list[dict[str, Any]] = [
            {"start": k.start, "end": k.end, "props": k.props} for k in data.links[key]
        ]
        for start in range(0, len(link_rows), batch_size):
            batch = link_rows[start : start + batch_size]
            await engine.write(statement, {"rows": batch})
            links += len(batch)
    t3 = time.perf_counter()
    return LoadTiming(t1 - t0, t2 - t1, t3 - t2, nodes, links)


async def _timed_case(
    loader: Callable[[GraphEngine, GraphData, int], Awaitable[LoadTiming]],
    data: GraphData,
    batch_size: int,
) -> tuple[LoadTiming, int]:
    """One case on a fresh store; also the total count of what ended up in the store."""
    async with fresh_engine() as engine:
        timing = await loader(engine, data, batch_size)
        counts = await GraphStore(engine).counts()
    return timing, sum(counts.nodes.values()) + sum(counts.relationships.values())


def _detail(timing: LoadTiming, stored: int) -> str:
    return (
        f"schema {timing.schema_s:.2f} s, {timing.nodes:,} nodes {timing.nodes_s:.2f} s "
        f"({timing.nodes / max(timing.nodes_s, 1e-9):,.0f}/s), {timing.links:,} relationships "
        f"{timing.links_s:.2f} s ({timing.links / max(timing.links_s, 1e-9):,.0f}/s); "
        f"{stored:,} rows in the store"
    )


async def bench_synth(
    batch_size: int, cities: int = SYNTH_CITIES, seed: int = SYNTH_SEED, repeat: int = 1
) -> BenchResult:
    """`generate(cities, seed)` loaded by our store and by bare CREATE, alternately; the best
    of `repeat` runs of each counts."""
    started = time.perf_counter()
    data = generate(cities=cities, seed=seed)
    generated_s = time.perf_counter() - started
    ours: list[tuple[LoadTiming, int]] = []
    bare: list[tuple[LoadTiming, int]] = []
    for n in range(max(1, repeat)):
        # Alternate who goes first, so that neither always runs on a warmer machine.
        if n % 2 == 0:
            ours.append(await _timed_case(load_ours, data, batch_size))
            bare.append(await _timed_case(load_bare, data, batch_size))
        else:
            bare.append(await _timed_case(load_bare, data, batch_size))
            ours.append(await _timed_case(load_ours, data, batch_size))
    best_ours = min(ours, key=lambda t: t[0].seconds)
    best_bare = min(bare, key=lambda t: t[0].seconds)
    ours_m = Measurement(
        "ours (setup_schema + write_data)",
        best_ours[0].seconds,
        best_ours[0].rows,
        _detail(*best_ours),
    )
    bare_m = Measurement(
        "bare (id index + CREATE)", best_bare[0].seconds, best_bare[0].rows, _detail(*best_bare)
    )
    ours_rate = ours_m.rows_per_s or 0.0
    bare_rate = bare_m.rows_per_s or 0.0
    ratio = ours_rate / bare_rate if bare_rate else 0.0
    same = best_ours[1] == best_bare[1] == data.node_count() + data.link_count()
    notes = [
        f"generate(cities={cities:,}, seed={seed}): {data.node_count():,} nodes, "
        f"{data.link_count():,} relationships in {generated_s:.2f} s",
        f"batch size {batch_size}; best of {max(1, repeat)} run(s) per case",
        "both stores hold every generated row"
        if same
        else f"STORES DIFFER: ours {best_ours[1]:,} rows, bare {best_bare[1]:,} rows, "
        f"generated {data.node_count() + data.link_count():,}",
    ]
    return BenchResult(
        name="synth",
        title="synth load",
        measurements=(ours_m, bare_m),
        ratio=ratio,
        ratio_label="ours / bare rows/s",
        goal=f">= {SYNTH_GOAL_RATIO:.2f}",
        met=ratio >= SYNTH_GOAL_RATIO,
        notes=tuple(notes),
    )
