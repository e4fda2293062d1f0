"""`bench_api`: the four API benchmarks in one run, on one embedded FalkorDB in a temporary
directory (see `bench.api` for what each measures and its goal).

The order is part of the measurement: round trips and in-process timings first, on a quiet
machine; then the hub over HTTP and under load, sampled for memory throughout.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
import strawberry

from bench import BenchResult
from bench.api.memory import Memory, RssSampler
from bench.api.nested import (
    NESTED_CITIES,
    CityRow,
    canonical_graphql,
    canonical_raw,
    compare,
    execute_nested,
    post_nested,
    raw_nested,
    settings_for_nested,
    shape,
)
from bench.api.report import memory_result, nested_result, round_trip_result, throughput_result
from bench.api.round_trips import count_round_trips
from bench.api.servers import BARE_FACTORY, HUB_FACTORY, serving, settings_env
from bench.api.throughput import (
    THROUGHPUT_ROUNDS,
    Throughput,
    check_cache,
    combined,
    run_loadgen,
)
from bench.graph_load import load_graph
from bench.load import SYNTH_CITIES, SYNTH_SEED
from bench.timing import Latencies, measure
from graph.embedded_server import EmbeddedServer
from graph.engine import GraphEngine
from graph.factory import open_engine
from graph.store import GraphStore
from hub.bootstrap import api_config
from hub.settings import Environment, Settings
from schema.build import build_schema

SYNTH_GRAPH = "bench_api"
REAL_GRAPH = "bench_api_real"


async def bench_api(
    cities: int = SYNTH_CITIES,
    seed: int = SYNTH_SEED,
    *,
    requests: int = 40,
    warmup: int = 3,
    load_seconds: float = 15.0,
    load_warmup: float = 1.0,
    concurrency: int = 16,
    max_requests: int = 1_000_000,
    batch_size: int = 2000,
) -> list[BenchResult]:
    """All four API benchmarks on one embedded FalkorDB in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="uccn-bench-") as tmp:
        directory = Path(tmp) / "graph"
        url = f"falkordb://{directory}"
        engine = await open_engine(url, graph_name=SYNTH_GRAPH)
        try:
            real_engine = await open_engine(url, graph_name=REAL_GRAPH)
            try:
                return await _bench(
                    engine,
                    real_engine,
                    directory,
                    Path(tmp),
                    cities=cities,
                    seed=seed,
                    requests=requests,
                    warmup=warmup,
                    load_seconds=load_seconds,
                    load_warmup=load_warmup,
                    concurrency=concurrency,
                    max_requests=max_requests,
                    batch_size=batch_size,
                )
            finally:
                await real_engine.close()
        finally:
            await engine.close()


async def _bench(
    engine: GraphEngine,
    real_engine: GraphEngine,
    directory: Path,
    tmp: Path,
    *,
    cities: int,
    seed: int,
    requests: int,
    warmup: int,
    load_seconds: float,
    load_warmup: float,
    concurrency: int,
    max_requests: int,
    batch_size: int,
) -> list[BenchResult]:
    store = GraphStore(engine, batch_size=batch_size)
    real_store = GraphStore(real_engine, batch_size=batch_size)
    loaded = await load_graph(store, cities, seed)
    real_loaded = await load_graph(real_store, None, seed)
    graph_note = (
        f"graph: real data + generate(cities={cities:,}, seed={seed}): {loaded.nodes:,} nodes, "
        f"{loaded.links:,} relationships, loaded in {loaded.seconds:.1f} s"
    )

    base = Settings(
        _env_file=None,  # type: ignore[call-arg]
        env=Environment.PRODUCTION,
        graph_url=f"falkordb://{directory}",
        graph_name=SYNTH_GRAPH,
        log_level="critical",
    )
    settings, raised = await settings_for_nested(base, store)
    limit_notes = raised or ["no query limit refused the nested query (defaults kept)"]
    schema = build_schema(api_config(settings))

    # (4) round trips, and the same-data check at every size.
    trips = await count_round_trips(schema, engine, settings, batch_size)
    # (1) in-process, on the synthetic graph and on the real data alone.
    in_process = await _in_process(schema, store, engine, settings, requests, warmup)
    real_settings = settings.model_copy(update={"graph_name": REAL_GRAPH})
    real = await _in_process(schema, real_store, real_engine, real_settings, requests, warmup)
    # (1) over HTTP, (2) the hub's throughput, (3) the hub's memory through both.
    served = await _served(
        engine,
        directory,
        tmp,
        settings,
        requests=requests,
        warmup=warmup,
        load_seconds=load_seconds,
        load_warmup=load_warmup,
        concurrency=concurrency,
        max_requests=max_requests,
    )

    return [
        nested_result(
            "api-nested-http",
            "api nested (HTTP)",
            "ours: GraphQL over HTTP, uvicorn subprocess (p50)",
            served.over_http.latencies["ours"],
            served.over_http.latencies["raw"],
            served.over_http.same,
            [shape(in_process.rows), graph_note, *limit_notes],
        ),
        nested_result(
            "api-nested-in-process",
            "api nested (in-process)",
            "ours: schema.execute in-process (p50)",
            in_process.latencies["ours"],
            in_process.latencies["raw"],
            in_process.same,
            [shape(in_process.rows), "same graph, same engine as over HTTP"],
        ),
        nested_result(
            "api-nested-real",
            "api nested (real data)",
            "ours: schema.execute in-process (p50)",
            real.latencies["ours"],
            real.latencies["raw"],
            real.same,
            [
                shape(real.rows),
                f"graph: the real data alone, {real_loaded.nodes:,} nodes, "
                f"{real_loaded.links:,} relationships",
            ],
        ),
        throughput_result(served.hub_load, served.bare_load, load_seconds, cache="warm"),
        throughput_result(served.cold_load, served.bare_load, load_seconds, cache="cold"),
        memory_result(served.memory, served.db_pid),
        round_trip_result(trips),
    ]


@dataclass(frozen=True, slots=True)
class _Nested:
    """The nested query timed one way against the raw query: the answer it checked first
    (ours, in canonical form), where it differs from the raw one, and both latencies."""

    rows: list[CityRow]
    same: str | None
    latencies: dict[str, Latencies]


async def _in_process(
    schema: strawberry.Schema,
    store: GraphStore,
    engine: GraphEngine,
    settings: Settings,
    requests: int,
    warmup: int,
) -> _Nested:
    async def ours() -> object:
        return await execute_nested(schema, store, settings, NESTED_CITIES)

    async def raw() -> object:
        return await raw_nested(engine, NESTED_CITIES)

    rows = canonical_graphql(await execute_nested(schema, store, settings, NESTED_CITIES))
    same = compare(rows, canonical_raw(await raw_nested(engine, NESTED_CITIES)))
    return _Nested(rows, same, await measure({"ours": ours, "raw": raw}, requests, warmup))


@dataclass(frozen=True, slots=True)
class _Served:
    """What the served hub gave: the nested query over HTTP, the hub's and the bare app's
    loads, and the memory sampled through both."""

    over_http: _Nested
    hub_load: Throughput
    cold_load: Throughput
    bare_load: Throughput
    memory: Memory
    db_pid: int | None


async def _served(
    engine: GraphEngine,
    directory: Path,
    tmp: Path,
    settings: Settings,
    *,
    requests: int,
    warmup: int,
    load_seconds: float,
    load_warmup: float,
    concurrency: int,
    max_requests: int,
) -> _Served:
    """The hub under uvicorn: the nested query over HTTP, then load rounds alternating with the
    bare app's; the hub's RSS (and the graph server's) sampled throughout."""

    async def raw() -> object:
        return await raw_nested(engine, NESTED_CITIES)

    memory = Memory()
    db_pid = EmbeddedServer(directory).pid
    db = RssSampler(db_pid) if db_pid else None
    env = settings_env(settings)
    with db.sampling() if db else contextlib.nullcontext():
        memory.db_before = db.peak if db else 0
        # The nested query is measured on a hub without the response cache: the same document
        # again would be answered from it, and the row is about reading, not about the cache.
        uncached_env = {**env, "UCCN_API_RESPONSE_CACHE": "false"}
        async with serving("hub-uncached", HUB_FACTORY, uncached_env, tmp) as uncached:
            hub_rss = RssSampler(uncached.pid)
            memory.before = hub_rss.now()
            async with httpx.AsyncClient(base_url=uncached.url, timeout=120.0) as client:

                async def ours_http() -> object:
                    return await post_nested(client, NESTED_CITIES)

                with hub_rss.sampling():
                    http_rows = canonical_graphql(await post_nested(client, NESTED_CITIES))
                    http_same = compare(
                        http_rows, canonical_raw(await raw_nested(engine, NESTED_CITIES))
                    )
                    over_http = await measure({"ours": ours_http, "raw": raw}, requests, warmup)
                memory.peak_nested = hub_rss.peak
                memory.after_nested = hub_rss.now()
        async with serving("hub", HUB_FACTORY, env, tmp) as hub:
            hub_rss = RssSampler(hub.pid)
            # Hub (cache warm), bare and hub (cache cold) rounds alternate, so a slow patch of a
            # shared machine weighs on all three.
            hub_runs: list[Throughput] = []
            cold_runs: list[Throughput] = []
            bare_runs: list[Throughput] = []
            round_seconds = load_seconds / THROUGHPUT_ROUNDS
            cold_env = {**env, "UCCN_API_RESPONSE_CACHE_BYTES": "0"}
            async with (
                serving("bare", BARE_FACTORY, env, tmp) as bare,
                serving("hub-cold", HUB_FACTORY, cold_env, tmp) as cold,
            ):
                await check_cache(hub, "hit")
                await check_cache(cold, "miss")
                for _ in range(THROUGHPUT_ROUNDS):
                    with hub_rss.sampling():
                        hub_runs.append(
                            await run_loadgen(
                                hub, concurrency, round_seconds, load_warmup, max_requests, db_pid
                            )
                        )
                    bare_runs.append(
                        await run_loadgen(
                            bare, concurrency, round_seconds, load_warmup, max_requests
                        )
                    )
                    cold_runs.append(
                        await run_loadgen(
                            cold, concurrency, round_seconds, load_warmup, max_requests, db_pid
                        )
                    )
            hub_load, bare_load = combined(hub_runs), combined(bare_runs)
            cold_load = combined(cold_runs)
            await asyncio.sleep(0.5)
            memory.after_load = hub_rss.now()
            memory.peak_load = hub_rss.peak
            memory.samples = hub_rss.samples
        memory.db_peak = db.peak if db else 0
    return _Served(
        _Nested(http_rows, http_same, over_http), hub_load, cold_load, bare_load, memory, db_pid
    )
