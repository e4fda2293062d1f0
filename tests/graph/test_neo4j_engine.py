"""The Neo4j engine through the real async driver, against a scripted Bolt server on 127.0.0.1.

No Neo4j runs here, so the stub stands in at the wire (`tests/bolt_stub`): these tests prove what
the engine sends (Cypher text, parameters, transaction mode, database) and how it maps what
comes back (records, auth refusal, transient and client errors, a closed port).
"""

from __future__ import annotations

import asyncio
import gc
import socket
import time
import warnings
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import pytest

from graph.dataset import GraphData
from graph.dialect import Dialect
from graph.errors import GraphAuthError, GraphError, GraphUnavailable, WriteMismatch
from graph.neo4j_engine import Neo4jEngine
from graph.schema import NEO4J_AWAIT_INDEXES, neo4j_schema_ddl, schema_from_model
from graph.statements import nodes, relationships, search
from graph.statements.health import PING
from graph.store import GraphStore
from hub.doctor import run_checks
from hub.settings import Settings
from tests.bolt_stub import Answer, BoltStub, Failure, Hangup, Received, Records, Script
from tests.bolt_stub.packstream import Structure, pack, unpack

USER, PASSWORD, DATABASE = "neo4j", "s3cret-pw", "uccn"
PING_TEXT = PING.text(Dialect.NEO4J)
DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"
SYNTAX_ERROR = "Neo.ClientError.Statement.SyntaxError"


async def within[T](call: Awaitable[T], seconds: float = 10.0) -> T:
    """Every driver call is bounded: a protocol mistake fails the test instead of hanging it."""
    return await asyncio.wait_for(call, seconds)


def answer_ping(query: str, params: dict[str, Any]) -> Answer:
    return Records(["ok"], [[1]]) if query == PING_TEXT else Records()


@pytest.fixture
async def stub() -> AsyncIterator[BoltStub]:
    server = BoltStub(Script(user=USER, password=PASSWORD, handler=answer_ping))
    await server.start()
    try:
        yield server
    finally:
        await within(server.close())
    assert server.errors == []
    assert set(server.versions) <= {(5, 8)}


@pytest.fixture
async def engine(stub: BoltStub) -> AsyncIterator[Neo4jEngine]:
    opened = await within(Neo4jEngine.open(stub.uri(), USER, PASSWORD, DATABASE, timeout_s=5))
    try:
        yield opened
    finally:
        await within(opened.close())


def runs(stub: BoltStub) -> list[tuple[str, dict[str, Any]]]:
    """(query, parameters) of every RUN, in order."""
    return [(m.fields[0], m.fields[1]) for m in stub.received("RUN")]


def work(stub: BoltStub) -> list[Received]:
    """The messages of transactions and queries, without connection set-up and pool chatter."""
    names = {"BEGIN", "RUN", "PULL", "DISCARD", "COMMIT", "ROLLBACK", "RESET"}
    return [m for m in stub.log if m.name in names]


# --- the stub's own encoding --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (None, b"\xc0"),
        (True, b"\xc3"),
        (-16, b"\xf0"),
        (127, b"\x7f"),
        (-17, b"\xc8\xef"),
        (128, b"\xc9\x00\x80"),
        (-(2**15) - 1, b"\xca\xff\xff\x7f\xff"),
        (2**31, b"\xcb\x00\x00\x00\x00\x80\x00\x00\x00"),
        (1.5, b"\xc1\x3f\xf8\x00\x00\x00\x00\x00\x00"),
        ("á", b"\x82\xc3\xa1"),
        ("x" * 16, b"\xd0\x10" + b"x" * 16),
        ([1, "a"], b"\x92\x01\x81a"),
        ({"n": -1}, b"\xa1\x81n\xff"),
        (Structure(0x70, ({},)), b"\xb1\x70\xa0"),
    ],
)
def test_packstream_encodes_as_the_spec_says(value: Any, encoded: bytes) -> None:
    assert pack(value) == encoded
    assert unpack(encoded) == value


@pytest.mark.parametrize(
    "value",
    [-(2**63), 2**63 - 1, "é" * 40_000, list(range(300)), {f"k{i}": i for i in range(70_000)}],
)
def test_packstream_round_trips_large_values(value: Any) -> None:
    assert unpack(pack(value)) == value


# --- connecting --------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
async def test_open_and_ping(stub: BoltStub, scheme: str) -> None:
    engine = await within(Neo4jEngine.open(stub.uri(scheme), USER, PASSWORD, DATABASE, 5))
    try:
        answer = await within(engine.ping())
    finally:
        await within(engine.close())
    assert answer == f"Neo4j at {stub.uri(scheme)}, database {DATABASE!r}"
    assert stub.versions
    assert set(stub.versions) == {(5, 8)}
    credentials = {"scheme": "basic", "principal": USER, "credentials": PASSWORD}
    assert stub.received("LOGON")
    assert all(m.fields[0] == credentials for m in stub.received("LOGON"))
    assert runs(stub) == [(PING_TEXT, {})]
    # neo4j:// asks the server for a routing table first, and follows it back to the stub.
    assert bool(stub.received("ROUTE")) is (scheme == "neo4j")
    assert {m.fields[2].get("db") for m in stub.received("ROUTE")} <= {None, DATABASE}


async def test_wrong_password_is_refused(stub: BoltStub) -> None:
    with pytest.raises(GraphAuthError, match=f"refused user {USER!r}"):
        await within(Neo4jEngine.open(stub.uri(), USER, "wrong", DATABASE, timeout_s=5))
    assert [m.fields[0]["credentials"] for m in stub.received("LOGON")] == ["wrong"]
    assert runs(stub) == []


async def test_doctor_reports_refused_credentials(stub: BoltStub) -> None:
    settings = Settings(
        graph_url=stub.uri(),
        neo4j_password="wrong",  # type: ignore[arg-type]
        graph_connect_timeout_s=5,
        _env_file=None,  # type: ignore[call-arg]
    )
    checks = await within(run_checks(settings))
    assert [(c.name, c.ok) for c in checks] == [("graph url", True), ("credentials", False)]
    assert f"refused user {USER!r}" in checks[-1].detail


async def test_doctor_passes_on_a_reachable_server_with_data(stub: BoltStub) -> None:
    counts = {
        nodes.COUNT_BY_LABEL.text(Dialect.NEO4J): Records(["label", "count"], [["City", 3]]),
        PING_TEXT: Records(["ok"], [[1]]),
    }
    stub.script.handler = lambda query, params: counts.get(query, Records(["type", "count"]))
    settings = Settings(
        graph_url=stub.uri("neo4j"),
        neo4j_password=PASSWORD,  # type: ignore[arg-type]
        neo4j_database=DATABASE,
        _env_file=None,  # type: ignore[call-arg]
    )
    checks = await within(run_checks(settings))
    assert [(c.name, c.ok) for c in checks] == [
        ("graph url", True),
        ("reachable", True),
        ("data", True),
    ]
    assert checks[-1].detail.startswith("3 cities")


async def test_any_security_refusal_is_an_auth_error_and_closes_the_driver(stub: BoltStub) -> None:
    # Neo4j answers this instead of Unauthorized after repeated wrong passwords.
    stub.script.refusal = Failure(
        "Neo.ClientError.Security.AuthenticationRateLimit",
        "The client has provided incorrect authentication details too many times in a row.",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            await within(Neo4jEngine.open(stub.uri(), USER, "wrong", DATABASE, timeout_s=5))
        except Exception as exc:  # what escapes, whatever it is; the traceback is dropped here
            refused: type[Exception] = type(exc)
        else:
            pytest.fail("open() accepted a refused logon")
        gc.collect()  # an unclosed driver warns when collected
    leaked = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaked == []
    assert issubclass(refused, GraphAuthError)


async def test_nothing_listening_is_unavailable_quickly() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(GraphUnavailable, match="unreachable"):
        await within(Neo4jEngine.open(f"bolt://127.0.0.1:{port}", USER, PASSWORD, DATABASE, 1))
    assert time.monotonic() - started < 5


# --- transactions ------------------------------------------------------------------------------


async def test_write_and_read_use_the_matching_transaction_mode(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    await within(engine.write("MERGE (n:City {id: $id})", {"id": "x"}))
    await within(engine.read("MATCH (n:City {id: $id}) RETURN n.id AS id", {"id": "x"}))
    assert [(m.name, m.fields) for m in work(stub)] == [
        ("BEGIN", ({"db": DATABASE},)),  # no "mode": a write transaction
        ("RUN", ("MERGE (n:City {id: $id})", {"id": "x"}, {})),
        ("PULL", ({"n": 1000},)),
        ("COMMIT", ()),
        ("BEGIN", ({"mode": "r", "db": DATABASE},)),
        ("RUN", ("MATCH (n:City {id: $id}) RETURN n.id AS id", {"id": "x"}, {})),
        ("PULL", ({"n": 1000},)),
        ("COMMIT", ()),
    ]


async def test_large_messages_are_chunked_both_ways(stub: BoltStub, engine: Neo4jEngine) -> None:
    big = "Bogotá " * 20_000  # ~160 kB: several 64 kB chunks each way
    stub.script.handler = lambda query, params: Records(["echo"], [[params["text"]]])
    assert await within(engine.read("RETURN $text AS echo", {"text": big})) == [{"echo": big}]


async def test_transient_error_is_retried(stub: BoltStub, engine: Neo4jEngine) -> None:
    attempts: list[str] = []

    def deadlock_once(query: str, params: dict[str, Any]) -> Answer:
        attempts.append(query)
        if len(attempts) == 1:
            return Failure(DEADLOCK, "ForsetiClient can't acquire ExclusiveLock")
        return Records(["written"], [[1]])

    stub.script.handler = deadlock_once
    rows = await within(engine.write("MERGE (n:City {id: $id}) RETURN 1 AS written", {"id": "x"}))
    assert rows == [{"written": 1}]
    assert attempts == ["MERGE (n:City {id: $id}) RETURN 1 AS written"] * 2
    assert [m.name for m in work(stub)] == [
        "BEGIN", "RUN", "PULL", "RESET",  # FAILURE on RUN, PULL IGNORED, the driver resets
        "BEGIN", "RUN", "PULL", "COMMIT",  # the managed transaction runs again, and commits
    ]  # fmt: skip


async def test_client_error_surfaces_without_retry(stub: BoltStub, engine: Neo4jEngine) -> None:
    message = "Invalid input 'MATC': expected 'MATCH' (line 1, column 1 (offset: 0))"
    stub.script.handler = lambda query, params: Failure(SYNTAX_ERROR, message)
    with pytest.raises(GraphError) as raised:
        await within(engine.read("MATC (n) RETURN n", {}))
    assert type(raised.value) is GraphError
    assert str(raised.value) == f"Neo4j refused the statement: {message}"
    assert runs(stub) == [("MATC (n) RETURN n", {})]


# --- the store's statements, as sent -----------------------------------------------------------


async def test_upsert_sends_the_neo4j_statement_with_rows_as_parameters(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    stub.script.handler = lambda query, params: Records(["written"], [[len(params["rows"])]])
    rows = [
        {"id": "bogota", "name": "Bogotá", "search_name": "bogota", "latitude": 4.71, "note": None},
        {"id": "chiang-mai", "name": "Chiang Mai", "designation_year": 2017},
    ]
    written = await within(GraphStore(engine).upsert_nodes("City", rows))
    assert written == 2
    text = nodes.UPSERT["City"].text(Dialect.NEO4J)
    assert runs(stub) == [
        (
            text,
            {
                "rows": [
                    {
                        "id": "bogota",
                        "props": {"name": "Bogotá", "search_name": "bogota", "latitude": 4.71},
                    },
                    {"id": "chiang-mai", "props": {"name": "Chiang Mai", "designation_year": 2017}},
                ]
            },
        )
    ]
    assert "Bogotá" not in text
    assert "bogota" not in text
    assert [m.fields[0] for m in stub.received("BEGIN")] == [{"db": DATABASE}]


async def test_search_sends_the_fulltext_call_with_the_folded_query(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    stub.script.handler = lambda query, params: Records(
        ["id", "score", "props"], [["bogota", 2.5, {"id": "bogota"}]]
    )
    found = await within(GraphStore(engine).search("City", "Bogotá"))
    assert found == [("bogota", 2.5)]
    [(query, params)] = runs(stub)
    assert query == search.SEARCH["City"].text(Dialect.NEO4J)
    assert query.startswith("CALL db.index.fulltext.queryNodes('city_fulltext', $query)")
    assert params == {"query": "bogota*", "limit": 20}
    assert [m.fields[0] for m in stub.received("BEGIN")] == [{"mode": "r", "db": DATABASE}]


async def test_ensure_schema_sends_every_ddl_statement_then_awaits_indexes(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    spec = schema_from_model()
    await within(engine.ensure_schema(spec))
    expected: list[tuple[str, dict[str, Any]]] = [(t, {}) for _, t in neo4j_schema_ddl(spec)]
    assert runs(stub) == [*expected, (NEO4J_AWAIT_INDEXES, {"timeout_s": 300})]
    # Each statement runs alone, auto-committed, on the configured database.
    assert stub.received("BEGIN") == []
    assert {m.fields[2].get("db") for m in stub.received("RUN")} == {DATABASE}


async def test_schema_error_surfaces_as_graph_error(stub: BoltStub, engine: Neo4jEngine) -> None:
    message = "An equivalent index already exists"
    stub.script.handler = lambda query, params: Failure(
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists", message
    )
    with pytest.raises(GraphError, match=f"refused the schema setup: {message}"):
        await within(engine.ensure_schema(schema_from_model()))
    assert len(runs(stub)) == 1


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
async def test_connection_lost_during_schema_setup_is_unavailable(
    stub: BoltStub, scheme: str
) -> None:
    stub.script.handler = lambda query, params: Hangup()
    engine = await within(Neo4jEngine.open(stub.uri(scheme), USER, PASSWORD, DATABASE, 5))
    try:
        with pytest.raises(GraphUnavailable):
            await within(engine.ensure_schema(schema_from_model()))
    finally:
        await within(engine.close())


# --- a write of many batches is one transaction (issue 13, item 1) ------------------------------


def _two_cities_in_three_batches() -> GraphData:
    """With a batch size of 1: two batches of cities, then one of IN_COUNTRY."""
    data = GraphData()
    for city in ("bogota", "lima"):
        data.add_node("City", {"id": city, "name": city.title(), "status": "member"})
    data.add_link("City-IN_COUNTRY-Country", "bogota", "CO")
    return data


def _upserted(query: str, params: dict[str, Any]) -> Answer:
    """Every upsert writes all its rows."""
    return Records(["written"], [[len(params.get("rows", []))]])


async def test_write_data_runs_all_its_batches_in_one_transaction(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    stub.script.handler = _upserted
    data = _two_cities_in_three_batches()
    written = await within(GraphStore(engine, batch_size=1).write_data(data))
    assert written == (2, 1)
    assert [m.name for m in work(stub)] == [
        "BEGIN",
        *["RUN", "PULL"] * 3,  # two batches of cities, one of IN_COUNTRY; no undo-log reads
        "COMMIT",
    ]
    assert [query for query, _ in runs(stub)] == [
        nodes.UPSERT["City"].text(Dialect.NEO4J),
        nodes.UPSERT["City"].text(Dialect.NEO4J),
        relationships.UPSERT["City-IN_COUNTRY-Country"].text(Dialect.NEO4J),
    ]


async def test_a_refused_last_batch_rolls_back_the_earlier_ones(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    def refuse_the_link(query: str, params: dict[str, Any]) -> Answer:
        if "IN_COUNTRY" in query:
            return Failure("Neo.ClientError.Statement.TypeError", "a value it cannot store")
        return _upserted(query, params)

    stub.script.handler = refuse_the_link
    data = _two_cities_in_three_batches()
    with pytest.raises(GraphError, match="a value it cannot store"):
        await within(GraphStore(engine, batch_size=1).write_data(data))
    names = [m.name for m in work(stub)]
    assert names.count("BEGIN") == 1
    assert "COMMIT" not in names  # the two city batches were never committed
    assert len(runs(stub)) == 3


async def test_a_missing_endpoint_is_found_in_the_transaction_and_rolls_it_back(
    stub: BoltStub, engine: Neo4jEngine
) -> None:
    def no_country(query: str, params: dict[str, Any]) -> Answer:
        if "IN_COUNTRY" in query:
            return Records(["written"], [[0]])
        if query == nodes.EXISTING["City"].text(Dialect.NEO4J):
            return Records(["id"], [[i] for i in params["ids"]])
        if query == nodes.EXISTING["Country"].text(Dialect.NEO4J):
            return Records(["id"], [])
        return _upserted(query, params)

    stub.script.handler = no_country
    data = _two_cities_in_three_batches()
    with pytest.raises(WriteMismatch, match="missing: Country 'CO'"):
        await within(GraphStore(engine, batch_size=1).write_data(data))
    names = [m.name for m in work(stub)]
    assert names.count("BEGIN") == 1  # the endpoint check ran inside the same transaction
    assert names[-1] == "ROLLBACK"
    assert "COMMIT" not in names
