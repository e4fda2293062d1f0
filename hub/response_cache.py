"""The API's response cache: whole GraphQL answers, kept until the graph changes.

An answer is keyed by everything it depends on: the document, the operation, the variables (as
canonical JSON), what the caller may see (its role, and a focal point's city: "my city" answers
differ per city), today's date (a report is overdue from one day to the next) and the graph's
version (`graph.statements.version`), which every write statement bumps in its own text. A write
through any process (another hub, the CLI, the scheduler; FalkorDB or Neo4j) changes the
version, so the next request misses: no answer outlives a write.

The version is read for every request, after the request arrived: requests that come while a
read is under way share the next read (`VersionReads`), so under load one small indexed query
serves many requests without any of them reading a version older than itself.

Kept: answers to queries without errors, within a byte budget (oldest out first). Not kept:
mutations; answers with errors; documents that ask for a field served from a service's own
cache kept by time (`UNCACHED_ROOT_FIELDS`: the recommendation index and the analytics see
another process's writes only within their time to live, and an answer kept by graph version
would keep their older picture longer than that).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    OperationType,
    get_operation_ast,
    parse,
)

from graph.store import GraphStore, GraphVersion
from schema.cache import BoundedCache
from schema.prefetch import fields_of
from services.policy import Viewer

# Root fields answered from a service's own cache that a write elsewhere reaches only within its
# time to live (UCCN_RECOMMEND_INDEX_TTL_S, UCCN_ANALYTICS_TTL_S).
UNCACHED_ROOT_FIELDS = frozenset(
    {"recommendPartners", "networkStats", "centrality", "communities", "brokers"}
)
ENTRY_OVERHEAD = 400  # bytes an entry costs beyond its key's texts and its body
MAX_ENTRIES = 100_000
PLAN_CACHE_ENTRIES = 1024
PLAN_CACHE_BYTES = 8 * 2**20


class VersionReads:
    """The graph's version for a request that has arrived: read after it arrived, shared with
    every request that arrived while the previous read was under way."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._queued: asyncio.Future[GraphVersion] | None = None
        self._reading: asyncio.Task[None] | None = None

    async def current(self) -> GraphVersion:
        waiting = self._queued
        if waiting is None:
            waiting = self._queued = asyncio.get_running_loop().create_future()
            waiting.add_done_callback(_retrieve)
            if self._reading is None:
                self._reading = asyncio.create_task(self._read(), name="graph-version")
        return await asyncio.shield(waiting)

    async def _read(self) -> None:
        try:
            while self._queued is not None:
                batch, self._queued = self._queued, None
                try:
                    batch.set_result(await self._store.version())
                except Exception as exc:  # every waiter gets it, and goes without the cache
                    batch.set_exception(exc)
        finally:
            self._reading = None


def _retrieve(future: asyncio.Future[GraphVersion]) -> None:
    """A shared read's failure is handed to its waiters; if all of them went, it is not news."""
    if not future.cancelled():
        future.exception()


Key = tuple[str, str | None, str, str, str | None, date, str | None, int]


@dataclass(slots=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    kept: int = 0


class ResponseCache:
    """Answers' JSON bodies by `Key`, within `max_bytes`."""

    def __init__(self, store: GraphStore, max_bytes: int) -> None:
        self.versions = VersionReads(store)
        self.bodies: BoundedCache[Key, bytes] = BoundedCache(MAX_ENTRIES, max_bytes)
        self._plans: BoundedCache[tuple[str, str | None], bool] = BoundedCache(
            PLAN_CACHE_ENTRIES, PLAN_CACHE_BYTES
        )
        self.stats = CacheStats()

    async def key(self, parameters: Mapping[str, Any], viewer: Viewer, today: date) -> Key | None:
        """The request's key, or None when it cannot be cached (no text; variables that are
        not JSON as such)."""
        query = parameters.get("query")
        if not isinstance(query, str):
            return None
        variables = parameters.get("variables")
        try:
            canonical = json.dumps(variables, sort_keys=True, separators=(",", ":"))
        except (TypeError, ValueError):
            return None
        version = await self.versions.current()
        return (
            query,
            parameters.get("operationName"),
            canonical,
            viewer.role.value,
            viewer.city,
            today,
            version.epoch,
            version.version,
        )

    def get(self, key: Key) -> bytes | None:
        body = self.bodies.get(key)
        if body is None:
            self.stats.misses += 1
        else:
            self.stats.hits += 1
        return body

    def may_keep(self, query: str, operation_name: str | None) -> bool:
        """A query (not a mutation) that asks for no field of `UNCACHED_ROOT_FIELDS`. Called
        only for documents that ran without errors, so the text parses."""
        return self._plans.get_or_compute(
            (query, operation_name),
            lambda: _may_keep(parse(query, no_location=True), operation_name),
            2 * len(query) + ENTRY_OVERHEAD,
        )

    def keep(self, key: Key, body: bytes) -> None:
        weight = len(body) + 2 * (len(key[0]) + len(key[2])) + ENTRY_OVERHEAD
        self.bodies.put(key, body, weight)
        self.stats.kept += 1


def _may_keep(document: DocumentNode, operation_name: str | None) -> bool:
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        return False
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    roots = fields_of([operation.selection_set], fragments, nested=False)
    return not any(field.name.value in UNCACHED_ROOT_FIELDS for field in roots)
