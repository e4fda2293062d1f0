"""Options of the project form's searchable selects: SDG targets and partner cities."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import blocks
from bot.parts import Body, BotParts


def register(app: AsyncApp, parts: BotParts) -> None:
    async def targets(ack: AsyncAck, body: Body) -> None:
        found = await parts.conversation.forms.target_options(str(body.get("value") or ""))
        await ack(options=found)

    async def cities(ack: AsyncAck, body: Body) -> None:
        found = await parts.conversation.forms.city_options(str(body.get("value") or ""))
        await ack(options=found)

    app.options(blocks.TARGET_OPTIONS)(targets)
    app.options(blocks.CITY_OPTIONS)(cities)
