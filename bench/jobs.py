"""The scheduled jobs' benchmarks, each beside the bare queries it rests on, in one run.

1. The secretariat's digest (`jobs.digest.build_digest`: the network's reads, the sections,
   the chart) against the same reads run bare through the engine. Goal: under 5 s.
2. A monitoring report reminder sweep (`jobs.reports`: the network read, the due stages, the
   texts in each focal point's language, and every message claimed and marked in the delivery
   ledger), on the day of the 30-day notes of the synthetic network's current cycle, against the
   bare read of the cities. The messages go to a mailer that keeps them in memory: the ledger's
   writes are timed, an SMTP server's speed is not. A second sweep the same day (everything
   already in the ledger) is reported too. Goal: under 10 s.

On the real data (`uccn load`) + `uccn synth --cities N` in a temporary directory (removed at
the end) holding one embedded FalkorDB server, which this process starts and stops.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench import BenchResult, Measurement
from bench.graph_load import load_graph
from bench.load import SYNTH_CITIES, SYNTH_SEED
from brain.reminders import QuietHours
from graph.factory import open_engine
from graph.statements import jobs as q
from graph.store import GraphStore
from jobs.config import JobsConfig
from jobs.context import JobContext
from jobs.digest import build_digest
from jobs.outbox import Outbox
from jobs.reports import report_reminders
from services.clock import FixedClock
from services.container import Services
from services.delivery.mail import Email
from services.i18n import Catalogs
from services.synth.years import CURRENT_YEAR

GRAPH = "bench_jobs"
DIGEST_GOAL_S = 5.0
SWEEP_GOAL_S = 10.0
# The day of the 180-day notes of the synthetic network's reports due next year (nearly none
# sent early), with no quiet hours: every focal point of those cities gets one.
SWEEP_MOMENT = dt.datetime(CURRENT_YEAR + 1, 6, 3, 12, 0, tzinfo=dt.UTC)
DIGEST_DAY = dt.date(CURRENT_YEAR + 1, 1, 15)


class MemoryMailer:
    """Keeps what it is given: the benchmark times the ledger, not an SMTP server."""

    def __init__(self) -> None:
        self.sent: list[Email] = []

    async def send(self, email: Email) -> None:
        self.sent.append(email)


def context(store: GraphStore, clock: FixedClock, mailer: MemoryMailer | None) -> JobContext:
    services = Services(store, clock=clock)
    config = JobsConfig(delivery_attempts=1, retry_backoff_s=0.0, quiet_hours=QuietHours(0, 0))
    outbox = Outbox(services.deliveries, config, mailer=mailer, dry_run=mailer is None)  # type: ignore[arg-type]
    return JobContext(services, config, Catalogs.load(), outbox)


async def timed(run: Callable[[], Awaitable[Any]], runs: int) -> tuple[float, Any]:
    seconds, found = [], None
    for _ in range(runs):
        started = time.perf_counter()
        found = await run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), found


async def _digest(store: GraphStore, note: str, runs: int) -> BenchResult:
    ctx = context(store, FixedClock.on(DIGEST_DAY), None)

    async def bare() -> int:
        rows = 0
        network = {"statuses": ["member", "former"]}
        for statement, params in (
            (q.NETWORK_CITIES, network),
            (q.NETWORK_REPORTS, network),
            (q.NETWORK_CONTRIBUTIONS, network),
            (q.NETWORK_FOCAL_POINTS, network),
            (q.ALL_INTRODUCTIONS, {}),
            (q.ALL_PROJECTS, {}),
            (q.ALL_PARTICIPATIONS, {}),
            (q.ALL_PARTNERSHIPS, {}),
        ):
            rows += len(await store.run(statement, **params))
        return rows

    raw_s, rows = await timed(bare, runs)
    ours_s, digest = await timed(lambda: build_digest(ctx), runs)
    lines = sum(len(s.lines) for s in digest.sections)
    return BenchResult(
        name="jobs-digest",
        title="digest",
        measurements=(
            Measurement(
                "build_digest (reads, sections, chart)",
                ours_s,
                detail=f"{lines} lines, chart {len(digest.chart):,} bytes",
            ),
            Measurement("bare queries it rests on", raw_s, rows=rows),
        ),
        ratio=ours_s / raw_s if raw_s else 0.0,
        ratio_label="digest / bare queries",
        goal=f"digest < {DIGEST_GOAL_S:.0f} s",
        met=ours_s < DIGEST_GOAL_S,
        notes=(note, f"median of {runs} run(s), as of {DIGEST_DAY}"),
    )


async def _sweep(store: GraphStore, note: str, runs: int) -> BenchResult:
    clock = FixedClock(SWEEP_MOMENT)

    async def bare() -> int:
        rows = 0
        for statement in (
            q.NETWORK_CITIES,
            q.NETWORK_REPORTS,
            q.NETWORK_CONTRIBUTIONS,
            q.NETWORK_FOCAL_POINTS,
        ):
            rows += len(await store.run(statement, statuses=["member"]))
        return rows

    raw_s, cities = await timed(bare, runs)
    mailer = MemoryMailer()
    ctx = context(store, clock, mailer)
    started = time.perf_counter()
    first = await report_reminders(ctx)
    first_s = time.perf_counter() - started
    again_s, again = await timed(lambda: report_reminders(ctx), runs)
    sent = len(first.outcome.sent) if first.outcome else 0
    return BenchResult(
        name="jobs-sweep",
        title="reminder sweep",
        measurements=(
            Measurement(
                "first sweep (claim, send, mark)", first_s, rows=sent, detail=first.summary
            ),
            Measurement("same day again (all in ledger)", again_s, detail=again.summary),
            Measurement("bare read of the cities", raw_s, rows=cities),
        ),
        ratio=first_s / raw_s if raw_s else 0.0,
        ratio_label="sweep / bare read",
        goal=f"sweep < {SWEEP_GOAL_S:.0f} s",
        met=first_s < SWEEP_GOAL_S and again_s < SWEEP_GOAL_S,
        notes=(
            note,
            f"as of {SWEEP_MOMENT.isoformat()}; {len(mailer.sent):,} e-mails kept in memory",
        ),
    )


async def bench_jobs(
    cities: int = SYNTH_CITIES, seed: int = SYNTH_SEED, *, runs: int = 3, batch_size: int = 2000
) -> list[BenchResult]:
    with tempfile.TemporaryDirectory(prefix="uccn-bench-") as tmp:
        directory = Path(tmp) / "graph"
        engine = await open_engine(f"falkordb://{directory}", graph_name=GRAPH)
        try:
            store = GraphStore(engine, batch_size=batch_size)
            await store.setup_schema()
            loaded = await load_graph(store, cities, seed)
            note = (
                f"graph: real data + generate(cities={cities:,}, seed={seed}): "
                f"{loaded.nodes:,} nodes, {loaded.links:,} relationships"
            )
            return [await _digest(store, note, runs), await _sweep(store, note, runs)]
        finally:
            await engine.close()
