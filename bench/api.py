"""GraphQL API benchmarks, each measured side by side with its baseline in one run.

1. Nested query: 100 cities (ordered by name) with their country, field, projects and each
   project's SDG targets. Ours is the GraphQL document, run through the real HTTP stack (uvicorn
   serving `create_app(settings)` in a subprocess, a keep-alive client here) and in-process
   (`schema.execute`); the baseline is one hand-written Cypher query (`RAW_NESTED`) returning
   the same data through the same engine. Both answers are checked to hold the same cities,
   projects and targets before anything is timed. Goal: ours p50 <= 2 x raw p50. On the real
   data + `uccn synth` layer, and on the real data alone (in-process).
2. Throughput: `{ city(id:) { name } }` against the hub, and a bare Starlette endpoint
   (`bench.bare_app`) answering the same payload, both served by the same uvicorn command and
   driven by the same load generator (`bench.loadgen`, its own process), in rounds that
   alternate between the two servers. Goal: >= 1/4.
3. Memory: the hub process's RSS before, during (peak, sampled) and after the loads of 1 (over
   HTTP) and 2 against the synthetic graph. Goal: peak < 400 MB. The embedded FalkorDB server is
   another process; its RSS is reported apart.
4. Round trips: graph queries per nested request for 10, 50 and 100 cities, counted by wrapping
   the engine in-process. Goal: the same for every size (bounded by the query's depth).

Everything runs in one temporary directory (removed at the end) holding one embedded FalkorDB
server, which this process starts and stops; every uvicorn server is stopped in a `finally`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

import httpx
import psutil
import strawberry
from pydantic import SecretStr
from starlette.applications import Starlette
from strawberry.types import ExecutionResult

from bench import BenchResult, Measurement
from bench.bare_app import PAYLOAD
from bench.load import SYNTH_CITIES, SYNTH_SEED
from bench.loadgen import LoadResult, percentile
from graph.embedded_server import EmbeddedServer
from graph.engine import GraphEngine, Row
from graph.factory import open_engine
from graph.schema import SchemaSpec
from graph.statements import listing, neighbours
from graph.store import GraphStore
from hub.app import create_app
from hub.bootstrap import api_config, build_services
from hub.settings import Environment, Settings
from schema.build import build_schema
from schema.context import Context
from services.container import Services
from services.policy import ANONYMOUS
from services.reference.dataset import load_reference_data
from services.reference.loading import load_reference
from services.synth.generator import generate

ROOT = Path(__file__).resolve().parents[1]
SYNTH_GRAPH = "bench_api"
REAL_GRAPH = "bench_api_real"
NESTED_CITIES = 100
ROUND_TRIP_SIZES = (10, 50, 100)
# Levels of NESTED_QUERY that reach the graph: cities, country, field, projects, targets. One
# round trip each at most, whatever the number of cities (fewer when a level comes back empty).
NESTED_LEVELS = 5
PROJECTS_PAGE = 100  # the page maximum: every project of a city (synth cities have < 100)
NESTED_GOAL = 2.0
THROUGHPUT_GOAL = 0.25
THROUGHPUT_ROUNDS = 3  # alternating hub and bare load runs, each a third of the load time
RSS_LIMIT_MB = 400.0
MB = 1024 * 1024
SERVER_START_TIMEOUT_S = 120.0
SERVER_STOP_TIMEOUT_S = 15.0
RSS_SAMPLE_S = 0.02
ENV_PREFIX = "UCCN_"

# Our path: the GraphQL document a client sends.
NESTED_QUERY = """
query Nested($first: Int!, $projects: Int!) {
  cities(first: $first) {
    nodes {
      slug
      name
      country { code name }
      field { name }
      projects(first: $projects) {
        nodes { slug title sdgTargets { code } }
      }
    }
  }
}
"""

# The baseline: one hand-written Cypher query for the same data (values are parameters).
RAW_NESTED = (
    "MATCH (c:City) WITH c ORDER BY c.search_name, c.id LIMIT $first "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN c.id AS id, c.name AS name, k.id AS country, k.name AS country_name, "
    "f.name AS field, "
    "[(c)-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject) | {id: p.id, title: p.title, "
    "targets: [(p)-[:ADDRESSES]->(t:SDGTarget) | t.id]}] AS projects "
    "ORDER BY c.search_name, c.id"
)

CITY_ID = "chiang-mai"
CITY_QUERY = {"query": f'{{ city(id: "{CITY_ID}") {{ name }} }}'}

# The same uvicorn command line for every server: one worker, asyncio loop, h11, no logs.
UVICORN_OPTIONS = (
    *("--host", "127.0.0.1", "--workers", "1", "--loop", "asyncio", "--http", "h11"),
    *("--lifespan", "on", "--log-level", "critical", "--no-access-log"),
    *("--timeout-graceful-shutdown", "5"),
)
HUB_FACTORY = "bench.api:create_hub_app"
BARE_FACTORY = "bench.bare_app:create_bare_app"

# Query limits a benchmark may raise when they refuse the nested query, to these values.
LIMIT_CEILINGS = {
    "UCCN_API_MAX_DEPTH": ("api_max_depth", 50),
    "UCCN_API_MAX_COST": ("api_max_cost", 10_000_000),
    "UCCN_API_MAX_ALIASES": ("api_max_aliases", 1000),
    "UCCN_API_MAX_TOKENS": ("api_max_tokens", 100_000),
}
LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"

Project = tuple[str, str, tuple[str, ...]]
CityRow = tuple[str, str, str | None, str | None, str | None, tuple[Project, ...]]
Call = Callable[[], Awaitable[object]]


class ApiBenchError(RuntimeError):
    """The benchmark could not run as designed (a server did not start, a query failed)."""


def create_hub_app() -> Starlette:
    """The uvicorn factory for the hub: settings from the `UCCN_*` environment the bench sets."""
    return create_app(Settings(_env_file=None))  # type: ignore[call-arg]


# --- the graph ---------------------------------------------------------------------------------


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
class Loaded:
    nodes: int
    links: int
    seconds: float


async def load_graph(store: GraphStore, synth_cities: int | None, seed: int) -> Loaded:
    """The real reference data (`uccn load`), then `uccn synth --cities N` when asked."""
    started = time.perf_counter()
    nodes, links = await load_reference(store)
    if synth_cities:
        data = generate(cities=synth_cities, seed=seed, reference=load_reference_data())
        more = await store.write_data(data)
        nodes, links = nodes + more[0], links + more[1]
    return Loaded(nodes, links, time.perf_counter() - started)


# --- the nested query, both ways ---------------------------------------------------------------


def variables(first: int) -> dict[str, int]:
    return {"first": first, "projects": PROJECTS_PAGE}


_SERVICES: dict[tuple[int, int], Services] = {}


def context_for(store: GraphStore, settings: Settings) -> Context:
    """A fresh request context over the services of `store`, built once as the app builds them."""
    key = (id(store), id(settings))
    if key not in _SERVICES:
        _SERVICES[key] = build_services(store, settings)
    services = _SERVICES[key]
    return Context(services, api_config(settings), ANONYMOUS, uuid.uuid4().hex)


async def execute_nested(
    schema: strawberry.Schema, store: GraphStore, settings: Settings, first: int
) -> dict[str, Any]:
    """Our path in-process: the document through the schema, with a fresh request context."""
    result = await schema.execute(
        NESTED_QUERY, variable_values=variables(first), context_value=context_for(store, settings)
    )
    if result.errors or result.data is None:
        raise ApiBenchError(f"the nested query failed: {[e.message for e in result.errors or []]}")
    return result.data


async def post_nested(client: httpx.AsyncClient, first: int) -> dict[str, Any]:
    """Our path over HTTP."""
    response = await client.post(
        "/graphql", json={"query": NESTED_QUERY, "variables": variables(first)}
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors") or not body.get("data"):
        raise ApiBenchError(f"the nested query failed over HTTP ({response.status_code}): {body}")
    data: dict[str, Any] = body["data"]
    return data


async def raw_nested(engine: GraphEngine, first: int) -> list[Row]:
    """The baseline: one Cypher query through the same engine."""
    return await engine.read(RAW_NESTED, {"first": first})


def canonical_graphql(data: Mapping[str, Any]) -> list[CityRow]:
    """Cities in answer order; each city's projects, and each project's targets, sorted."""
    rows: list[CityRow] = []
    for city in data["cities"]["nodes"]:
        country = city["country"] or {}
        creative_field = city["field"] or {}
        projects = tuple(
            sorted(
                (p["slug"], p["title"], tuple(sorted(t["code"] for t in p["sdgTargets"])))
                for p in city["projects"]["nodes"]
            )
        )
        rows.append(
            (
                city["slug"],
                city["name"],
                country.get("code"),
                country.get("name"),
                creative_field.get("name"),
                projects,
            )
        )
    return rows


def canonical_raw(rows: Sequence[Row]) -> list[CityRow]:
    return [
        (
            row["id"],
            row["name"],
            row["country"],
            row["country_name"],
            row["field"],
            tuple(
                sorted((p["id"], p["title"], tuple(sorted(p["targets"]))) for p in row["projects"])
            ),
        )
        for row in rows
    ]


def shape(rows: Sequence[CityRow]) -> str:
    projects = sum(len(r[5]) for r in rows)
    targets = sum(len(p[2]) for r in rows for p in r[5])
    return f"{len(rows)} cities, {projects} city-project pairs, {targets} project targets"


Probe = Callable[[Settings], Awaitable[ExecutionResult]]


async def raise_limits(base: Settings, probe: Probe) -> tuple[Settings, list[str]]:
    """`base`, with every query limit that refuses `probe`'s document raised, and what was
    raised (the benchmarks are about speed, not about the limits)."""
    settings = base
    raised: list[str] = []
    for _ in range(len(LIMIT_CEILINGS) + 1):
        result = await probe(settings)
        refusals = [
            e for e in result.errors or [] if (e.extensions or {}).get("code") == LIMIT_CODE
        ]
        if not refusals:
            return settings, raised
        updates: dict[str, int] = {}
        for refusal in refusals:
            limit = str((refusal.extensions or {}).get("limit"))
            if limit not in LIMIT_CEILINGS:
                raise ApiBenchError(f"a limit the benchmark cannot raise: {refusal.message}")
            name, ceiling = LIMIT_CEILINGS[limit]
            updates[name] = ceiling
            raised.append(f"{limit} raised to {ceiling:,} (refused: {refusal.message})")
        settings = settings.model_copy(update=updates)
    raise ApiBenchError(f"the document is still refused after raising: {raised}")


async def settings_for_nested(base: Settings, store: GraphStore) -> tuple[Settings, list[str]]:
    """`base`, with every query limit that refuses the nested query raised (and said so)."""

    async def probe(settings: Settings) -> ExecutionResult:
        return await build_schema(api_config(settings)).execute(
            NESTED_QUERY,
            variable_values=variables(NESTED_CITIES),
            context_value=context_for(store, settings),
        )

    return await raise_limits(base, probe)


# --- timing ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Latencies:
    seconds: tuple[float, ...]

    @property
    def p50(self) -> float:
        return percentile(self.seconds, 50)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 95)

    def describe(self) -> str:
        return (
            f"p50 {self.p50 * 1000:.1f} ms, p95 {self.p95 * 1000:.1f} ms, "
            f"min {min(self.seconds) * 1000:.1f} ms over {len(self.seconds)} requests"
        )


async def measure(cases: Mapping[str, Call], requests: int, warmup: int) -> dict[str, Latencies]:
    """Every case `requests` times, interleaved (alternating who goes first), after warm-ups."""
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            await cases[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for n in range(requests):
        for name in names if n % 2 == 0 else names[::-1]:
            started = time.perf_counter()
            await cases[name]()
            times[name].append(time.perf_counter() - started)
    return {name: Latencies(tuple(values)) for name, values in times.items()}


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


def nested_result(
    name: str,
    title: str,
    ours_case: str,
    ours: Latencies,
    raw: Latencies,
    same: str | None,
    notes: Sequence[str],
) -> BenchResult:
    ratio = ours.p50 / raw.p50 if raw.p50 > 0 else 0.0
    return BenchResult(
        name=name,
        title=title,
        measurements=(
            Measurement(ours_case, ours.p50, detail=ours.describe()),
            Measurement("raw: one Cypher query, same engine (p50)", raw.p50, detail=raw.describe()),
        ),
        ratio=ratio,
        ratio_label="ours p50 / raw p50",
        goal=f"<= {NESTED_GOAL:.2f}",
        met=same is None and ratio <= NESTED_GOAL,
        notes=(
            *(["same data: " + "; ".join(notes)] if same is None else [f"DATA DIFFERS: {same}"]),
            f"p95: ours / raw = {ours.p95 / raw.p95 if raw.p95 > 0 else 0.0:.2f}",
        ),
    )


def compare(ours: list[CityRow], raw: list[CityRow]) -> str | None:
    """None when both hold the same data; otherwise where they first differ."""
    if ours == raw:
        return None
    if len(ours) != len(raw):
        return f"ours {len(ours)} cities, raw {len(raw)}"
    for a, b in zip(ours, raw, strict=True):
        if a != b:
            return f"first difference at city {a[0]!r} / {b[0]!r}"
    return "unknown difference"


# --- servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def settings_env(settings: Settings) -> dict[str, str]:
    """Every setting as the `UCCN_*` variable that sets it, so a subprocess gets the same."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, Enum):
            value = value.value
        env[f"{ENV_PREFIX}{name.upper()}"] = str(value)
    return env


def child_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return {**env, **extra}


def _log_file(path: Path) -> BinaryIO:
    return path.open("wb")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass(slots=True)
class Server:
    name: str
    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.asynccontextmanager
async def serving(
    name: str, factory: str, env: Mapping[str, str], log_dir: Path
) -> AsyncIterator[Server]:
    """`uvicorn --factory FACTORY` with `UVICORN_OPTIONS` on a free loopback port, until exit."""
    port = free_port()
    log = log_dir / f"{name}.log"
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--port", str(port)]
    with _log_file(log) as handle:
        process = await asyncio.create_subprocess_exec(
            *command,
            *UVICORN_OPTIONS,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=handle,
            stderr=asyncio.subprocess.STDOUT,
            env=child_env(env),
            cwd=ROOT,
        )
    server = Server(name, process, port, log)
    try:
        await _wait_ready(server)
        yield server
    finally:
        await _stop(server)


async def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    async with httpx.AsyncClient(base_url=server.url, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if server.process.returncode is not None:
                raise ApiBenchError(
                    f"{server.name} server exited ({server.process.returncode}):\n"
                    f"{_tail(server.log)}"
                )
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.05)
    raise ApiBenchError(f"{server.name} server did not answer in time:\n{_tail(server.log)}")


async def _stop(server: Server) -> None:
    if server.process.returncode is not None:
        return
    server.process.terminate()
    try:
        await asyncio.wait_for(server.process.wait(), SERVER_STOP_TIMEOUT_S)
    except TimeoutError:
        server.process.kill()
        await server.process.wait()


@dataclass(frozen=True, slots=True)
class Throughput:
    """A load run, with the CPU time the server (and the graph server) used during it."""

    load: LoadResult
    server_cpu_s: float
    graph_cpu_s: float | None = None

    @property
    def answered(self) -> int:
        return self.load.requests + self.load.warmup_requests

    def cpu_ms_per_request(self) -> float:
        return self.server_cpu_s * 1000 / self.answered if self.answered else 0.0


def combined(runs: Sequence[Throughput]) -> Throughput:
    """Rounds of one load as one: their requests, windows and CPU times added up; the median
    round's p50 and the worst p99."""
    loads = [run.load for run in runs]
    graph = [run.graph_cpu_s for run in runs if run.graph_cpu_s is not None]
    return Throughput(
        LoadResult(
            requests=sum(load.requests for load in loads),
            errors=sum(load.errors for load in loads),
            seconds=sum(load.seconds for load in loads),
            concurrency=loads[0].concurrency,
            p50_ms=sorted(load.p50_ms for load in loads)[len(loads) // 2],
            p99_ms=max(load.p99_ms for load in loads),
            warmup_requests=sum(load.warmup_requests for load in loads),
            cpu_s=sum(load.cpu_s for load in loads),
        ),
        server_cpu_s=sum(run.server_cpu_s for run in runs),
        graph_cpu_s=sum(graph) if graph else None,
    )


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


async def run_loadgen(
    server: Server,
    concurrency: int,
    seconds: float,
    warmup: float,
    max_requests: int,
    graph_pid: int | None = None,
) -> Throughput:
    """`python -m bench.loadgen` in its own process against `server`, same options every time."""
    options = {
        "--port": str(server.port),
        "--body": json.dumps(CITY_QUERY),
        "--expect": json.dumps(PAYLOAD),
        "--concurrency": str(concurrency),
        "--duration": str(seconds),
        "--warmup": str(warmup),
        "--max-requests": str(max_requests),
    }
    server_cpu = cpu_seconds(server.pid)
    graph_cpu = cpu_seconds(graph_pid) if graph_pid else 0.0
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.loadgen",
        *(part for option in options.items() for part in option),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=child_env({}),
        cwd=ROOT,
    )
    try:
        out, err = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    server_cpu = cpu_seconds(server.pid) - server_cpu
    graph_used = cpu_seconds(graph_pid) - graph_cpu if graph_pid else None
    if process.returncode != 0:
        raise ApiBenchError(f"the load generator failed: {err.decode(errors='replace')}")
    load = LoadResult.from_json(out.decode().strip().splitlines()[-1])
    return Throughput(load, server_cpu, graph_used)


# --- memory ------------------------------------------------------------------------------------


@dataclass(slots=True)
class RssSampler:
    """Samples one process's resident set size every `RSS_SAMPLE_S` while running."""

    pid: int
    peak: int = 0
    samples: int = 0
    _process: psutil.Process | None = None
    _task: asyncio.Task[None] | None = field(default=None, repr=False)

    def now(self) -> int:
        if self._process is None:
            self._process = psutil.Process(self.pid)
        rss = int(self._process.memory_info().rss)
        self.peak = max(self.peak, rss)
        self.samples += 1
        return rss

    async def _run(self) -> None:
        with contextlib.suppress(psutil.Error):
            while True:
                self.now()
                await asyncio.sleep(RSS_SAMPLE_S)

    @contextlib.contextmanager
    def sampling(self) -> Iterator[RssSampler]:
        self.now()
        self._task = asyncio.get_running_loop().create_task(self._run())
        try:
            yield self
        finally:
            self._task.cancel()
            self._task = None
            with contextlib.suppress(psutil.Error):
                self.now()


def mb(value: int) -> float:
    return value / MB


# --- the benchmark -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Memory:
    before: int = 0
    after_nested: int = 0
    after_load: int = 0
    peak_nested: int = 0
    peak_load: int = 0
    db_before: int = 0
    db_peak: int = 0
    samples: int = 0
    notes: list[str] = field(default_factory=list)


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
        calls = tuple(names.get(c, c[:40]) for c in counting.calls)
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

    # (1) in-process, on the synthetic graph and on the real data alone.
    async def ours_in_process() -> object:
        return await execute_nested(schema, store, settings, NESTED_CITIES)

    async def raw() -> object:
        return await raw_nested(engine, NESTED_CITIES)

    synth_rows = canonical_graphql(await execute_nested(schema, store, settings, NESTED_CITIES))
    synth_same = compare(synth_rows, canonical_raw(await raw_nested(engine, NESTED_CITIES)))
    in_process = await measure({"ours": ours_in_process, "raw": raw}, requests, warmup)

    real_settings = settings.model_copy(update={"graph_name": REAL_GRAPH})

    async def ours_real() -> object:
        return await execute_nested(schema, real_store, real_settings, NESTED_CITIES)

    async def raw_real() -> object:
        return await raw_nested(real_engine, NESTED_CITIES)

    real_rows = canonical_graphql(
        await execute_nested(schema, real_store, real_settings, NESTED_CITIES)
    )
    real_same = compare(real_rows, canonical_raw(await raw_nested(real_engine, NESTED_CITIES)))
    real = await measure({"ours": ours_real, "raw": raw_real}, requests, warmup)

    # (1) over HTTP, (2) the hub's throughput, (3) the hub's memory through both.
    memory = _Memory()
    db_pid = EmbeddedServer(directory).pid
    db = RssSampler(db_pid) if db_pid else None
    env = settings_env(settings)
    with db.sampling() if db else contextlib.nullcontext():
        memory.db_before = db.peak if db else 0
        async with serving("hub", HUB_FACTORY, env, tmp) as hub:
            hub_rss = RssSampler(hub.pid)
            memory.before = hub_rss.now()
            async with httpx.AsyncClient(base_url=hub.url, timeout=120.0) as client:

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
            # Hub and bare rounds alternate, so a slow patch of a shared machine weighs on both.
            hub_runs: list[Throughput] = []
            bare_runs: list[Throughput] = []
            round_seconds = load_seconds / THROUGHPUT_ROUNDS
            async with serving("bare", BARE_FACTORY, env, tmp) as bare:
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
            hub_load, bare_load = combined(hub_runs), combined(bare_runs)
            await asyncio.sleep(0.5)
            memory.after_load = hub_rss.now()
            memory.peak_load = hub_rss.peak
            memory.samples = hub_rss.samples
        memory.db_peak = db.peak if db else 0

    return [
        nested_result(
            "api-nested-http",
            "api nested (HTTP)",
            "ours: GraphQL over HTTP, uvicorn subprocess (p50)",
            over_http["ours"],
            over_http["raw"],
            http_same,
            [shape(synth_rows), graph_note, *limit_notes],
        ),
        nested_result(
            "api-nested-in-process",
            "api nested (in-process)",
            "ours: schema.execute in-process (p50)",
            in_process["ours"],
            in_process["raw"],
            synth_same,
            [shape(synth_rows), "same graph, same engine as over HTTP"],
        ),
        nested_result(
            "api-nested-real",
            "api nested (real data)",
            "ours: schema.execute in-process (p50)",
            real["ours"],
            real["raw"],
            real_same,
            [
                shape(real_rows),
                f"graph: the real data alone, {real_loaded.nodes:,} nodes, "
                f"{real_loaded.links:,} relationships",
            ],
        ),
        throughput_result(hub_load, bare_load, load_seconds),
        memory_result(memory, db_pid),
        round_trip_result(trips),
    ]


def throughput_result(hub: Throughput, bare: Throughput, seconds: float) -> BenchResult:
    def case(label: str, run: Throughput) -> Measurement:
        load = run.load
        graph = (
            f", embedded FalkorDB {run.graph_cpu_s / load.seconds:.2f} core"
            if run.graph_cpu_s is not None
            else ""
        )
        return Measurement(
            label,
            load.seconds,
            load.requests,
            f"{load.requests_per_s:,.0f} req/s, p50 {load.p50_ms:.2f} ms, "
            f"p99 {load.p99_ms:.2f} ms, {load.errors} errors, {load.concurrency} connections; "
            f"CPU: server {run.cpu_ms_per_request():.3f} ms/request "
            f"({run.server_cpu_s / load.seconds:.2f} core){graph}, "
            f"load generator {load.cpu_s / load.seconds:.2f} core",
        )

    ratio = hub.load.requests_per_s / bare.load.requests_per_s if bare.load.requests_per_s else 0.0
    hub_cpu, bare_cpu = hub.cpu_ms_per_request(), bare.cpu_ms_per_request()
    errors = hub.load.errors + bare.load.errors
    return BenchResult(
        name="api-throughput",
        title="api throughput",
        measurements=(
            case("ours: hub, { city(id:) { name } }", hub),
            case("bare: Starlette JSON endpoint", bare),
        ),
        ratio=ratio,
        ratio_label="hub / bare requests/s",
        goal=f">= {THROUGHPUT_GOAL:.2f}",
        met=ratio >= THROUGHPUT_GOAL and errors == 0,
        notes=(
            f"same uvicorn command for both: {' '.join(UVICORN_OPTIONS)}",
            f"load: python -m bench.loadgen, {hub.load.concurrency} keep-alive connections, "
            f"{seconds:g} s measured in {THROUGHPUT_ROUNDS} rounds alternating with the other "
            "server's, each after a warm-up, its own process, loopback; "
            f"{os.cpu_count()} CPUs on this machine, shared by server, load generator and "
            "(for the hub) the FalkorDB server",
            f"server CPU per request: bare / hub = {bare_cpu / hub_cpu if hub_cpu else 0.0:.2f} "
            f"({bare_cpu:.3f} / {hub_cpu:.3f} ms), the ratio with contention for CPUs set aside",
        ),
    )


def memory_result(memory: _Memory, db_pid: int | None) -> BenchResult:
    peak = max(memory.peak_nested, memory.peak_load)
    ratio = mb(peak) / RSS_LIMIT_MB
    db = (
        f"embedded FalkorDB server (pid {db_pid}, not the target): {mb(memory.db_before):.0f} MB "
        f"before, peak {mb(memory.db_peak):.0f} MB"
        if db_pid
        else "embedded FalkorDB server: pid unknown"
    )
    return BenchResult(
        name="api-memory",
        title="api memory",
        measurements=(
            Measurement(
                "hub RSS, nested queries over HTTP",
                0.0,
                detail=f"before {mb(memory.before):.0f} MB, peak {mb(memory.peak_nested):.0f} MB, "
                f"after {mb(memory.after_nested):.0f} MB",
            ),
            Measurement(
                "hub RSS, { city(id:) } load",
                0.0,
                detail=f"peak {mb(memory.peak_load):.0f} MB, after {mb(memory.after_load):.0f} MB",
            ),
        ),
        ratio=ratio,
        ratio_label=f"hub peak RSS {mb(peak):.0f} MB / {RSS_LIMIT_MB:.0f} MB",
        goal="< 1.00",
        met=ratio < 1.0,
        notes=(f"{memory.samples:,} RSS samples of the hub process", db),
    )


def round_trip_result(trips: Sequence[RoundTrips]) -> BenchResult:
    counts = [len(t.statements) for t in trips]
    fewest = min(counts, default=0)
    ratio = max(counts) / fewest if fewest else 0.0
    bounded = max(counts, default=0) <= NESTED_LEVELS
    differs = [f"{t.cities} cities: DATA DIFFERS: {t.differs}" for t in trips if t.differs]
    return BenchResult(
        name="api-round-trips",
        title="api round trips",
        measurements=tuple(
            Measurement(
                f"{t.cities} cities",
                t.seconds,
                detail=t.describe(),
            )
            for t in trips
        ),
        ratio=ratio,
        ratio_label=f"most / fewest round trips ({' / '.join(str(c) for c in counts)})",
        goal="= 1.00",
        met=ratio == 1.0 and bounded and not differs,
        notes=(
            f"bound: {NESTED_LEVELS} levels of the query reach the graph; "
            + ("every size within it" if bounded else "EXCEEDED"),
            *(differs or ["same data as the raw query at every size"]),
        ),
    )
