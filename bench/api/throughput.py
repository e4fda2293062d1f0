"""Throughput: load runs of `{ city(id:) { name } }` against a server, by the load generator
in its own process, with the CPU time the server (and the graph server) used meanwhile.

Every run sends the same request with the same options, whichever server it targets; the
benchmark alternates rounds between the hub and the bare app and adds them up (`combined`).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import httpx
import psutil

from bench.api import ApiBenchError
from bench.api.servers import ROOT, Server, child_env
from bench.bare_app import PAYLOAD
from bench.loadgen import LoadResult
from hub.graphql_app import CACHE_HEADER

THROUGHPUT_ROUNDS = 3  # alternating hub and bare load runs, each a third of the load time
CITY_ID = "chiang-mai"
CITY_QUERY = {"query": f'{{ city(id: "{CITY_ID}") {{ name }} }}'}


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


async def check_cache(server: Server, expected: str) -> None:
    """The load's request, twice: the second answer has to come the way the run says (`hit`
    from a warm cache, `miss` from a cold one), or the measurement would not be what it says."""
    async with httpx.AsyncClient(base_url=server.url, timeout=60.0) as client:
        for _ in range(2):
            response = await client.post("/graphql", json=CITY_QUERY)
        said = response.headers.get(CACHE_HEADER)
    if response.json() != PAYLOAD or said != expected:
        raise ApiBenchError(f"{server.name}: expected a cache {expected}, got {said}")


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
