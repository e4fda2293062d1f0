"""What every listener shares: the conversation, the people, the messenger, and the one error
handler.

Slow work runs after the ack, in bolt's lazy listeners; bolt only logs what fails there, so each
lazy listener runs under `guarded`, which hands any failure to the same handler as bolt's own
`app.error`: the user gets a short apology with a reference id, and the log has the error with
that id. Lazy work is tracked (`pending`) so that shutting down waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.conversation import Conversation
from bot.people import SlackPeople
from bot.turn import Turn
from services.container import Services
from services.notify import Message, Messenger

log = logging.getLogger(__name__)
Body = dict[str, Any]
Lazy = Callable[..., Awaitable[None]]


@dataclass(slots=True)
class BotParts:
    services: Services
    conversation: Conversation
    people: SlackPeople
    messenger: Messenger
    pending: set[asyncio.Task[Any]] = field(default_factory=set)

    async def reply(self, body: Body, message: Message) -> None:
        """Answers where the request came from: its `response_url` (a command, a message
        button), else the channel of the event, else the user's direct conversation."""
        url = response_url(body)
        if url:
            await self.messenger.respond(url, message)
            return
        event = body.get("event") or {}
        if event.get("channel"):
            thread = event.get("thread_ts") or (
                event.get("ts") if event.get("channel_type") != "im" else None
            )
            await self.messenger.post(str(event["channel"]), message, thread=thread)
            return
        user = user_of(body)
        if user:
            await self.messenger.post(user, message)

    async def apologise(self, error: BaseException, body: Body, turn: Turn | None = None) -> None:
        reference = secrets.token_hex(4)
        log.error("bot error (reference %s)", reference, exc_info=error)
        try:
            await self.reply(body, self.conversation.apology(turn, reference))
        except Exception:  # the apology itself failed: the log has both
            log.exception("could not apologise (reference %s)", reference)

    def guarded(self, work: Callable[[Body], Awaitable[None]]) -> Lazy:
        """A lazy listener running `work(body)`, its failures apologised for."""

        async def lazy(body: Body) -> None:
            task = asyncio.current_task()
            if task is not None:
                self.pending.add(task)
            try:
                await work(body)
            except Exception as exc:
                await self.apologise(exc, body)
            finally:
                if task is not None:
                    self.pending.discard(task)

        return lazy

    def later(self, work: Awaitable[Any], body: Body) -> None:
        """Runs `work` after the response, tracked (and its failure apologised for)."""

        async def run() -> None:
            await work

        self.pending.add(asyncio.ensure_future(self.guarded(lambda _body: run())(body)))

    async def drain(self, timeout_s: float = 10.0) -> None:
        """Waits for lazy work still running (at shutdown)."""
        if self.pending:
            await asyncio.wait(set(self.pending), timeout=timeout_s)


def response_url(body: Body) -> str | None:
    if body.get("response_url"):
        return str(body["response_url"])
    urls = body.get("response_urls") or []
    return str(urls[0]["response_url"]) if urls else None


def user_of(body: Body) -> str | None:
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id")) if user.get("id") else None
    if body.get("user_id"):
        return str(body["user_id"])
    event = body.get("event") or {}
    return str(event["user"]) if event.get("user") else None
