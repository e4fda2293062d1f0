"""Run the real `uccn` command in tests: one-shot commands and a served hub on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hub.settings import Settings

UCCN = str(Path(sys.executable).parent / "uccn")


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "UCCN_GRAPH_URL": settings.graph_url,
        "UCCN_GRAPH_NAME": settings.graph_name,
        **extra,
    }


def run_uccn(
    settings: Settings, *args: str, cwd: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UCCN, *args],
        capture_output=True,
        text=True,
        env=environment(settings, **env),
        cwd=cwd,
        timeout=120,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(slots=True)
class Served:
    base: str
    process: subprocess.Popen[str]
    log: str = field(default="")


@contextmanager
def serving(settings: Settings, cwd: Path) -> Iterator[Served]:
    """A real `uccn serve` on a free loopback port, up and answering /healthz; stopped after."""
    port = free_port()
    process = subprocess.Popen(
        [UCCN, "serve", "--port", str(port)],
        env=environment(settings),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        _wait_until_up(served)
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        if process.stderr:
            served.log = process.stderr.read()
            process.stderr.close()


def _wait_until_up(served: Served) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{served.base}/healthz", timeout=5):  # noqa: S310
                return
        except OSError:
            stderr = served.process.stderr
            assert served.process.poll() is None, stderr.read() if stderr else ""
            assert time.monotonic() < deadline, "the hub did not come up"
            time.sleep(0.1)
