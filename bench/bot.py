"""The Slack bot's benchmark: the ack and the full answer of `/uccn partners`, under load.

The real hub (`create_app`, its lifespan and the bot in it) is served by uvicorn in a process of
its own on loopback (as `bench.api` serves it), over the real data + `uccn synth --cities N` in an
embedded FalkorDB of a temporary directory; a local stand-in for the Slack Web API (a threaded
HTTP server in this process) answers the bot's calls and records when each `response_url`
answer arrives. Rounds of `CONCURRENCY` signed slash
commands `partners for CITY on 11.4` (rotating asking cities) are posted at once; for each, the
time to the HTTP answer (the ack) and the time to its `respond` call (the full answer) are
measured. Side by side, the same answers are computed in-process without Slack (the work
alone, one at a time), so the ratio shows what Slack's plumbing and the concurrency add.

Goals (issue 8): ack p99 < 300 ms with 20 concurrent commands, whatever the work behind it;
the full answer of `partners` p95 < 2 s on the 10k-city graph.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from pydantic import SecretStr

from bench import BenchResult, Measurement
from bench.api.servers import HUB_FACTORY, serving, settings_env
from bench.graph_load import load_graph
from bench.load import SYNTH_CITIES, SYNTH_SEED
from bench.loadgen import percentile
from bot.app import build_conversation
from bot.turn import Turn
from graph.factory import open_engine
from graph.store import GraphStore
from hub.settings import Environment, Settings
from services.container import Services
from services.identity import ChatIdentity
from services.policy import ANONYMOUS

GRAPH = "bench_bot"
SECRET = "bench-signing-secret"  # noqa: S105 (a local benchmark's)
CONCURRENCY = 20
ROUNDS = 5
ACK_GOAL_S = 0.300  # p99
ANSWER_GOAL_S = 2.0  # p95
ASKERS = ("chiang-mai", "bogota", "kanazawa", "lyon", "dakar", "puebla", "seoul", "bologna")


@dataclass(slots=True)
class FakeSlack:
    """Answers the Web API; notes when each response_url answer arrives (and wakes whoever
    waits for it on the event loop, without holding a thread)."""

    loop: asyncio.AbstractEventLoop
    url: str = ""
    arrived: dict[str, float] = field(default_factory=dict)
    waiting: dict[str, asyncio.Event] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, name: str) -> None:
        with self.lock:
            self.arrived[name] = time.perf_counter()
            event = self.waiting.get(name)
        if event is not None:
            self.loop.call_soon_threadsafe(event.set)

    async def wait(self, name: str, timeout_s: float = 120.0) -> float:
        with self.lock:
            event = self.waiting.setdefault(name, asyncio.Event())
            if name in self.arrived:
                event.set()
        await asyncio.wait_for(event.wait(), timeout_s)
        return self.arrived[name]


@contextmanager
def fake_slack(loop: asyncio.AbstractEventLoop) -> Iterator[FakeSlack]:
    fake = FakeSlack(loop)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            path = urlsplit(self.path).path
            if path.startswith("/respond/"):
                fake.note(path.removeprefix("/respond/"))
            body = {"ok": True, "user_id": "UBOT", "bot_id": "B", "team_id": "T"}
            if path.endswith("users.info"):
                body = {"ok": True, "user": {"id": "UBENCH", "locale": "en-US", "profile": {}}}
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def signed(body: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


@dataclass(slots=True)
class Timings:
    acks: list[float] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)


async def _command(
    client: httpx.AsyncClient, fake: FakeSlack, name: str, text: str, timings: Timings
) -> None:
    body = urlencode(
        {
            "command": "/uccn",
            "text": text,
            "user_id": "UBENCH",
            "team_id": "T",
            "channel_id": "C",
            "response_url": f"{fake.url}/respond/{name}",
            "trigger_id": name,
        }
    )
    started = time.perf_counter()
    response = await client.post("/slack/events", content=body, headers=signed(body))
    timings.acks.append(time.perf_counter() - started)
    if response.status_code != 200:
        raise RuntimeError(f"the hub answered {response.status_code}: {response.text}")
    timings.answers.append(await fake.wait(name) - started)


async def _load(
    base: str, fake: FakeSlack, rounds: int, concurrency: int, askers: list[str]
) -> Timings:
    timings, warm = Timings(), Timings()
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await _command(client, fake, "warm", f"partners for {askers[0]} on 11.4", warm)
        for r in range(rounds):
            await asyncio.gather(
                *(
                    _command(
                        client,
                        fake,
                        f"r{r}c{c}",
                        f"partners for {askers[(r * concurrency + c) % len(askers)]} on 11.4",
                        timings,
                    )
                    for c in range(concurrency)
                )
            )
    return timings


async def _work_alone(store: GraphStore, askers: list[str], requests: int) -> list[float]:
    """The same answers without Slack: reading the command and asking the services."""
    from services.notify.slack import SlackMessenger

    async with SlackMessenger.connect("") as messenger:
        conversation = build_conversation(Services(store), messenger)
        turn = Turn(ChatIdentity(user="UBENCH", viewer=ANONYMOUS))
        await conversation.message(turn, f"partners for {askers[0]} on 11.4")
        seconds = []
        for n in range(requests):
            started = time.perf_counter()
            await conversation.message(turn, f"partners for {askers[n % len(askers)]} on 11.4")
            seconds.append(time.perf_counter() - started)
        return seconds


async def bench_bot(
    cities: int = SYNTH_CITIES,
    seed: int = SYNTH_SEED,
    *,
    rounds: int = ROUNDS,
    concurrency: int = CONCURRENCY,
    batch_size: int = 2000,
) -> list[BenchResult]:
    with tempfile.TemporaryDirectory(prefix="uccn-bench-") as tmp:
        directory = Path(tmp) / "graph"
        engine = await open_engine(f"falkordb://{directory}", graph_name=GRAPH)
        store = GraphStore(engine, batch_size=batch_size)
        try:
            await store.setup_schema()
            loaded = await load_graph(store, cities, seed)
            present = await store.existing_ids("City", ASKERS)
            askers = [a for a in ASKERS if a in present]
            with fake_slack(asyncio.get_running_loop()) as fake:
                settings = Settings(
                    _env_file=None,  # type: ignore[call-arg]
                    env=Environment.PRODUCTION,
                    graph_url=f"falkordb://{directory}",
                    graph_name=GRAPH,
                    log_level="critical",
                    slack_signing_secret=SecretStr(SECRET),
                    slack_bot_token=SecretStr("xoxb-bench"),
                    slack_api_url=f"{fake.url}/api/",
                )
                async with serving("hub", HUB_FACTORY, settings_env(settings), Path(tmp)) as hub:
                    timings = await _load(hub.url, fake, rounds, concurrency, askers)
            alone = await _work_alone(store, askers, rounds * concurrency)
        finally:
            await store.drop_all()
            await store.close()
    return [_result(timings, alone, loaded.nodes, cities, concurrency)]


def _result(
    timings: Timings, alone: list[float], nodes: int, cities: int, concurrency: int
) -> BenchResult:
    ack_p99 = percentile(timings.acks, 99)
    answer_p95 = percentile(timings.answers, 95)
    alone_p95 = percentile(alone, 95)
    met = ack_p99 < ACK_GOAL_S and answer_p95 < ANSWER_GOAL_S
    n = len(timings.acks)
    return BenchResult(
        name="bot-partners",
        title=f"bot: {concurrency} concurrent /uccn partners",
        measurements=(
            Measurement("ack p99 (HTTP 200)", ack_p99, n),
            Measurement("ack p50", percentile(timings.acks, 50), n),
            Measurement("full answer p95 (respond)", answer_p95, n),
            Measurement("full answer p50", percentile(timings.answers, 50), n),
            Measurement("the work alone p95 (no Slack, serial)", alone_p95, len(alone)),
        ),
        ratio=max(ack_p99 / ACK_GOAL_S, answer_p95 / ANSWER_GOAL_S),
        ratio_label="worst of ack p99 / 300 ms and answer p95 / 2 s",
        goal="< 1",
        met=met,
        notes=(
            f"graph: real data + generate(cities={cities:,}): {nodes:,} nodes",
            f"ack p99 {ack_p99 * 1000:.0f} ms (goal < 300 ms); full answer p95 "
            f"{answer_p95 * 1000:.0f} ms (goal < 2,000 ms); the same answer alone p95 "
            f"{alone_p95 * 1000:.0f} ms",
        ),
    )
