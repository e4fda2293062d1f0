"""The bot's handlers, whatever carries the conversation (Slack over HTTP or Socket Mode, or
the console): what to answer to a message or a button, the Home tab, the project form. The
Slack listeners and `bot.console` both call these."""

from __future__ import annotations

import logging
from typing import Any

from bot import blocks
from bot.answers import PARTNER_KINDS, Answers, Reply, refusal
from bot.forms import ProjectForms
from bot.introductions import IntroductionFlow, PartnerButton
from bot.turn import Turn
from brain.partners import Need
from services import followups
from services.errors import ServiceError
from services.i18n import Catalogs, Translator
from services.notify import Message
from services.policy import is_secretariat

log = logging.getLogger(__name__)


class Conversation:
    def __init__(
        self,
        answers: Answers,
        flow: IntroductionFlow,
        forms: ProjectForms,
        catalogs: Catalogs,
    ) -> None:
        self.answers = answers
        self.flow = flow
        self.forms = forms
        self.catalogs = catalogs
        self.services = answers.services

    def translator(self, turn: Turn, said: str | None = None) -> Translator:
        return self.catalogs.translator(turn.language(said))

    async def message(self, turn: Turn, text: str) -> tuple[Reply, Translator]:
        """The answer to a message or a command, and the language it is in."""
        query = await self.answers.read(text)
        t = self.translator(turn, query.language)
        return await self.answers.answer(turn.who, query, t), t

    async def action(self, turn: Turn, action_id: str, value: str) -> tuple[Reply, Translator]:
        """The answer to a button (a choice runs its command)."""
        try:
            return await self._action(turn, action_id, value)
        except ServiceError as error:
            t = self.translator(turn, _button_language(value))
            return Reply(refusal(error, t)), t

    async def _action(self, turn: Turn, action_id: str, value: str) -> tuple[Reply, Translator]:
        t = self.translator(turn)
        if action_id == blocks.CHOICE:
            return await self.message(turn, value)
        if action_id in (blocks.INTRODUCE, blocks.DISMISS):
            said = _button_language(value)
            t = self.translator(turn, said)
            if not turn.who.city and not is_secretariat(turn.who.viewer):
                return Reply(blocks.notice(self.answers.not_linked(t))), t
            if action_id == blocks.INTRODUCE:
                return Reply(await self.flow.introduce(turn.who, value, t)), t
            return Reply(await self.flow.dismiss(turn.who, value, t)), t
        if action_id in followups.ACTION_IDS:
            return Reply(await self.flow.follow_up(turn.who, action_id, value, t)), t
        if action_id == blocks.NEW_PROJECT:
            return Reply(None, open_project_form=True), t
        log.warning("no handler for action %s", action_id)
        return Reply(self.answers.unclear(turn.who, t)), t

    async def home(self, turn: Turn) -> dict[str, Any]:
        """The Home tab: the focal point's city at a glance (or, unlinked, what to do)."""
        t = self.translator(turn)
        city, year = turn.who.city, self.services.clock.today().year
        if city is None:
            return blocks.home_view(
                t,
                status=None,
                year=year,
                introductions=(),
                suggestions=None,
                linked=turn.who.linked,
            )
        status = await self.services.cities.status(turn.who.viewer, city)
        introductions = await self.services.cities.open_introductions(city)
        suggestions = await self.services.partners.recommend(city, Need(kinds=PARTNER_KINDS), 3)
        return blocks.home_view(
            t,
            status=status,
            year=year,
            introductions=introductions,
            suggestions=suggestions,
            linked=True,
        )

    def apology(self, turn: Turn | None, reference: str) -> Message:
        t = self.catalogs.translator(turn.language() if turn else None)
        return blocks.notice(
            t.gettext("Sorry, something went wrong on my side (reference {ref}).").format(
                ref=reference
            )
        )


def _button_language(value: str) -> str | None:
    try:
        return PartnerButton.parse(value).language
    except (ValueError, KeyError, TypeError):
        return None
