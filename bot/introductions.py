"""What the partner buttons and the follow-up buttons do.

"Introduce us" records the introduction through `Introductions.request` (one per asking city,
partner and day, so a second click finds the first), then opens one group conversation with
the person who clicked and both cities' linked focal points and posts why they were matched.
Opening and posting happen once per introduction, whoever clicks and however often: the
introduction's id is claimed in the event ledger first. "Not relevant" dismisses the partner for
the need; the follow-up answers ("did you connect?") update the introduction's status.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from bot import blocks
from bot.answers import need_of
from brain.reasons import Reason
from services import followups
from services.container import Services
from services.i18n import Catalogs, Translator
from services.identity import ChatIdentity
from services.introductions import Dismissal, IntroductionRequest
from services.notify import Message, Messenger

log = logging.getLogger(__name__)
MAX_TRANSLATIONS = 3  # the introduction is posted in at most this many languages


@dataclass(frozen=True, slots=True)
class PartnerButton:
    city: str
    partner: str
    need_key: str
    language: str | None
    reasons: tuple[Reason, ...]

    @classmethod
    def parse(cls, value: str) -> PartnerButton:
        data: dict[str, Any] = json.loads(value)
        reasons = tuple(
            Reason(str(code), str(text), {str(k): str(v) for k, v in dict(params).items()})
            for code, text, params in data.get("r", [])
        )
        return cls(
            str(data["c"]), str(data["p"]), str(data.get("n", "any")), data.get("l"), reasons
        )


class IntroductionFlow:
    def __init__(self, services: Services, messenger: Messenger, catalogs: Catalogs) -> None:
        self.services = services
        self.messenger = messenger
        self.catalogs = catalogs

    async def introduce(self, who: ChatIdentity, value: str, t: Translator) -> Message:
        button = PartnerButton.parse(value)
        request = IntroductionRequest(
            city=button.city,
            partner=button.partner,
            partner_kind="city",
            need=need_of(button.need_key),
            note=None,
        )
        props = await self.services.introductions.request(who.viewer, request)
        introduction = str(props.get("id") or f"{button.city}:{button.partner}")
        names = {
            c.id: c.name
            for c in await self.services.directory.city_cards([button.city, button.partner])
        }
        asking, partner = (
            names.get(button.city, button.city),
            names.get(button.partner, button.partner),
        )
        if not await self.services.events.claim(f"introduction:{introduction}"):
            return blocks.notice(
                t.gettext("You already asked to meet {partner}: see your conversation.").format(
                    partner=partner
                )
            )
        theirs = await self.services.identity.contacts(button.partner)
        ours = await self.services.identity.contacts(button.city)
        people = [who.user, *(c.slack_user for c in [*ours, *theirs] if c.slack_user)]
        members = list(dict.fromkeys(p for p in people if p))
        channel = await self.messenger.open_conversation(members)
        languages = [t.language, *(c.language for c in theirs if c.language)]
        for language in list(dict.fromkeys(languages))[:MAX_TRANSLATIONS]:
            said_in = t if language == t.language else self.catalogs.translator(language)
            if said_in.language != language:  # a language the hub does not speak
                continue
            await self.messenger.post(
                channel, blocks.introduction_message(asking, partner, button.reasons, said_in)
            )
        if not any(c.slack_user for c in theirs):
            return blocks.notice(
                t.gettext(
                    "Introduction to {partner} recorded. Its focal point is not on Slack yet: "
                    "the secretariat will pass it on."
                ).format(partner=partner)
            )
        return blocks.notice(
            t.gettext(
                "Introduction to {partner} recorded: I opened a conversation with its focal point."
            ).format(partner=partner)
        )

    async def dismiss(self, who: ChatIdentity, value: str, t: Translator) -> Message:
        button = PartnerButton.parse(value)
        await self.services.introductions.dismiss(
            who.viewer,
            Dismissal(button.city, button.partner, "city", need_of(button.need_key)),
        )
        names = {c.id: c.name for c in await self.services.directory.city_cards([button.partner])}
        return blocks.notice(
            t.gettext("Noted: {partner} will not be proposed again for this.").format(
                partner=names.get(button.partner, button.partner)
            )
        )

    async def follow_up(
        self, who: ChatIdentity, action_id: str, introduction: str, t: Translator
    ) -> Message:
        status = followups.ANSWERS[action_id]
        if status is not None:
            await self.services.introductions.update(who.viewer, introduction, status)
        return blocks.notice(followups.answer_recorded(status, t))
