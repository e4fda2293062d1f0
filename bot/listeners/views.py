"""The project form's submission: written through the same service as the GraphQL mutation
`createProject`, within the 3 seconds of the ack, so that a refusal shows on its field
(`response_action: errors`); the confirmation follows in a message."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import blocks
from bot.parts import Body, BotParts


def register(app: AsyncApp, parts: BotParts) -> None:
    async def submit(ack: AsyncAck, body: Body) -> None:
        user = str(body["user"]["id"])
        turn = await parts.people.turn(user)
        outcome = await parts.conversation.forms.submit(turn, body["view"])
        if outcome.errors:
            await ack(response_action="errors", errors=outcome.errors)
            return
        await ack()
        if outcome.message is not None:
            parts.later(parts.messenger.post(user, outcome.message), body)

    app.view(blocks.PROJECT_MODAL)(submit)
