"""Buttons: a partner's "Introduce us" and "Not relevant", the "did you connect?" answers
(`services.followups`), a clarifying reply's choices, and "Register a pilot project"."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.listeners.forms import open_project_form
from bot.parts import Body, BotParts

ACTIONS = re.compile(r"^uccn_(?!city_options$|target_options$)")


def register(app: AsyncApp, parts: BotParts) -> None:
    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    async def act(body: Body) -> None:
        action = body["actions"][0]
        turn = await parts.people.turn(str(body["user"]["id"]))
        reply, t = await parts.conversation.action(
            turn, str(action["action_id"]), str(action.get("value") or "")
        )
        if reply.open_project_form:
            await open_project_form(parts, turn, str(body["trigger_id"]), t)
        elif reply.message is not None:
            await parts.reply(body, reply.message)

    lazy: Any = parts.guarded(act)
    app.action(ACTIONS)(ack=ack_now, lazy=[lazy])
