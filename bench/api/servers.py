"""The servers under test: the hub and the bare Starlette app, each a `uvicorn --factory`
subprocess on a free loopback port, started with the same command line and stopped in a
`finally`.

A subprocess reads its settings from the environment, so `settings_env` writes every setting of
the benchmark's `Settings` as the `UCCN_*` variable that sets it; nothing of this process's own
`UCCN_*` environment leaks into a child.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import httpx
from pydantic import SecretStr
from starlette.applications import Starlette

from bench.api import ApiBenchError
from hub.app import create_app
from hub.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT_S = 120.0
SERVER_STOP_TIMEOUT_S = 15.0
ENV_PREFIX = "UCCN_"

# The same uvicorn command line for every server: one worker, asyncio loop, h11, no logs.
UVICORN_OPTIONS = (
    *("--host", "127.0.0.1", "--workers", "1", "--loop", "asyncio", "--http", "h11"),
    *("--lifespan", "on", "--log-level", "critical", "--no-access-log"),
    *("--timeout-graceful-shutdown", "5"),
)
HUB_FACTORY = "bench.api.servers:create_hub_app"
BARE_FACTORY = "bench.bare_app:create_bare_app"


def create_hub_app() -> Starlette:
    """The uvicorn factory for the hub: settings from the `UCCN_*` environment the bench sets."""
    return create_app(Settings(_env_file=None))  # type: ignore[call-arg]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def settings_env(settings: Settings) -> dict[str, str]:
    """Every setting as the `UCCN_*` variable that sets it, so a subprocess gets the same."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, Enum):
            value = value.value
        env[f"{ENV_PREFIX}{name.upper()}"] = str(value)
    return env


def child_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return {**env, **extra}


def _log_file(path: Path) -> BinaryIO:
    return path.open("wb")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass(slots=True)
class Server:
    name: str
    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.asynccontextmanager
async def serving(
    name: str, factory: str, env: Mapping[str, str], log_dir: Path
) -> AsyncIterator[Server]:
    """`uvicorn --factory FACTORY` with `UVICORN_OPTIONS` on a free loopback port, until exit."""
    port = free_port()
    log = log_dir / f"{name}.log"
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--port", str(port)]
    with _log_file(log) as handle:
        process = await asyncio.create_subprocess_exec(
            *command,
            *UVICORN_OPTIONS,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=handle,
            stderr=asyncio.subprocess.STDOUT,
            env=child_env(env),
            cwd=ROOT,
        )
    server = Server(name, process, port, log)
    try:
        await _wait_ready(server)
        yield server
    finally:
        await _stop(server)


async def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    async with httpx.AsyncClient(base_url=server.url, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if server.process.returncode is not None:
                raise ApiBenchError(
                    f"{server.name} server exited ({server.process.returncode}):\n"
                    f"{_tail(server.log)}"
                )
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.05)
    raise ApiBenchError(f"{server.name} server did not answer in time:\n{_tail(server.log)}")


async def _stop(server: Server) -> None:
    if server.process.returncode is not None:
        return
    server.process.terminate()
    try:
        await asyncio.wait_for(server.process.wait(), SERVER_STOP_TIMEOUT_S)
    except TimeoutError:
        server.process.kill()
        await server.process.wait()
