"""A write that returned success survives `kill -9` of the writer and of the database process."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis

from graph import embedded_server
from graph.embedded_server import EmbeddedServer, process_alive, server_config
from graph.factory import open_engine
from graph.store import GraphStore

# The writer acknowledges each city on stdout only after the store returned from writing it.
WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from graph.factory import open_engine
    from graph.store import GraphStore

    async def main(url: str) -> None:
        store = GraphStore(await open_engine(url, graph_name="durable"))
        await store.setup_schema()
        i = 0
        while True:
            city = f"city-{i}"
            await store.upsert_nodes("City", [{"id": city, "name": city, "status": "member"}])
            print(f"ack {city}", flush=True)
            i += 1

    asyncio.run(main(sys.argv[1]))
    """
)


def _server_pid(directory: Path) -> int:
    pid = EmbeddedServer(directory).pid
    assert pid is not None, "the writer should have started the embedded server"
    return pid


def _acknowledged(writer: subprocess.Popen[str], at_least: int) -> list[str]:
    assert writer.stdout is not None
    acked: list[str] = []
    deadline = time.monotonic() + 60
    while len(acked) < at_least and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        acked.append(line.split()[1])
    return acked


def test_acknowledged_writes_survive_kill_9_of_hub_and_database(tmp_path: Path) -> None:
    directory = tmp_path / "graph"
    url = f"falkordb://{directory}"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        acked = _acknowledged(writer, at_least=200)
        db_pid = _server_pid(directory)
        # Surviving kill -9 alone proves only the page cache; the server also fsyncs each write.
        assert _fsyncs_before_replying(_persistence(EmbeddedServer(directory).socket_path))
        # Both die mid-stream, the database first, with no chance to flush anything.
        os.kill(db_pid, signal.SIGKILL)
        writer.kill()
        assert writer.stdout is not None
        assert writer.stderr is not None
        acked += [
            line.split()[1] for line in writer.stdout.read().splitlines() if line.startswith("ack ")
        ]
    finally:
        writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close() if writer.stdout else None
        writer.stderr.close() if writer.stderr else None
    assert len(acked) >= 200, "the writer did not get going"
    deadline = time.monotonic() + 10
    while process_alive(db_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_alive(db_pid)

    # A new process finds the server dead, restarts it from the append-only file.
    survived = asyncio.run(_surviving(url, acked))
    assert survived == set(acked), f"lost {len(set(acked) - survived)} acknowledged writes"


async def _surviving(url: str, acked: list[str]) -> set[str]:
    store = GraphStore(await open_engine(url, graph_name="durable"))
    try:
        return await store.existing_ids("City", acked)
    finally:
        await store.close()


def _persistence(sock: Path) -> dict[str, str]:
    """What the running server does with a write before it answers, from the server itself."""
    client = redis.Redis(unix_socket_path=str(sock), decode_responses=True)
    try:
        return {
            key: str(client.config_get(key)[key]) for key in ("appendonly", "appendfsync", "save")
        }
    finally:
        client.close()


def _persistence_of_a_new_server(directory: Path) -> dict[str, str]:
    server = EmbeddedServer(directory)
    sock = server.acquire()
    try:
        return _persistence(sock)
    finally:
        server.release()


def _fsyncs_before_replying(persistence: dict[str, str]) -> bool:
    return persistence["appendonly"] == "yes" and persistence["appendfsync"] == "always"


def test_the_server_fsyncs_every_write_before_it_answers(tmp_path: Path) -> None:
    # Surviving kill -9 needs only the page cache; surviving a power cut needs the append-only
    # file on disk before the reply. The running server must say it does that.
    persistence = _persistence_of_a_new_server(tmp_path / "graph")
    assert persistence["appendonly"] == "yes"
    assert persistence["appendfsync"] == "always"
    assert _fsyncs_before_replying(persistence)


def test_the_fsync_check_fails_on_a_server_that_leaves_writes_in_the_page_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lazy_config(directory: Path, sock: Path) -> str:
        return server_config(directory, sock).replace("appendfsync always", "appendfsync no")

    monkeypatch.setattr(embedded_server, "server_config", lazy_config)
    persistence = _persistence_of_a_new_server(tmp_path / "graph")
    assert persistence["appendfsync"] == "no"
    assert not _fsyncs_before_replying(persistence)
