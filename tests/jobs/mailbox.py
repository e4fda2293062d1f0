"""A real SMTP server on 127.0.0.1 (aiosmtpd), standing in for the hub's mail relay: it keeps
every message it accepts, and can be told to refuse the next few."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass(slots=True)
class Mailbox:
    host: str = "127.0.0.1"
    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    refuse: int = 0  # refuse this many messages next (554)
    delay_s: float = 0.0  # wait this long before accepting each message
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "554 Transaction failed (refused by the test)"
            raw = envelope.original_content or envelope.content
            parsed = message_from_bytes(raw, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def idempotency_keys(self) -> list[str]:
        with self.lock:
            # A long key is folded onto a line of its own: unfolded, it starts with a space.
            return [str(m["X-UCCN-Key"]).strip() for m in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox(port=free_port())
    controller = Controller(mailbox, hostname=mailbox.host, port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
