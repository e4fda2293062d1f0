"""The brain's benchmarks, each measured side by side with its goal (and baseline) in one run.

1. `recommendPartners`: the GraphQL document (`RECOMMEND_QUERY`) through the schema in-process
   (`schema.execute`, a fresh request `Context` each time over one `Services`, holding one
   `PartnerIndex`, shared across requests, as the app does), for a rotating set of asking
   member cities (`ASKERS`, half real, half synthetic), half asking for an SDG target one of
   their projects works on (or 11.4), half with no need. The index is warmed first; its build
   is measured and reported apart (seconds, size, memory). The baseline is one hand-written
   Cypher query (`RAW_CANDIDATES`) fetching every member city's data the score needs
   (country, field, latest project year, overdue monitoring reports, the SDG targets of its
   projects), through the same engine, the same number of times, interleaved with ours; its
   answer is checked against the index's profiles before anything is timed (a difference is
   reported, not scored: the goals are about time). Goals: the index built in < 2 s (its memory
   printed: tracemalloc's peak over a second, untimed build, and the RSS growth over the timed
   one), ours p95 < 100 ms (issue 11's table, which the rows print beside what `make bench`
   measured before it: 5.7 s, 175 ms), and ours p95 <= 3 x raw p50.
2. `proposeMentors`: `brain.mentors.propose_mentors` for `MENTOR_CANDIDATES` candidate cities
   and `MENTOR_POOL` member cities (mentors), drawn deterministically from the graph's rows
   (`graph.statements.brain.CALL_CANDIDATES` and `MEMBERS`: field, region, country,
   languages), some mentors out of good standing or already mentoring; the median of
   `MENTOR_RUNS` runs. Goal: <= 2 s. The whole GraphQL `proposeMentors(callYear: 2027)` (all
   the call's candidates against all members, as the secretariat) is timed and reported too.

Both on the real data (`uccn load`) + `uccn synth --cities N`, in one temporary directory
(removed at the end) holding one embedded FalkorDB server, which this process starts and stops.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import strawberry
from strawberry.types import ExecutionResult

from bench import BenchResult, Measurement
from bench.graph_load import Loaded, load_graph
from bench.limits import Probe, raise_limits
from bench.load import SYNTH_CITIES, SYNTH_SEED
from bench.timing import Latencies, measure
from brain import mentors
from graph.engine import GraphEngine, Row
from graph.factory import open_engine
from graph.statements import brain as q
from graph.store import GraphStore
from hub.bootstrap import api_config, services_config
from hub.settings import Environment, Settings
from schema.build import build_schema
from schema.context import Context
from services.container import Services
from services.mentors import candidate_of, mentor_of
from services.partner_index import PartnerIndex, Snapshot
from services.policy import ANONYMOUS, Role, Viewer
from services.synth import NEXT_CALL

SYNTH_GRAPH = "bench_brain"
ASKERS = 40  # asking cities the requests rotate through
FIRST = 10  # recommendations asked for per request
DEFAULT_TARGET = "11.4"  # the need of an asking city whose projects name no target
# Issue 11's table: the goals, and what one run of `make bench` measured before ("today").
LATENCY_GOAL_S = 0.100
LATENCY_TODAY_S = 0.175
INDEX_GOAL_S = 2.0
INDEX_TODAY_S = 5.7
RAW_GOAL = 3.0
MENTOR_CANDIDATES = 100
MENTOR_POOL = 1_000
MENTOR_RUNS = 5
MENTORS_GOAL_S = 2.0
CALL_YEAR = NEXT_CALL
GRAPHQL_MENTOR_RUNS = 1  # all the call's candidates against all members: tens of seconds
MB = 1024 * 1024
# Which mentors of the pool the benchmark puts out of good standing, or gives mentees to.
OUT_OF_STANDING_EVERY = 10
ONE_MENTEE_EVERY = 7
FULL_EVERY = 15

# Our path: the document a focal point's client sends.
RECOMMEND_QUERY = """
query Recommend($city: ID!, $need: NeedInput, $first: Int!) {
  recommendPartners(city: $city, need: $need, first: $first) {
    __typename
    ... on PartnerRecommendations {
      considered
      items { name score reasons { code text } breakdown { name value } }
    }
  }
}
"""

# The baseline: every member city with what the score needs of it, in one Cypher query.
# OPTIONAL MATCH + collect runs about 3x faster on FalkorDB than pattern comprehensions. The
# overdue count is a sum over the reports rather than a WHERE: FalkorDB drops the date bound of
# `WHERE m.due_date < $today AND m.submitted_date IS NULL` (counting reports not yet due).
RAW_CANDIDATES = (
    "MATCH (c:City {status: 'member'}) "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "OPTIONAL MATCH (c)-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject) "
    "OPTIONAL MATCH (p)-[:ADDRESSES]->(t:SDGTarget) "
    "WITH c, k, f, max(coalesce(p.end_year, p.start_year)) AS last_active, "
    "collect(DISTINCT t.id) AS targets "
    "OPTIONAL MATCH (c)<-[:REPORT_OF]-(m:MonitoringReport) "
    "RETURN c.id AS id, k.id AS country, f.id AS field, "
    "coalesce(last_active, 0) AS last_active, targets, "
    "sum(CASE WHEN m.submitted_date IS NULL AND m.due_date < $today THEN 1 ELSE 0 END) AS overdue"
)

PROPOSE_QUERY = """
query Propose($callYear: Int!) {
  proposeMentors(callYear: $callYear) {
    __typename
    ... on MentorAssignment {
      pairs { candidateId mentorId score reasons { code text } }
      unmatched { candidateId reasons { code text } }
      excludedMentors { mentorId reason { code } }
    }
  }
}
"""

SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="bench")  # noqa: S106 (an id, not a secret)

Call = Callable[[], Awaitable[object]]


class BrainBenchError(RuntimeError):
    """The benchmark could not run as designed (a query failed, a limit could not be raised)."""


# --- GraphQL in-process ------------------------------------------------------------------------


def context_for(
    store: GraphStore, settings: Settings, viewer: Viewer, index: PartnerIndex | None = None
) -> Context:
    """A fresh request context, as `HubGraphQL.get_context` makes one per request, over
    services that share `index` across requests (as the app's do)."""
    services = Services(store, services_config(settings), partner_index=index)
    return Context(services, api_config(settings), viewer, uuid.uuid4().hex)


async def execute(
    schema: strawberry.Schema,
    document: str,
    variables: Mapping[str, Any],
    context: Context,
    field: str,
    typename: str,
) -> dict[str, Any]:
    """The document's `field`, which must come back as `typename` (not an error member)."""
    result = await schema.execute(document, variable_values=dict(variables), context_value=context)
    if result.errors or result.data is None:
        raise BrainBenchError(f"{field} failed: {[e.message for e in result.errors or []]}")
    data: dict[str, Any] = result.data[field]
    if data["__typename"] != typename:
        raise BrainBenchError(f"{field} answered {data}")
    return data


async def settings_for(base: Settings, probe: Probe, what: str) -> tuple[Settings, list[str]]:
    """`base`, with every query limit that refuses the document raised (and said so)."""
    settings, raised = await raise_limits(base, probe)
    notes = [f"{what}: {note}" for note in raised]
    return settings, notes or [f"{what}: no query limit refused it (defaults kept)"]


# --- the asking cities -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ask:
    """One request: the asking city and, when it asks for one, the SDG target it needs."""

    city: str
    generated: bool
    target: str | None

    def variables(self) -> dict[str, Any]:
        need = {"sdgTargets": [self.target]} if self.target else None
        return {"city": self.city, "need": need, "first": FIRST}


def spread[T](items: Sequence[T], count: int) -> list[T]:
    """`count` items evenly spaced over `items` (all of them when there are fewer)."""
    if count <= 0:
        return []
    if count >= len(items):
        return list(items)
    step = len(items) / count
    return [items[int(n * step)] for n in range(count)]


def askers(snap: Snapshot, count: int = ASKERS) -> list[Ask]:
    """Member cities, half real and half synthetic (as far as there are), alternating, every
    other one asking for the first SDG target its projects work on (or `DEFAULT_TARGET`)."""
    members = sorted(
        (p for (kind, _), p in snap.profiles.items() if kind == "city"), key=lambda p: p.id
    )
    real = [p for p in members if not p.generated]
    synthetic = [p for p in members if p.generated]
    half = count // 2
    picked_real = spread(real, max(half, count - len(synthetic)))
    picked_synth = spread(synthetic, count - len(picked_real))
    mixed = [
        p
        for pair in itertools.zip_longest(picked_real, picked_synth)
        for p in pair
        if p is not None
    ]
    return [
        Ask(
            city=p.id,
            generated=p.generated,
            target=(min(p.targets) if p.targets else DEFAULT_TARGET) if n % 2 == 0 else None,
        )
        for n, p in enumerate(mixed)
    ]


def describe_askers(asks: Sequence[Ask]) -> str:
    generated = sum(a.generated for a in asks)
    needs = sum(a.target is not None for a in asks)
    return (
        f"{len(asks)} asking member cities in rotation ({len(asks) - generated} real, "
        f"{generated} synthetic); {needs} ask for an SDG target, {len(asks) - needs} for "
        f"nothing; first: {FIRST}"
    )


# --- the index ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexBuild:
    seconds: float
    rss_growth: int
    snap: Snapshot  # the index's snapshot when warm ended, which requests share
    own_clock: float = 0.0  # the timed build's seconds by the index's own clock
    peak: int = 0  # bytes Python allocated at most during a build (tracemalloc)
    kept: int = 0  # of those, still held when it ended: the snapshot

    def memory(self) -> str:
        return (
            f"memory: peak {self.peak / MB:.0f} MB of Python allocations during a build, "
            f"{self.kept / MB:.0f} MB of them kept by the snapshot (tracemalloc, over a second, "
            f"untimed build); process RSS +{self.rss_growth / MB:.0f} MB over the timed build"
        )

    def describe(self) -> str:
        snap = self.snap
        cities = sum(1 for kind, _ in snap.profiles if kind == "city")
        ties = sum(len(t) for t in snap.city_ties.values())
        return (
            f"{len(snap.candidates):,} candidates ({cities:,} member cities, "
            f"{len(snap.candidates) - cities:,} institutions), {len(snap.cities):,} cities in "
            f"all, {ties:,} city ties, {len(snap.places.targets)} SDG targets; "
            f"process RSS +{self.rss_growth / MB:.0f} MB; "
            f"built in {self.own_clock:.2f} s by its own clock"
        )


async def warm(index: PartnerIndex) -> IndexBuild:
    """The index's first build, timed, with the process's RSS before and after; then a second
    build, untimed (tracing slows it down), for the memory it takes at most and keeps."""
    process = psutil.Process()
    before = int(process.memory_info().rss)
    started = time.perf_counter()
    snap = await index.snapshot()
    seconds = time.perf_counter() - started
    rss_growth = int(process.memory_info().rss) - before
    index.invalidate()
    tracemalloc.start()
    try:
        traced = await index.snapshot()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return IndexBuild(seconds, rss_growth, traced, snap.build_seconds, peak=peak, kept=kept)


# --- the baseline ------------------------------------------------------------------------------


async def raw_candidates(engine: GraphEngine, today: dt.date) -> list[Row]:
    """The baseline: one Cypher query through the same engine."""
    return await engine.read(RAW_CANDIDATES, {"today": today.isoformat()})


def compare_candidates(rows: Sequence[Row], snap: Snapshot) -> str | None:
    """None when the raw rows hold the index's member-city profiles; otherwise what differs."""
    members = {cid: p for (kind, cid), p in snap.profiles.items() if kind == "city"}
    raw_ids = {str(r["id"]) for r in rows}
    if raw_ids != set(members):
        return f"raw {len(raw_ids)} member cities, index {len(members)}"
    differs: dict[str, list[tuple[str, object, object]]] = {}
    for row in rows:
        p = members[str(row["id"])]
        raw = {
            "country": row["country"],
            "field": (str(row["field"]),) if row["field"] else (),
            "last_active": int(row["last_active"]),
            "overdue": int(row["overdue"]),
            "targets": frozenset(str(t) for t in row["targets"] if t is not None),
        }
        ours = {
            "country": p.country,
            "field": p.fields,
            "last_active": p.last_active,
            "overdue": p.overdue,
            "targets": p.targets,
        }
        for name, value in raw.items():
            if value != ours[name]:
                differs.setdefault(name, []).append((p.id, value, ours[name]))
    if not differs:
        return None
    return "; ".join(
        f"{name} differs for {len(cases)} member cities (e.g. {cases[0][0]!r}: raw "
        f"{cases[0][1]!r}, index {cases[0][2]!r})"
        for name, cases in differs.items()
    )


# --- mentors -----------------------------------------------------------------------------------


def bench_mentor(row: Row, n: int) -> mentors.Mentor:
    """A member city as a mentor; every few out of good standing, or already mentoring."""
    late = n % OUT_OF_STANDING_EVERY == OUT_OF_STANDING_EVERY - 1
    mentees = 2 if n % FULL_EVERY == FULL_EVERY - 1 else int(n % ONE_MENTEE_EVERY == 1)
    return mentor_of(row, overdue=(1, "bench") if late else None, mentees=mentees)


def mentor_problem(
    candidate_rows: Sequence[Row], member_rows: Sequence[Row], candidates: int, pool: int
) -> tuple[list[mentors.Candidate], list[mentors.Mentor]]:
    """`pool` members spread over the list as mentors; `candidates` of the call's candidates
    (topped up with members outside the pool when the call has too few) as candidates."""
    calls = [r for r in candidate_rows if r["status"] == "candidate"]
    chosen = spread(member_rows, pool)
    taken = {str(r["id"]) for r in chosen}
    rest = [r for r in member_rows if str(r["id"]) not in taken]
    picked = spread(calls, candidates) + spread(rest, max(0, candidates - len(calls)))
    return [candidate_of(r) for r in picked], [bench_mentor(r, n) for n, r in enumerate(chosen)]


@dataclass(frozen=True, slots=True)
class Timed:
    """Runs of one case: their seconds, and what the last one answered."""

    seconds: tuple[float, ...]
    detail: str

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def describe(self) -> str:
        return (
            f"median {self.median:.3f} s, min {min(self.seconds):.3f} s, "
            f"max {max(self.seconds):.3f} s over {len(self.seconds)} run(s); {self.detail}"
        )


def time_propose(
    candidates: Sequence[mentors.Candidate],
    pool: Sequence[mentors.Mentor],
    weights: mentors.MentorWeights,
    runs: int,
) -> Timed:
    seconds: list[float] = []
    found: mentors.Assignment | None = None
    for _ in range(runs):
        started = time.perf_counter()
        found = mentors.propose_mentors(candidates, pool, weights)
        seconds.append(time.perf_counter() - started)
    assert found is not None
    out = sum(not m.good_standing for m in pool)
    busy = sum(m.current_mentees > 0 for m in pool)
    return Timed(
        tuple(seconds),
        f"{len(found.pairs)} pairs, {len(found.unmatched)} unmatched, "
        f"{len(found.excluded_mentors)} mentors excluded; of the pool {out} out of good "
        f"standing, {busy} already mentoring",
    )


async def time_graphql_propose(
    schema: strawberry.Schema, store: GraphStore, settings: Settings, runs: int
) -> Timed:
    seconds: list[float] = []
    data: dict[str, Any] = {}
    for _ in range(runs):
        started = time.perf_counter()
        data = await execute(
            schema,
            PROPOSE_QUERY,
            {"callYear": CALL_YEAR},
            context_for(store, settings, SECRETARIAT),
            "proposeMentors",
            "MentorAssignment",
        )
        seconds.append(time.perf_counter() - started)
    return Timed(
        tuple(seconds),
        f"{len(data['pairs'])} pairs, {len(data['unmatched'])} unmatched, "
        f"{len(data['excludedMentors'])} mentors excluded",
    )


# --- the benchmark -----------------------------------------------------------------------------


async def bench_brain(
    cities: int = SYNTH_CITIES,
    seed: int = SYNTH_SEED,
    *,
    requests: int = 40,
    warmup: int = 3,
    asking: int = ASKERS,
    mentor_candidates: int = MENTOR_CANDIDATES,
    mentor_pool: int = MENTOR_POOL,
    mentor_runs: int = MENTOR_RUNS,
    graphql_runs: int = GRAPHQL_MENTOR_RUNS,
    batch_size: int = 2000,
) -> list[BenchResult]:
    """Both brain benchmarks on one embedded FalkorDB in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="uccn-bench-") as tmp:
        directory = Path(tmp) / "graph"
        engine = await open_engine(f"falkordb://{directory}", graph_name=SYNTH_GRAPH)
        try:
            store = GraphStore(engine, batch_size=batch_size)
            loaded = await load_graph(store, cities, seed)
            base = Settings(
                _env_file=None,  # type: ignore[call-arg]
                env=Environment.PRODUCTION,
                graph_url=f"falkordb://{directory}",
                graph_name=SYNTH_GRAPH,
                log_level="critical",
            )
            graph_note = (
                f"graph: real data + generate(cities={cities:,}, seed={seed}): "
                f"{loaded.nodes:,} nodes, {loaded.links:,} relationships, "
                f"loaded in {loaded.seconds:.1f} s"
            )
            recommend = await _recommend(
                store, base, loaded, graph_note, requests=requests, warmup=warmup, asking=asking
            )
            mentor = await _mentors(
                store,
                base,
                graph_note,
                candidates=mentor_candidates,
                pool=mentor_pool,
                runs=mentor_runs,
                graphql_runs=graphql_runs,
            )
            return [*recommend, mentor]
        finally:
            await engine.close()


async def _recommend(
    store: GraphStore,
    base: Settings,
    loaded: Loaded,
    graph_note: str,
    *,
    requests: int,
    warmup: int,
    asking: int,
) -> list[BenchResult]:
    index = PartnerIndex(store, base.recommend_index_ttl_s)  # one per process, as the app's
    build = await warm(index)
    asks = askers(build.snap, asking)
    if not asks:
        raise BrainBenchError("no member city to ask for partners")

    async def probe(settings: Settings) -> ExecutionResult:
        return await build_schema(api_config(settings)).execute(
            RECOMMEND_QUERY,
            variable_values=asks[0].variables(),
            context_value=context_for(store, settings, ANONYMOUS, index),
        )

    settings, limit_notes = await settings_for(base, probe, "recommendPartners")
    schema = build_schema(api_config(settings))
    today = dt.date.today()
    same = compare_candidates(await raw_candidates(store.engine, today), build.snap)
    rotation = itertools.cycle(asks)
    considered: list[int] = []
    # One Services for every request, as the app builds them once (bootstrap) and hands them to
    # each request's context: a request does not start a partner-scoring thread of its own.
    services = Services(store, services_config(settings), partner_index=index)

    async def ours() -> object:
        data = await execute(
            schema,
            RECOMMEND_QUERY,
            next(rotation).variables(),
            Context(services, api_config(settings), ANONYMOUS, uuid.uuid4().hex),
            "recommendPartners",
            "PartnerRecommendations",
        )
        considered.append(int(data["considered"]))
        return data

    async def raw() -> object:
        return await raw_candidates(store.engine, today)

    timed = await measure({"ours": ours, "raw": raw}, requests, warmup)
    return [
        index_result(build, graph_note),
        latency_result(timed["ours"], [describe_askers(asks), graph_note, *limit_notes]),
        raw_result(timed["ours"], timed["raw"], same, build, considered),
    ]


async def _mentors(
    store: GraphStore,
    base: Settings,
    graph_note: str,
    *,
    candidates: int,
    pool: int,
    runs: int,
    graphql_runs: int,
) -> BenchResult:
    candidate_rows = await store.run(q.CALL_CANDIDATES, year=CALL_YEAR)
    member_rows = await store.run(q.MEMBERS)
    problem = mentor_problem(candidate_rows, member_rows, candidates, pool)
    direct = time_propose(*problem, services_config(base).mentors, runs)

    async def probe(settings: Settings) -> ExecutionResult:
        return await build_schema(api_config(settings)).execute(
            PROPOSE_QUERY,
            variable_values={"callYear": CALL_YEAR},
            context_value=context_for(store, settings, SECRETARIAT),
        )

    settings, limit_notes = await settings_for(base, probe, "proposeMentors")
    whole = await time_graphql_propose(
        build_schema(api_config(settings)), store, settings, graphql_runs
    )
    call = sum(r["status"] == "candidate" for r in candidate_rows)
    return mentors_result(
        direct,
        whole,
        len(problem[0]),
        len(problem[1]),
        [
            f"GraphQL: the call's {call:,} candidates against all {len(member_rows):,} members "
            "(reads included), secretariat viewer",
            graph_note,
            *limit_notes,
        ],
    )


# --- results -----------------------------------------------------------------------------------


def index_result(build: IndexBuild, graph_note: str) -> BenchResult:
    ratio = build.seconds / INDEX_GOAL_S
    return BenchResult(
        name="brain-recommend-index",
        title="brain recommendation index",
        measurements=(
            Measurement("index build (once, then shared)", build.seconds, detail=build.describe()),
        ),
        ratio=ratio,
        ratio_label=f"build ({build.seconds:.2f} s) / {INDEX_GOAL_S:.0f} s",
        goal="<= 1.00",
        met=ratio <= 1.0,
        notes=(
            f"issue 11: today {INDEX_TODAY_S} s, measured {build.seconds:.2f} s, "
            f"goal < {INDEX_GOAL_S:.0f} s",
            build.memory(),
            graph_note,
        ),
    )


def latency_result(ours: Latencies, notes: Sequence[str]) -> BenchResult:
    ratio = ours.p95 / LATENCY_GOAL_S
    return BenchResult(
        name="brain-recommend-latency",
        title="brain recommendPartners",
        measurements=(
            Measurement("ours: schema.execute in-process (p50)", ours.p50, detail=ours.describe()),
            Measurement("ours: schema.execute in-process (p95)", ours.p95),
        ),
        ratio=ratio,
        ratio_label=f"ours p95 ({ours.p95 * 1000:.1f} ms) / {LATENCY_GOAL_S * 1000:.0f} ms",
        goal="<= 1.00",
        met=ratio <= 1.0,
        notes=(
            f"issue 11: today p95 {LATENCY_TODAY_S * 1000:.0f} ms, measured "
            f"{ours.p95 * 1000:.1f} ms, goal < {LATENCY_GOAL_S * 1000:.0f} ms",
            *notes,
        ),
    )


def raw_result(
    ours: Latencies,
    raw: Latencies,
    same: str | None,
    build: IndexBuild,
    considered: Sequence[int],
) -> BenchResult:
    ratio = ours.p95 / raw.p50 if raw.p50 > 0 else 0.0
    members = sum(1 for kind, _ in build.snap.profiles if kind == "city")
    scored = statistics.mean(considered) if considered else 0.0
    return BenchResult(
        name="brain-recommend-raw",
        title="brain recommendPartners vs raw",
        measurements=(
            Measurement("ours: schema.execute in-process (p95)", ours.p95, detail=ours.describe()),
            Measurement(
                "raw: one Cypher query fetching the candidates (p50)",
                raw.p50,
                members,
                detail=raw.describe(),
            ),
        ),
        ratio=ratio,
        ratio_label="ours p95 / raw p50",
        goal=f"<= {RAW_GOAL:.2f}",
        # Compared only when both read the same data.
        met=ratio <= RAW_GOAL and same is None,
        notes=(
            f"same data: the raw rows hold the index's {members:,} member-city profiles"
            if same is None
            else f"DATA DIFFERS: {same}",
            f"ours scores {scored:,.0f} candidates per request on average (member cities and "
            "institutions, after exclusions) from the warm index, and reads the asking city",
            f"p50: ours / raw = {ours.p50 / raw.p50 if raw.p50 > 0 else 0.0:.3f}",
        ),
    )


def mentors_result(
    direct: Timed, whole: Timed, candidates: int, pool: int, notes: Sequence[str]
) -> BenchResult:
    ratio = direct.median / MENTORS_GOAL_S
    return BenchResult(
        name="brain-mentors",
        title="brain proposeMentors",
        measurements=(
            Measurement(
                f"ours: propose_mentors, {candidates:,} candidates x {pool:,} mentors "
                f"(median of {len(direct.seconds)})",
                direct.median,
                detail=direct.describe(),
            ),
            Measurement(
                f"GraphQL proposeMentors(callYear: {CALL_YEAR}), whole request "
                f"(median of {len(whole.seconds)})",
                whole.median,
                detail=whole.describe(),
            ),
        ),
        ratio=ratio,
        ratio_label=f"seconds / {MENTORS_GOAL_S:.0f} s",
        goal="<= 1.00",
        met=ratio <= 1.0,
        notes=tuple(notes),
    )
