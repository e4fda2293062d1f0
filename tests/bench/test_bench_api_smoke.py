"""The API benchmarks at a tiny size: they run, report the structure promised, clean up.

Timings are never asserted, only that there are some; the round-trip count is asserted, since
it is a property of the code (one graph query per level), not of the machine."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from pathlib import Path

import httpx
import psutil
import pytest

from bench import BenchResult, Measurement
from bench.api.nested import (
    NESTED_QUERY,
    RAW_NESTED,
    canonical_graphql,
    canonical_raw,
    compare,
    execute_nested,
    raw_nested,
)
from bench.api.round_trips import NESTED_ROUND_TRIPS, ROUND_TRIP_SIZES, CountingEngine
from bench.api.run import bench_api
from bench.api.servers import settings_env
from bench.bare_app import PAYLOAD, create_bare_app
from bench.graph_load import load_graph
from bench.loadgen import (
    NO_EXPECTATION,
    LoadResult,
    LoopbackOnly,
    percentile,
    read_response,
    run_load,
)
from graph.store import GraphStore
from hub.bootstrap import api_config
from hub.settings import Environment, Settings
from schema.build import build_schema

CITIES = 30
NAMES = [
    "api-nested-http",
    "api-nested-in-process",
    "api-nested-real",
    "api-throughput",
    "api-throughput-cold",
    "api-memory",
    "api-round-trips",
]


def leftover_dirs() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("uccn-bench-*"))


def children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


@pytest.mark.slow
async def test_api_benchmarks_report_every_case_and_clean_up() -> None:
    dirs, procs = leftover_dirs(), children()
    results = await bench_api(
        cities=CITIES,
        seed=3,
        requests=3,
        warmup=1,
        load_seconds=2.0,
        load_warmup=0.2,
        concurrency=4,
        batch_size=500,
    )
    assert [r.name for r in results] == NAMES
    for result in results:
        assert isinstance(result, BenchResult)
        assert all(isinstance(m, Measurement) for m in result.measurements)
        assert result.ratio > 0
        assert result.ratio_label
        assert result.goal
    by_name = {r.name: r for r in results}

    for name in NAMES[:3]:
        nested = by_name[name]
        ours, raw = nested.measurements
        assert "issue 11 today: 2." in nested.ratio_label
        assert nested.goal == "<= 1.30"
        assert ours.case.startswith("ours")
        assert raw.case.startswith("raw")
        assert ours.seconds > 0
        assert raw.seconds > 0
        assert "p50" in ours.detail
        assert "p95" in ours.detail
        assert nested.notes[0].startswith("same data: 100 cities"), nested.notes
        assert nested.ratio == pytest.approx(ours.seconds / raw.seconds)

    for name, goal in (("api-throughput", "0.60"), ("api-throughput-cold", "0.35")):
        throughput = by_name[name]
        hub, bare = throughput.measurements
        assert hub.rows > 0
        assert bare.rows > 0
        assert " 0 errors" in hub.detail
        assert " 0 errors" in bare.detail
        assert hub.rows_per_s is not None
        assert bare.rows_per_s is not None
        assert throughput.ratio == pytest.approx(hub.rows_per_s / bare.rows_per_s)
        assert throughput.goal == f">= {goal}; today 0.32"
        assert throughput.notes[0].startswith(f"issue 11: today 0.32, goal >= {goal}")

    memory = by_name["api-memory"]
    assert "peak" in memory.measurements[0].detail
    assert "MB / 400 MB" in memory.ratio_label
    assert any("FalkorDB" in note for note in memory.notes)

    trips = by_name["api-round-trips"]
    assert [m.case for m in trips.measurements] == [f"{n} cities" for n in ROUND_TRIP_SIZES]
    # The listing and one compiled statement, whatever the size.
    for m in trips.measurements:
        assert int(m.detail.split(" ")[0]) == NESTED_ROUND_TRIPS
        assert "compiled read" in m.detail
    assert "every size within it" in trips.notes[0]
    assert trips.notes[1] == "same data as the raw query at every size"

    assert leftover_dirs() <= dirs
    await asyncio.sleep(0)
    assert children() <= procs


async def test_graphql_and_raw_cypher_return_the_same_data(store: GraphStore) -> None:
    await load_graph(store, 40, 7)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        env=Environment.PRODUCTION,
        api_max_cost=10_000_000,
    )
    schema = build_schema(api_config(settings))
    counting = CountingEngine(store.engine)
    for size in (5, 25):
        counting.clear()
        data = await execute_nested(schema, GraphStore(counting), settings, size)
        ours = canonical_graphql(data)
        raw = canonical_raw(await raw_nested(store.engine, size))
        assert compare(ours, raw) is None
        assert len(ours) == size
        assert len(counting.calls) == NESTED_ROUND_TRIPS
        assert len(counting.seconds) == len(counting.calls)
        assert 0 < counting.busy_seconds() <= sum(counting.seconds)
    assert "$first" in RAW_NESTED
    assert "cities(first: $first)" in NESTED_QUERY


def test_a_subprocess_gets_the_same_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        env=Environment.PRODUCTION,
        graph_url="falkordb:///tmp/somewhere",
        graph_name="bench_api",
        api_max_cost=123_456,
    )
    for key in [k for k in os.environ if k.startswith("UCCN_")]:
        monkeypatch.delenv(key)
    for key, value in settings_env(settings).items():
        monkeypatch.setenv(key, value)
    again = Settings(_env_file=None)  # type: ignore[call-arg]
    assert again.model_dump() == settings.model_dump()


async def test_bare_app_answers_the_hub_payload() -> None:
    transport = httpx.ASGITransport(app=create_bare_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        response = await client.post("/graphql", json={"query": "{ city(id: 1) { name } }"})
    assert response.status_code == 200
    assert response.json() == PAYLOAD == {"data": {"city": {"name": "Chiang Mai"}}}


async def test_load_generator_is_loopback_only() -> None:
    with pytest.raises(LoopbackOnly):
        await run_load(80, b"{}", host="example.org", duration_s=0.1)


async def test_load_generator_reads_length_and_chunked_responses() -> None:
    reader = asyncio.StreamReader()
    reader.feed_data(
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"
        b"HTTP/1.1 503 Busy\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        b'3\r\n{"a\r\n4\r\n": 1\r\n1\r\n}\r\n0\r\n\r\n'
    )
    assert await read_response(reader) == (200, b"{}", True)
    assert await read_response(reader) == (503, b'{"a": 1}', False)


async def test_load_generator_counts_answers_against_a_live_server() -> None:
    started = asyncio.Event()
    served = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal served
        started.set()
        body = json.dumps(PAYLOAD).encode()
        try:
            while True:
                await reader.readuntil(b"\r\n\r\n")
                await reader.readexactly(2)
                served += 1
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        result = await run_load(
            port, b"{}", expect=PAYLOAD, concurrency=3, duration_s=0.3, warmup_s=0.05
        )
        wrong = await run_load(
            port, b"{}", expect={"other": 1}, concurrency=1, duration_s=0.1, warmup_s=0
        )
        capped = await run_load(port, b"{}", concurrency=2, duration_s=5, max_requests=7)
    finally:
        server.close()
        await server.wait_closed()
    assert started.is_set()
    assert result.requests > 0
    assert result.errors == 0
    assert result.requests_per_s > 0
    assert result.p50_ms <= result.p99_ms
    assert wrong.requests == 0
    assert wrong.errors > 0
    assert capped.requests + capped.warmup_requests <= 7
    assert LoadResult.from_json(result.to_json()) == result
    assert served >= result.requests
    assert NO_EXPECTATION is not None


async def test_counting_engine_busy_time_merges_overlapping_statements(
    store: GraphStore,
) -> None:
    counting = CountingEngine(store.engine)
    counting.spans.extend([(0.0, 2.0), (1.0, 3.0), (5.0, 6.0), (5.5, 5.7)])
    assert counting.busy_seconds() == 4.0
    counting.clear()
    assert counting.busy_seconds() == 0.0


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([float(n) for n in range(1, 101)], 95) == 95.0
    assert percentile([5.0], 99) == 5.0
