"""A small closed-loop HTTP/1.1 load generator, for loopback servers only.

`concurrency` workers each keep one keep-alive connection and send the same request again as
soon as the answer is in, until `duration_s` has passed or `max_requests` have been sent.
Requests that finish during the first `warmup_s` seconds are not counted. Every answer is
checked: a status other than 200, or a JSON body other than `expect` (when given), is an error.

The client is hand-written on asyncio streams so that it costs the machine as little as
possible: the server under test gets the CPU, not the client. Run it in its own process:

    python -m bench.loadgen --port 8000 --body '{"query": "{ city(id: \\"x\\") { name } }"}'

It prints one JSON object (`LoadResult`) on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
NO_EXPECTATION = object()


class LoopbackOnly(ValueError):
    """The load generator refuses any host but this machine's loopback interface."""


class BadResponse(Exception):
    """The server answered something this client does not speak (or closed mid-answer)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one load run measured, over the window after the warm-up."""

    requests: int  # answered with 200 and the expected body, inside the window
    errors: int  # bad status, bad body or broken connection, over the whole run
    seconds: float  # length of the measured window
    concurrency: int
    p50_ms: float
    p99_ms: float
    warmup_requests: int = 0
    cpu_s: float = 0.0  # CPU time the load generator itself used (user + system)

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "requests_per_s": self.requests_per_s})

    @classmethod
    def from_json(cls, text: str) -> LoadResult:
        raw = json.loads(text)
        raw.pop("requests_per_s", None)
        return cls(**raw)


@dataclass(slots=True)
class _Tally:
    sent: int = 0
    warmup: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`; 0.0 when there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def build_request(host: str, port: int, path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Content-Type: application/json\r\n"
        "Accept: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: keep-alive\r\n\r\n"
    )
    return head.encode("ascii") + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """One HTTP/1.1 response: status, body, and whether the connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise BadResponse(f"not an HTTP/1.x status line: {lines[0]!r}")
    status = int(parts[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            chunks.append(chunk[:-2])
        body = b"".join(chunks)
    else:
        raise BadResponse("a response with neither Content-Length nor chunked encoding")
    return status, body, keep_alive


async def _worker(
    host: str,
    port: int,
    request: bytes,
    expect: Any,
    tally: _Tally,
    warm_until: float,
    deadline: float,
    max_requests: int,
) -> None:
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    try:
        while time.perf_counter() < deadline and tally.sent < max_requests:
            tally.sent += 1
            if writer is None or reader is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            try:
                writer.write(request)
                await writer.drain()
                status, body, keep_alive = await read_response(reader)
            except (OSError, asyncio.IncompleteReadError, BadResponse, ValueError):
                tally.errors += 1
                writer.close()
                writer = reader = None
                continue
            finished = time.perf_counter()
            good = status == 200 and (expect is NO_EXPECTATION or _json(body) == expect)
            if not good:
                tally.errors += 1
            elif started < warm_until:
                tally.warmup += 1
            elif finished <= deadline:
                tally.latencies.append(finished - started)
            if not keep_alive:
                writer.close()
                writer = reader = None
    finally:
        if writer is not None:
            writer.close()


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return NO_EXPECTATION


async def run_load(
    port: int,
    body: bytes,
    *,
    host: str = "127.0.0.1",
    path: str = "/graphql",
    expect: Any = NO_EXPECTATION,
    concurrency: int = 16,
    duration_s: float = 10.0,
    warmup_s: float = 1.0,
    max_requests: int = 1_000_000,
) -> LoadResult:
    """Drive `POST path` with `body` from `concurrency` keep-alive connections."""
    if host not in LOOPBACK:
        raise LoopbackOnly(f"load is only ever sent to the loopback interface, not {host!r}")
    if concurrency < 1 or duration_s <= 0 or warmup_s < 0 or max_requests < 1:
        raise ValueError("concurrency, duration and max_requests must be positive")
    request = build_request(host, port, path, body)
    tally = _Tally()
    cpu_begun = time.process_time()
    begun = time.perf_counter()
    warm_until = begun + warmup_s
    deadline = warm_until + duration_s
    await asyncio.gather(
        *(
            _worker(host, port, request, expect, tally, warm_until, deadline, max_requests)
            for _ in range(concurrency)
        )
    )
    window = min(time.perf_counter(), deadline) - warm_until
    return LoadResult(
        requests=len(tally.latencies),
        errors=tally.errors,
        seconds=max(window, 1e-9),
        concurrency=concurrency,
        p50_ms=percentile(tally.latencies, 50) * 1000,
        p99_ms=percentile(tally.latencies, 99) * 1000,
        warmup_requests=tally.warmup,
        cpu_s=time.process_time() - cpu_begun,
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", choices=sorted(LOOPBACK))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/graphql")
    parser.add_argument("--body", required=True, help="the JSON request body, sent as is")
    parser.add_argument("--expect", help="the JSON every response body must equal")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds not counted, first")
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    expect = NO_EXPECTATION if args.expect is None else json.loads(args.expect)
    result = asyncio.run(
        run_load(
            args.port,
            args.body.encode(),
            host=args.host,
            path=args.path,
            expect=expect,
            concurrency=args.concurrency,
            duration_s=args.duration,
            warmup_s=args.warmup,
            max_requests=args.max_requests,
        )
    )
    print(result.to_json(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
