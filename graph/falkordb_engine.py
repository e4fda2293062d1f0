"""Engine 1, the default: embedded FalkorDB (falkordblite's server, falkordb's async client).

Each query is atomic: one that fails part way (a refused value, a runtime error) leaves nothing
behind. There are no transactions across queries, so this engine is not a
`TransactionalEngine`, and a write of many batches is made all or nothing by the store's undo
log (`graph.store`): before each batch the store reads what the batch will change, and when a
later batch fails it restores that and deletes what was created.

Why an undo log rather than a staged write kept invisible until complete: FalkorDB has nothing
to stage into. Writing into a copy of the graph (`GRAPH.COPY`) and swapping it in would cost a
copy of the whole graph per import and would lose what the hub, the scheduler and other CLI
runs (which share this server) write to the graph meanwhile; marking staged nodes would need
every read statement to skip them; and a Redis `MULTI` block does not roll back a command that
fails. The undo log costs one indexed read per batch, and only what the write touches.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from falkordb.asyncio import FalkorDB
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from graph import schema as ddl
from graph.dialect import Dialect
from graph.embedded_server import EmbeddedServer
from graph.engine import Row
from graph.errors import GraphError, GraphUnavailable
from graph.schema import PropertyIndex, SchemaSpec, UniqueKey

_EMPTY_GRAPH = "empty key"
_CONNECTION_ERRORS = (RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)


class FalkorDBEngine:
    """One graph in the embedded server of one data directory."""

    dialect = Dialect.FALKORDB

    def __init__(self, server: EmbeddedServer, graph_name: str, db: Any) -> None:
        self._server = server
        self._graph_name = graph_name
        self._db = db
        self._graph = db.select_graph(graph_name)

    @classmethod
    async def open(cls, directory: Path, graph_name: str) -> FalkorDBEngine:
        server = EmbeddedServer(directory)
        sock = await asyncio.to_thread(server.acquire)
        return cls(server, graph_name, _client(sock))

    @property
    def directory(self) -> Path:
        return self._server.directory

    @property
    def server(self) -> EmbeddedServer:
        return self._server

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        return await self._run(cypher, params, read_only=True)

    async def write(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        # Every write statement is idempotent (MERGE on ids), so a retry after a lost
        # connection cannot apply a change twice.
        return await self._run(cypher, params, read_only=False)

    async def _run(self, cypher: str, params: Mapping[str, Any], *, read_only: bool) -> list[Row]:
        try:
            return await self._once(cypher, params, read_only=read_only)
        except _CONNECTION_ERRORS:
            await self._reconnect()
            try:
                return await self._once(cypher, params, read_only=read_only)
            except _CONNECTION_ERRORS as exc:
                raise GraphUnavailable(
                    f"embedded FalkorDB in {self.directory} stopped answering: {exc}"
                ) from exc

    async def _once(self, cypher: str, params: Mapping[str, Any], *, read_only: bool) -> list[Row]:
        try:
            if read_only:
                result = await self._graph.ro_query(cypher, dict(params))
            else:
                result = await self._graph.query(cypher, dict(params))
        except ResponseError as exc:
            if read_only and _EMPTY_GRAPH in str(exc):
                return []  # the graph has no key until its first write: nothing to read yet
            raise GraphError(f"FalkorDB refused the statement: {exc}") from exc
        names = [column[1] for column in result.header]
        return [
            # Maps arrive as OrderedDicts, a dict subclass: handed out as they are, unconverted.
            dict(zip(names, row, strict=True))
            for row in result.result_set
        ]

    async def _reconnect(self) -> None:
        """The server died or was restarted: start it again from its append-only file."""
        await self._db.aclose()
        sock = await asyncio.to_thread(self._server.ensure_running)
        self._db = _client(sock)
        self._graph = self._db.select_graph(self._graph_name)

    async def ensure_schema(self, schema: SchemaSpec) -> None:
        indexes = await self.read(ddl.FALKORDB_LIST_INDEXES, {})
        have_range = _indexed(indexes, "RANGE")
        have_fulltext = _indexed(indexes, "FULLTEXT")
        range_indexes: list[UniqueKey | PropertyIndex] = [*schema.unique_keys, *schema.indexes]
        for index in range_indexes:
            if (index.label, index.prop) not in have_range:
                await self.write(ddl.falkordb_index_statement(index), {})
        for fulltext in schema.fulltext:
            if not all((fulltext.label, p) in have_fulltext for p in fulltext.props):
                await self.write(ddl.falkordb_fulltext_statement(fulltext), {})
        constraints = await self.read(ddl.FALKORDB_LIST_CONSTRAINTS, {})
        have_unique = {
            (row["label"], tuple(row["properties"]))
            for row in constraints
            if row["type"] == "UNIQUE"
        }
        for key in schema.unique_keys:
            if (key.label, (key.prop,)) not in have_unique:
                command = ddl.falkordb_constraint_command(self._graph_name, key)
                try:
                    await self._db.connection.execute_command(*command)
                except ResponseError as exc:
                    raise GraphError(f"FalkorDB refused constraint {key.name}: {exc}") from exc

    async def drop_all(self) -> None:
        try:
            await self._graph.delete()
        except ResponseError as exc:
            if _EMPTY_GRAPH not in str(exc):
                raise GraphError(f"FalkorDB could not drop graph: {exc}") from exc
        self._graph = self._db.select_graph(self._graph_name)

    async def ping(self) -> str:
        # A graph has no key until its first write, so ask the module itself, not the graph.
        try:
            await self._db.connection.execute_command("GRAPH.LIST")
        except _CONNECTION_ERRORS:
            await self._reconnect()
            await self._db.connection.execute_command("GRAPH.LIST")
        except ResponseError as exc:
            raise GraphUnavailable(f"the embedded server has no FalkorDB module: {exc}") from exc
        return f"embedded FalkorDB in {self.directory}, graph {self._graph_name!r}"

    async def close(self) -> None:
        await self._db.aclose()
        await asyncio.to_thread(self._server.release)


def _client(sock: Path) -> Any:
    return FalkorDB(unix_socket_path=str(sock))


def _indexed(indexes: list[Row], kind: str) -> set[tuple[str, str]]:
    """(label, property) pairs that `CALL db.indexes()` lists with an index of `kind`."""
    return {
        (row["label"], prop)
        for row in indexes
        for prop, kinds in row["types"].items()
        if kind in kinds
    }
