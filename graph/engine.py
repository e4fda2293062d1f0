"""The port every graph engine implements; the store talks to nothing else.

A write of several statements (an import, a load) must be all or nothing. An engine with
multi-statement transactions says so by also being a `TransactionalEngine` (Neo4j): the store
runs the whole write in one of its transactions. Any other engine (embedded FalkorDB, whose
queries are each atomic alone, and any wrapper around an engine) gets the store's undo log
instead (`graph.store`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, runtime_checkable

from graph.dialect import Dialect
from graph.schema import SchemaSpec

Row = dict[str, Any]


class GraphEngine(Protocol):
    """An open connection to one graph. Writes are durable once `write` returns."""

    dialect: Dialect

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]: ...

    async def write(self, cypher: str, params: Mapping[str, Any]) -> list[Row]: ...

    async def ensure_schema(self, schema: SchemaSpec) -> None: ...

    async def drop_all(self) -> None: ...

    async def ping(self) -> str: ...

    async def close(self) -> None: ...


class WriteTransaction(Protocol):
    """One open write transaction: statements run in it see what it wrote before."""

    async def run(self, cypher: str, params: Mapping[str, Any]) -> list[Row]: ...


@runtime_checkable
class TransactionalEngine(GraphEngine, Protocol):
    """An engine that runs several statements as one transaction."""

    async def write_transaction[T](self, work: Callable[[WriteTransaction], Awaitable[T]]) -> T:
        """Run `work` in one write transaction: committed when it returns, rolled back when it
        raises (and the exception passes on). The engine may run `work` again after a
        transient failure, so it must only run idempotent statements."""
        ...
