"""A local stand-in for the Slack Web API (and for `response_url`s), on 127.0.0.1.

Like bolt's own `tests/mock_web_api_server`: a real HTTP server the bot's real client talks to.
It records every call (method, arguments), answers what a workspace would, and can be told to
answer a method with a 429 (and `Retry-After`) or an error, a given number of times. It runs in
a thread, so a test in any thread (the Starlette test client's included) can wait for a call.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT_USER = "UBOT"
TEAM = "T0UCCN"


@dataclass(slots=True)
class Call:
    method: str  # `chat.postMessage`, ..., or `respond` for a response_url
    args: dict[str, Any]
    at: float


@dataclass(slots=True)
class Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int


@dataclass(slots=True)
class SlackApi:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # users.info answers
    scripted: dict[str, list[Scripted]] = field(default_factory=dict)
    lock: threading.Condition = field(default_factory=threading.Condition)
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/respond/{name}"

    def script(
        self,
        method: str,
        status: int = 200,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` so."""
        entry = Scripted(
            status, body or {"ok": False, "error": "ratelimited"}, headers or {}, times
        )
        with self.lock:
            self.scripted.setdefault(method, []).append(entry)

    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout_s: float = 20.0) -> list[Call]:
        """The calls of `method` once there are `count` of them (fails after the timeout)."""
        return self.wait_until(method, lambda c: c.method == method, count, timeout_s)

    def wait_for_respond(self, path: str, timeout_s: float = 20.0) -> list[Call]:
        """The answers that came to one response_url (its path), once there is one."""
        return self.wait_until(
            path, lambda c: c.method == "respond" and c.args.get("url") == path, 1, timeout_s
        )

    def wait_until(
        self, method: str, wanted: Callable[[Call], bool], count: int, timeout_s: float
    ) -> list[Call]:
        deadline = time.monotonic() + timeout_s
        with self.lock:
            while True:
                found = [c for c in self.calls if wanted(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"no {count} call(s) of {method}; saw {seen}")
                self.lock.wait(left)

    def settle(self, quiet_s: float = 0.5, timeout_s: float = 10.0) -> None:
        """Waits until no call came for `quiet_s` (to assert that something did not happen)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self.lock:
                last = self.calls[-1].at if self.calls else 0.0
            if time.monotonic() - last >= quiet_s:
                return
            time.sleep(0.05)

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()

    # Answers.

    def answer(
        self, method: str, args: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self.lock:
            self.calls.append(Call(method, args, time.monotonic()))
            self.lock.notify_all()
            queue = self.scripted.get(method) or []
            if queue:
                entry = queue[0]
                entry.times -= 1
                if entry.times <= 0:
                    queue.pop(0)
                return entry.status, entry.body, entry.headers
        n = next(self.counter)
        if method == "respond":
            return 200, {}, {}
        if method == "auth.test":
            return 200, {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": TEAM}, {}
        if method == "users.info":
            user = str(args.get("user"))
            profile = self.users.get(user, {})
            found = {
                "id": user,
                "name": profile.get("name", user.lower()),
                "locale": profile.get("locale", "en-US"),
                "is_bot": False,
                "profile": {"real_name": profile.get("name", user), "email": profile.get("email")},
            }
            return 200, {"ok": True, "user": found}, {}
        if method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": f"G{n:06d}"}}, {}
        if method in ("views.open", "views.update", "views.publish"):
            return 200, {"ok": True, "view": {"id": f"V{n:06d}", "hash": f"h{n}"}}, {}
        if method == "chat.postMessage":
            return 200, {"ok": True, "channel": args.get("channel"), "ts": f"{n}.000100"}, {}
        return 200, {"ok": True}, {}


def _arguments(handler: BaseHTTPRequestHandler, body: bytes) -> dict[str, Any]:
    query = {k: v[-1] for k, v in parse_qs(urlsplit(handler.path).query).items()}
    kind = handler.headers.get("Content-Type", "")
    if "json" in kind and body:
        found: dict[str, Any] = json.loads(body)
        return {**query, **found}
    form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
    for key in ("blocks", "view"):
        if isinstance(form.get(key), str):
            form[key] = json.loads(form[key])
    return {**query, **form}


@contextmanager
def serving() -> Iterator[SlackApi]:
    api = SlackApi()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = urlsplit(self.path).path
            method = "respond" if path.startswith("/respond/") else path.removeprefix("/api/")
            args = _arguments(self, body)
            if method == "respond":
                args["url"] = path
            status, answer, headers = api.answer(method, args)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = _handle
        do_POST = _handle

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
