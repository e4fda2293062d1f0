"""Shared fixtures: the real embedded FalkorDB (one server per session, one graph per test),
and Neo4j too when `UCCN_TEST_NEO4J_URL` points at one."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from graph.embedded_server import EmbeddedServer
from graph.factory import open_engine
from graph.store import GraphStore
from hub.settings import Settings

NEO4J_URL = os.environ.get("UCCN_TEST_NEO4J_URL", "")


@pytest.fixture(scope="session")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One embedded server for the session; held by a lease so it outlives each test's store."""
    directory = tmp_path_factory.mktemp("graph")
    server = EmbeddedServer(directory)
    server.acquire()
    yield directory
    server.release()


def embedded_url(directory: Path) -> str:
    return f"falkordb://{directory}"


def unique_graph_name() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture
def settings(graph_dir: Path, tmp_path: Path) -> Settings:
    """Settings for one test: the session's server, a graph of the test's own."""
    return Settings(
        graph_url=embedded_url(graph_dir),
        graph_name=unique_graph_name(),
        backup_dir=tmp_path / "backups",
        analytics_warm_on_start=False,  # tests that count reads see only their own
        _env_file=None,  # type: ignore[call-arg]
    )


async def _open(url: str, graph_name: str) -> GraphStore:
    engine = await open_engine(
        url,
        graph_name=graph_name,
        neo4j_user=os.environ.get("UCCN_TEST_NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("UCCN_TEST_NEO4J_PASSWORD", ""),
        neo4j_database=os.environ.get("UCCN_TEST_NEO4J_DATABASE", "neo4j"),
    )
    return GraphStore(engine, batch_size=500)


@pytest.fixture
async def store(graph_dir: Path) -> AsyncIterator[GraphStore]:
    """An empty graph of its own in the embedded FalkorDB, with the schema set up."""
    opened = await _open(embedded_url(graph_dir), unique_graph_name())
    await opened.setup_schema()
    try:
        yield opened
    finally:
        await opened.drop_all()
        await opened.close()


ENGINES = [
    pytest.param("falkordb", id="falkordb"),
    pytest.param(
        "neo4j",
        id="neo4j",
        marks=[
            pytest.mark.neo4j,
            pytest.mark.skipif(not NEO4J_URL, reason="set UCCN_TEST_NEO4J_URL to run on Neo4j"),
        ],
    ),
]


@pytest.fixture(params=ENGINES)
async def any_store(request: pytest.FixtureRequest, graph_dir: Path) -> AsyncIterator[GraphStore]:
    """The contract suite's store: every engine that is reachable, emptied before and after."""
    url = embedded_url(graph_dir) if request.param == "falkordb" else NEO4J_URL
    opened = await _open(url, unique_graph_name())
    await opened.drop_all()
    await opened.setup_schema()
    try:
        yield opened
    finally:
        await opened.drop_all()
        await opened.close()
