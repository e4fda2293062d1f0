"""Opening the project form: a trigger id lives 3 seconds, so a light view opens first and
the form replaces it (`views.update`) once it is built."""

from __future__ import annotations

from bot import blocks
from bot.parts import BotParts
from bot.turn import Turn
from services.i18n import Translator


async def open_project_form(parts: BotParts, turn: Turn, trigger_id: str, t: Translator) -> None:
    if turn.who.city is None:
        await parts.messenger.post(
            turn.who.user, blocks.notice(parts.conversation.answers.not_linked(t))
        )
        return
    opened = await parts.messenger.open_view(trigger_id, blocks.loading_view(t))
    form = await parts.conversation.forms.form(turn, t)
    await parts.messenger.update_view(opened.id, form, opened.hash)
