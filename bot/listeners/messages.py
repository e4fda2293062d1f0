"""Mentions in channels and direct messages, in plain language: answered in the channel (in a
thread for a mention), in the message's language."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.parts import Body, BotParts


def register(app: AsyncApp, parts: BotParts) -> None:
    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    async def answer(body: Body) -> None:
        event = body["event"]
        if event.get("bot_id") or event.get("subtype") or not event.get("user"):
            return  # the bot's own messages, edits and joins are not questions
        turn = await parts.people.turn(str(event["user"]))
        reply, _t = await parts.conversation.message(turn, str(event.get("text") or ""))
        if reply.message is not None:
            await parts.reply(body, reply.message)

    async def direct(body: Body) -> None:
        if (body.get("event") or {}).get("channel_type") == "im":
            await answer(body)

    mention: Any = parts.guarded(answer)
    message: Any = parts.guarded(direct)
    app.event("app_mention")(ack=ack_now, lazy=[mention])
    app.event("message")(ack=ack_now, lazy=[message])
