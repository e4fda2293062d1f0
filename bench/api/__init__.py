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

One module per concern: `run` (the benchmark, `bench_api`), `nested` (the nested query, ours
and raw), `round_trips` (counting the graph queries), `servers` (uvicorn subprocesses),
`throughput` (load runs against them), `memory` (RSS sampling) and `report` (the results).
"""

from __future__ import annotations


class ApiBenchError(RuntimeError):
    """The benchmark could not run as designed (a server did not start, a query failed)."""
