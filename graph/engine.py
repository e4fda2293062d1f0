"""The port every graph engine implements; the store talks to nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

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
