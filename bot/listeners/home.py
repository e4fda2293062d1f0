"""The App Home tab: the focal point's city at a glance, published when the tab is opened."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.parts import Body, BotParts


def register(app: AsyncApp, parts: BotParts) -> None:
    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    async def publish(body: Body) -> None:
        event = body["event"]
        if event.get("tab", "home") != "home":
            return
        user = str(event["user"])
        turn = await parts.people.turn(user)
        view = await parts.conversation.home(turn)
        await parts.messenger.publish_home(user, view)

    lazy: Any = parts.guarded(publish)
    app.event("app_home_opened")(ack=ack_now, lazy=[lazy])
