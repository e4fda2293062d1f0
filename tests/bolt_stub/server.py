"""A scripted Bolt 5.x server on 127.0.0.1, for testing code that uses the real Neo4j driver.

Like Neo4j's testkit "boltstub": the driver connects over TCP, negotiates a version, logs on
and runs its messages; the stub answers from a per-test `Script` and logs every message it
received, so a test can assert exactly what went over the wire.

Supported: the legacy four-slot version handshake (Bolt 5.1 to 5.8; the driver's manifest slot
for Bolt 6 is skipped, as a Neo4j 5 server does), HELLO + LOGON / LOGOFF, TELEMETRY, ROUTE (every
role points at the stub itself), BEGIN / RUN / PULL / DISCARD / COMMIT / ROLLBACK, RESET, GOODBYE,
chunked framing, NOOP chunks, and the FAILED state (IGNORED until RESET).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from tests.bolt_stub.packstream import PackStreamError, Structure, pack, unpack

MAGIC = b"\x60\x60\xb0\x17"
SUPPORTED_VERSIONS = tuple((5, minor) for minor in range(8, 0, -1))  # best first
GQL_ERRORS_SINCE = (5, 7)  # FAILURE carries neo4j_code + gql_status instead of code
TELEMETRY_SINCE = (5, 4)

REQUESTS = {
    0x01: "HELLO", 0x02: "GOODBYE", 0x0F: "RESET", 0x10: "RUN", 0x11: "BEGIN", 0x12: "COMMIT",
    0x13: "ROLLBACK", 0x2F: "DISCARD", 0x3F: "PULL", 0x54: "TELEMETRY", 0x66: "ROUTE",
    0x6A: "LOGON", 0x6B: "LOGOFF",
}  # fmt: skip
SUCCESS, RECORD, IGNORED, FAILURE = 0x70, 0x71, 0x7E, 0x7F
UNAUTHORIZED = "Neo.ClientError.Security.Unauthorized"


@dataclass(frozen=True, slots=True)
class Records:
    """A successful result: column names and rows of values."""

    fields: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Failure:
    """A Neo4j error, e.g. `Neo.ClientError.Statement.SyntaxError`."""

    code: str
    message: str
    gql_status: str = "50N42"  # "general processing exception"


@dataclass(frozen=True, slots=True)
class Hangup:
    """No answer at all: the server drops the connection, as a crashing or failing-over one does."""


Answer = Records | Failure | Hangup
Handler = Callable[[str, dict[str, Any]], Answer]


def empty_result(query: str, params: dict[str, Any]) -> Answer:
    return Records()


@dataclass(slots=True)
class Script:
    """What one test's server accepts and answers."""

    user: str = "neo4j"
    password: str = "secret"
    handler: Handler = empty_result  # called with (query, parameters) for every RUN
    refusal: Failure = Failure(UNAUTHORIZED, "The client is unauthorized (wrong credentials)")
    agent: str = "Neo4j/5.26.0"
    home_database: str = "neo4j"


@dataclass(frozen=True, slots=True)
class Received:
    """One message the stub received: connection number, message name, its fields."""

    connection: int
    name: str
    fields: tuple[Any, ...]


class BoltStub:
    """`async with BoltStub(script) as stub:` serves on `stub.uri()` until the block ends."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.log: list[Received] = []
        self.versions: list[tuple[int, int]] = []  # negotiated, one per connection
        self.errors: list[Exception] = []  # the stub's own failures: a test should assert none
        self._server: asyncio.Server | None = None
        self._open: dict[asyncio.Task[None], asyncio.StreamWriter] = {}  # one per connection
        self._numbers = itertools.count(1)

    @property
    def port(self) -> int:
        assert self._server is not None, "the stub is not started"
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def uri(self, scheme: str = "bolt") -> str:
        return f"{scheme}://{self.address}"

    def received(self, name: str) -> list[Received]:
        return [m for m in self.log if m.name == name]

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._open.values():
            writer.close()
        if self._open:
            await asyncio.wait_for(asyncio.gather(*self._open), timeout=5)
        if self._server is not None:
            await self._server.wait_closed()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._open[task] = writer
        try:
            await _Connection(self, next(self._numbers), reader, writer).run()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the driver hung up: closing its pool, or killing a refused connection
        except Exception as exc:  # a bug in the stub or an unexpected message: report, don't hang
            self.errors.append(exc)
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
            del self._open[task]


def choose_version(offer: bytes) -> tuple[int, int] | None:
    """The best supported version among the client's four (reserved, range, minor, major) slots."""
    for slot in range(0, 16, 4):
        _, span, minor, major = offer[slot : slot + 4]
        if major == 0xFF:  # manifest-style negotiation (Bolt 6+): answered in the legacy form
            continue
        for version in SUPPORTED_VERSIONS:
            if version[0] == major and minor - span <= version[1] <= minor:
                return version
    return None


class _Connection:
    def __init__(
        self,
        stub: BoltStub,
        number: int,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        self.stub, self.number, self.reader, self.writer = stub, number, reader, writer
        self.version = (0, 0)
        self.authenticated = False
        self.failed = False
        self.tx_mode: str | None = None  # "r" or "w" inside an explicit transaction
        self.database = stub.script.home_database
        self.pending: list[list[Any]] | None = None  # rows of the open result, not yet pulled

    async def run(self) -> None:
        if await self.reader.readexactly(4) != MAGIC:
            return
        version = choose_version(await self.reader.readexactly(16))
        self.writer.write(bytes((0, 0, version[1], version[0])) if version else bytes(4))
        await self.writer.drain()
        if version is None:
            return
        self.version = version
        self.stub.versions.append(version)
        while True:
            message = await self._read_message()
            name = REQUESTS.get(message.tag, f"0x{message.tag:02X}")
            self.stub.log.append(Received(self.number, name, message.fields))
            keep_open = self._answer(name, message.fields)
            await self.writer.drain()
            if not keep_open:
                return

    async def _read_message(self) -> Structure:
        data = bytearray()
        while True:
            (size,) = struct.unpack(">H", await self.reader.readexactly(2))
            if size:
                data += await self.reader.readexactly(size)
            elif data:  # an empty chunk ends a message; alone, it is a NOOP keep-alive
                message = unpack(bytes(data))
                if not isinstance(message, Structure):
                    raise PackStreamError(f"expected a message structure, got {message!r}")
                return message

    def _send(self, tag: int, *fields: Any) -> None:
        data = pack(Structure(tag, fields))
        for start in range(0, len(data), 0xFFFF):
            chunk = data[start : start + 0xFFFF]
            self.writer.write(struct.pack(">H", len(chunk)) + chunk)
        self.writer.write(b"\x00\x00")

    def _fail(self, code: str, message: str, gql_status: str = "50N42") -> None:
        self.failed = True
        if self.version >= GQL_ERRORS_SINCE:
            self._send(FAILURE, {
                "neo4j_code": code, "message": message, "gql_status": gql_status,
                "description": f"error: {message}", "diagnostic_record": {
                    "OPERATION": "", "OPERATION_CODE": "0", "CURRENT_SCHEMA": "/",
                    "_classification": code.split(".")[1].replace("Error", "_ERROR").upper(),
                },
            })  # fmt: skip
        else:
            self._send(FAILURE, {"code": code, "message": message})

    def _answer(self, name: str, fields: tuple[Any, ...]) -> bool:
        """Reply to one message; False when the connection must close."""
        script = self.stub.script
        if name == "GOODBYE":
            return False
        if name == "RESET":
            self.failed, self.tx_mode, self.pending = False, None, None
            self._send(SUCCESS, {})
        elif self.failed:
            self._send(IGNORED)
        elif name == "HELLO":
            hints = {"telemetry.enabled": True} if self.version >= TELEMETRY_SINCE else {}
            self._send(
                SUCCESS,
                {"server": script.agent, "connection_id": f"bolt-{self.number}", "hints": hints},
            )
        elif name == "LOGON":
            auth = fields[0]
            if auth.get("principal") != script.user or auth.get("credentials") != script.password:
                self._fail(script.refusal.code, script.refusal.message, script.refusal.gql_status)
                return False  # Neo4j closes the connection after a refused logon
            self.authenticated = True
            self._send(SUCCESS, {})
        elif name == "LOGOFF":
            self.authenticated = False
            self._send(SUCCESS, {})
        elif not self.authenticated:
            self._fail(UNAUTHORIZED, f"{name} before LOGON")
            return False
        else:
            return self._answer_work(name, fields)
        return True

    def _answer_work(self, name: str, fields: tuple[Any, ...]) -> bool:
        script = self.stub.script
        if name == "TELEMETRY":
            self._send(SUCCESS, {})
        elif name == "ROUTE":
            database = fields[2].get("db") or script.home_database
            roles = ("ROUTE", "READ", "WRITE")
            servers = [{"addresses": [self.stub.address], "role": role} for role in roles]
            self._send(SUCCESS, {"rt": {"ttl": 300, "db": database, "servers": servers}})
        elif name == "BEGIN":
            self.tx_mode = fields[0].get("mode", "w")
            self.database = fields[0].get("db") or script.home_database
            self._send(SUCCESS, {})
        elif name == "RUN":
            return self._run(query=fields[0], params=fields[1], extra=fields[2])
        elif name in ("PULL", "DISCARD"):
            self._pull(fields[0].get("n", -1) if name == "PULL" else 0)
        elif name == "COMMIT":
            self.tx_mode = None
            self._send(SUCCESS, {"bookmark": f"stub:{len(self.stub.log)}"})
        elif name == "ROLLBACK":
            self.tx_mode = None
            self._send(SUCCESS, {})
        else:
            self._fail("Neo.ClientError.Request.Invalid", f"the stub does not handle {name}")
        return True

    def _run(self, query: str, params: dict[str, Any], extra: dict[str, Any]) -> bool:
        if self.tx_mode is None:  # auto-commit: RUN carries the database itself
            self.database = extra.get("db") or self.stub.script.home_database
        answer = self.stub.script.handler(query, params)
        if isinstance(answer, Hangup):
            return False
        if isinstance(answer, Failure):
            self._fail(answer.code, answer.message, answer.gql_status)
            return True
        self.pending = [list(row) for row in answer.rows]
        metadata: dict[str, Any] = {"fields": list(answer.fields), "t_first": 0}
        if self.tx_mode is not None:
            metadata["qid"] = 0
        self._send(SUCCESS, metadata)
        return True

    def _pull(self, n: int) -> None:
        if self.pending is None:
            self._fail("Neo.ClientError.Request.Invalid", "no result to PULL or DISCARD")
            return
        count = len(self.pending) if n < 0 else min(n, len(self.pending))
        for row in self.pending[:count]:
            self._send(RECORD, row)
        self.pending = self.pending[count:]
        if self.pending and n != 0:
            self._send(SUCCESS, {"has_more": True})
            return
        self.pending = None
        summary: dict[str, Any] = {"t_last": 0, "type": self.tx_mode or "rw", "db": self.database}
        if self.tx_mode is None:
            summary["bookmark"] = f"stub:{len(self.stub.log)}"
        self._send(SUCCESS, summary)
