"""Run the benchmarks and print a table of results and ratios: `python -m bench [--quick]`."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Sequence

from bench import BenchResult, format_results
from bench.load import SYNTH_CITIES, SYNTH_SEED, bench_reference, bench_synth
from hub.settings import Settings

QUICK_CITIES = 1_000
# The API benchmarks: nested-query requests per case, and seconds of load per server.
API_REQUESTS, QUICK_API_REQUESTS = 40, 15
API_LOAD_S, QUICK_API_LOAD_S = 10.0, 3.0
# The brain benchmarks: recommendPartners requests (and raw queries) per case.
BRAIN_REQUESTS, QUICK_BRAIN_REQUESTS = 40, 20

Benchmark = Callable[[argparse.Namespace], Awaitable[BenchResult | list[BenchResult]]]


def _cities(args: argparse.Namespace) -> int:
    if args.cities is not None:
        return int(args.cities)
    return QUICK_CITIES if args.quick else SYNTH_CITIES


async def _api(args: argparse.Namespace) -> list[BenchResult]:
    # Imported here: the API benchmarks need the whole hub (schema, app); the others do not.
    from bench.api.run import bench_api

    return await bench_api(
        _cities(args),
        args.seed,
        requests=QUICK_API_REQUESTS if args.quick else API_REQUESTS,
        load_seconds=QUICK_API_LOAD_S if args.quick else API_LOAD_S,
        batch_size=args.batch_size,
    )


async def _brain(args: argparse.Namespace) -> list[BenchResult]:
    # Imported here, like the API benchmarks: the brain's go through the schema.
    from bench.brain import bench_brain

    return await bench_brain(
        _cities(args),
        args.seed,
        requests=QUICK_BRAIN_REQUESTS if args.quick else BRAIN_REQUESTS,
        batch_size=args.batch_size,
    )


async def _bot(args: argparse.Namespace) -> list[BenchResult]:
    from bench.bot import bench_bot

    return await bench_bot(_cities(args), args.seed, batch_size=args.batch_size)


async def _parse_cache(args: argparse.Namespace) -> BenchResult:
    from bench.parse_cache import bench_parse_cache

    return await bench_parse_cache()


async def _research(args: argparse.Namespace) -> list[BenchResult]:
    from bench.research import bench_research

    return await bench_research(_cities(args), args.seed, batch_size=args.batch_size)


async def _jobs(args: argparse.Namespace) -> list[BenchResult]:
    from bench.jobs import bench_jobs

    return await bench_jobs(_cities(args), args.seed, batch_size=args.batch_size)


BENCHMARKS: dict[str, Benchmark] = {
    "reference": lambda args: bench_reference(args.batch_size),
    "synth": lambda args: bench_synth(args.batch_size, _cities(args), args.seed, args.repeat),
    "api": _api,
    "brain": _brain,
    "parse-cache": _parse_cache,
    "bot": _bot,
    "research": _research,
    "jobs": _jobs,
}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help=f"synthetic network of {QUICK_CITIES:,} cities"
    )
    parser.add_argument(
        "--only", choices=sorted(BENCHMARKS), action="append", help="run only this benchmark"
    )
    parser.add_argument("--cities", type=int, help=f"synthetic cities (default {SYNTH_CITIES:,})")
    parser.add_argument("--seed", type=int, default=SYNTH_SEED)
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="rows per write (default: UCCN_GRAPH_WRITE_BATCH_SIZE, as the hub uses)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the best counts")
    args = parser.parse_args(argv)
    if args.batch_size is None:
        args.batch_size = Settings().graph_write_batch_size
    return args


async def run(args: argparse.Namespace) -> list[BenchResult]:
    results: list[BenchResult] = []
    for name in args.only or list(BENCHMARKS):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        found = await BENCHMARKS[name](args)
        results.extend(found if isinstance(found, list) else [found])
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    results = asyncio.run(run(args))
    print(format_results(results))
    print(f"\n{len(results)} benchmark(s) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
