"""The parse cache under distinct large queries (issue 13): what the API keeps in memory after
30 distinct 1 MB comment-only documents (about the largest a request body may be), measured
side by side with an LRU bounded only by its number of entries (what it was before), on the
same texts in the same process.

Memory is what `tracemalloc` still counts after the requests (the cache's texts and documents);
the goal is to stay within the caches' byte budgets whatever the texts.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from functools import lru_cache

from graphql import parse

from bench import BenchResult, Measurement
from schema.build import HubSchema, build_schema
from schema.config import ApiConfig
from schema.limits import COST_CACHE_BYTES, PARSER_CACHE_BYTES, PARSER_CACHE_SIZE

QUERIES = 30
TEXT_BYTES = 2**20 - 1024  # just under the default request body limit (UCCN_API_MAX_BODY_BYTES)
MB = 2**20


def _text(n: int) -> str:
    """The n-th distinct document: a fresh string, as each request's body makes one."""
    return f"#{n}\n#{'x' * TEXT_BYTES}\n{{ __typename }}"


def _retained(run: Callable[[], object]) -> tuple[float, float]:
    """(bytes still allocated after `run`, while what it returns is alive; seconds it took)."""
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    keep = run()
    seconds = time.perf_counter() - started
    gc.collect()
    retained, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del keep
    return float(retained), seconds


async def bench_parse_cache() -> BenchResult:
    schema = build_schema(ApiConfig())
    assert isinstance(schema, HubSchema)

    async def ours_async() -> None:
        for n in range(QUERIES):
            result = await schema.execute(_text(n))
            assert result.errors is None, result.errors

    def entries_only() -> object:
        cached = lru_cache(maxsize=PARSER_CACHE_SIZE)(parse)
        for n in range(QUERIES):
            cached(_text(n))
        return cached

    # Each request's text is a fresh string, dropped after the request unless a cache keeps
    # it: what a run retains is what its cache holds on to.
    base_retained, base_seconds = _retained(entries_only)
    ours_retained, ours_seconds = await _measure_async(ours_async)
    budget = PARSER_CACHE_BYTES + COST_CACHE_BYTES
    return BenchResult(
        name="api-parse-cache-memory",
        title="api parse cache memory",
        measurements=(
            Measurement(
                "ours: memory-bounded caches",
                ours_seconds,
                QUERIES,
                f"{ours_retained / MB:.1f} MB retained; {len(schema.limits.documents)} documents "
                f"cached ({schema.limits.documents.bytes / MB:.1f} MB counted)",
            ),
            Measurement(
                "baseline: LRU of 512 entries",
                base_seconds,
                QUERIES,
                f"{base_retained / MB:.1f} MB retained",
            ),
        ),
        ratio=ours_retained / budget,
        ratio_label="retained / cache budget",
        goal="<= 1.00",
        met=ours_retained <= budget,
        notes=(
            f"{QUERIES} distinct {TEXT_BYTES / MB:.1f} MB comment-only documents, one process; "
            f"budget {budget / MB:.0f} MB (parse {PARSER_CACHE_BYTES / MB:.0f} MB + cost "
            f"{COST_CACHE_BYTES / MB:.0f} MB)",
            f"ours / entries-only baseline = {ours_retained / max(base_retained, 1):.3f}",
        ),
    )


async def _measure_async(run: Callable[[], Awaitable[None]]) -> tuple[float, float]:
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    await run()
    seconds = time.perf_counter() - started
    gc.collect()
    retained, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return float(retained), seconds
