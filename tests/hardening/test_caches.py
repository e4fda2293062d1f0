"""The API's caches are bounded by memory, not only by entries (issue 13, item 8): distinct
large query texts never hold more than the budget."""

from __future__ import annotations

from graph.store import GraphStore
from schema.build import HubSchema
from schema.cache import BoundedCache, text_weight
from schema.limits import PARSER_CACHE_BYTES
from tests.schema.api import DEFAULT_SETTINGS, execute, schema_for


def test_the_oldest_entries_go_once_the_bytes_are_spent() -> None:
    cache: BoundedCache[str, int] = BoundedCache(max_entries=100, max_bytes=1000)
    for n in range(10):
        assert cache.get_or_compute(f"k{n}", lambda n=n: n, 300) == n  # type: ignore[misc]
    assert cache.bytes <= 1000
    assert len(cache) == 3
    calls: list[str] = []
    cache.get_or_compute("k9", lambda: calls.append("again") or 0, 300)  # type: ignore[func-returns-value]
    assert calls == []  # still cached
    assert cache.get_or_compute("huge", lambda: 42, 5000) == 42
    assert "huge" not in cache._entries  # heavier than the whole budget: answered, not kept


def test_the_entry_bound_still_holds() -> None:
    cache: BoundedCache[int, int] = BoundedCache(max_entries=4, max_bytes=10**9)
    for n in range(10):
        cache.get_or_compute(n, lambda n=n: n, 1)  # type: ignore[misc]
    assert len(cache) == 4
    assert cache.bytes == 4


async def test_distinct_large_comment_only_queries_stay_within_the_budget(
    store: GraphStore,
) -> None:
    schema = schema_for(DEFAULT_SETTINGS)
    assert isinstance(schema, HubSchema)
    documents = schema.limits.documents
    documents.clear()
    text = "#" + "x" * 2_000_000 + "\n{ __typename }"
    for n in range(12):
        result = await execute(store, f"#{n}\n" + text)
        assert result.errors is None
        assert documents.bytes <= PARSER_CACHE_BYTES
    assert len(documents) == PARSER_CACHE_BYTES // text_weight(text)
