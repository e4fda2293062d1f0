"""Engine 2, production and scale-out: Neo4j 5 through the official async driver.

`neo4j://` URIs route, so clusters work. Reads and writes run as managed transactions, which the
driver retries on transient errors; every write statement is idempotent (MERGE on ids), so a
retried transaction cannot apply a change twice.

`write_transaction` runs several statements in one managed transaction (a whole import or load,
`GraphStore.write_data`): nothing of it is visible or kept unless every statement succeeds, and
a transient failure runs the whole unit again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import schema as ddl
from graph.dialect import Dialect
from graph.engine import Row, WriteTransaction
from graph.errors import GraphAuthError, GraphError, GraphUnavailable
from graph.schema import SchemaSpec
from graph.statements.health import PING


class Neo4jEngine:
    dialect = Dialect.NEO4J

    def __init__(self, driver: neo4j.AsyncDriver, database: str, uri: str) -> None:
        self._driver = driver
        self._database = database
        self._uri = uri

    @classmethod
    async def open(
        cls, uri: str, user: str, password: str, database: str, timeout_s: float
    ) -> Neo4jEngine:
        driver = AsyncGraphDatabase.driver(
            uri, auth=(user, password), connection_timeout=timeout_s, max_transaction_retry_time=30
        )
        engine = cls(driver, database, uri)
        try:
            await driver.verify_connectivity()
        except AuthError as exc:
            await driver.close()
            raise GraphAuthError(f"Neo4j at {uri} refused user {user!r}: wrong password?") from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            await driver.close()
            raise GraphUnavailable(f"Neo4j at {uri} is unreachable: {exc}") from exc
        except Neo4jError as exc:
            await driver.close()
            if exc.code is not None and exc.code.startswith("Neo.ClientError.Security."):
                message = f"Neo4j at {uri} refused user {user!r}: {exc.message}"
                raise GraphAuthError(message) from exc
            raise GraphError(f"Neo4j at {uri} refused the connection: {exc.message}") from exc
        except BaseException:
            await driver.close()
            raise
        return engine

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        return await self._execute(cypher, params, write=False)

    async def write(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        return await self._execute(cypher, params, write=True)

    async def write_transaction[T](self, work: Callable[[WriteTransaction], Awaitable[T]]) -> T:
        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(_Transaction(tx))

        return await self._managed(unit, write=True)

    async def _execute(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> list[Row]:
        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            return await _Transaction(tx).run(cypher, params)

        return await self._managed(work, write=write)

    async def _managed[T](
        self, work: Callable[[AsyncManagedTransaction], Awaitable[T]], *, write: bool
    ) -> T:
        try:
            async with self._driver.session(database=self._database) as session:
                if write:
                    return await session.execute_write(work)
                return await session.execute_read(work)
        except AuthError as exc:
            raise GraphAuthError(f"Neo4j at {self._uri} refused our credentials") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise GraphUnavailable(f"Neo4j at {self._uri} is unreachable: {exc}") from exc
        except Neo4jError as exc:
            raise GraphError(f"Neo4j refused the statement: {exc.message}") from exc

    async def ensure_schema(self, schema: SchemaSpec) -> None:
        # Schema commands may not share a transaction with other work: each runs alone,
        # auto-committed; IF NOT EXISTS makes them idempotent.
        statements: list[tuple[str, dict[str, Any]]] = [
            (text, {}) for _name, text in ddl.neo4j_schema_ddl(schema)
        ]
        statements.append((ddl.NEO4J_AWAIT_INDEXES, {"timeout_s": 300}))
        try:
            async with self._driver.session(database=self._database) as session:
                for text, params in statements:
                    result = await session.run(text, params)
                    await result.consume()
        except AuthError as exc:
            raise GraphAuthError(f"Neo4j at {self._uri} refused our credentials") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise GraphUnavailable(f"Neo4j at {self._uri} is unreachable: {exc}") from exc
        except Neo4jError as exc:
            raise GraphError(f"Neo4j refused the schema setup: {exc.message}") from exc

    async def drop_all(self) -> None:
        await self.write(DETACH_DELETE_ALL, {})

    async def ping(self) -> str:
        rows = await self.read(PING.text(self.dialect), {})
        if rows != [{"ok": 1}]:
            raise GraphUnavailable(f"Neo4j answered {rows!r} to a ping")
        return f"Neo4j at {self._uri}, database {self._database!r}"

    async def close(self) -> None:
        await self._driver.close()


class _Transaction:
    """A statement runner inside one managed transaction."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self._tx = tx

    async def run(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        result = await self._tx.run(cypher, dict(params))
        return [record.data() async for record in result]


DETACH_DELETE_ALL = "MATCH (n) DETACH DELETE n"
