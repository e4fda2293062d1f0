"""The `/uccn` slash command: acked at once, answered through its `response_url`."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.listeners.forms import open_project_form
from bot.parts import Body, BotParts

COMMAND = "/uccn"


def register(app: AsyncApp, parts: BotParts) -> None:
    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    async def answer(body: Body) -> None:
        turn = await parts.people.turn(str(body["user_id"]))
        reply, t = await parts.conversation.message(turn, str(body.get("text") or "help"))
        if reply.open_project_form:
            await open_project_form(parts, turn, str(body["trigger_id"]), t)
        elif reply.message is not None:
            await parts.reply(body, reply.message)

    lazy: Any = parts.guarded(answer)
    app.command(COMMAND)(ack=ack_now, lazy=[lazy])
