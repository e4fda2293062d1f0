"""Who is writing, as the network sees them: the Slack user's link to a focal point (made on
first contact by the e-mail Slack verified, when one focal point has it) and the user's locale.
A profile is asked of Slack once per `profile_ttl_s`, not on every message."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.turn import Turn
from services.container import Services
from services.i18n import language_of
from services.notify import Messenger, UserInfo

log = logging.getLogger(__name__)
MAX_PROFILES = 10_000


class SlackPeople:
    def __init__(
        self,
        services: Services,
        messenger: Messenger,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._services = services
        self._messenger = messenger
        self._ttl = ttl_s
        self._clock = clock
        self._profiles: dict[str, tuple[float, UserInfo | None]] = {}

    async def turn(self, user: str) -> Turn:
        who = await self._services.identity.of_chat_user(user)
        profile = await self._profile(user)
        if not who.linked and profile is not None and profile.email and profile.email_confirmed:
            who = await self._services.identity.link_by_email(user, profile.email)
        return Turn(who, language_of(profile.locale) if profile else None)

    async def _profile(self, user: str) -> UserInfo | None:
        now = self._clock()
        cached = self._profiles.get(user)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        try:
            profile: UserInfo | None = await self._messenger.user_info(user)
        except SlackApiError as exc:
            log.warning("no profile for %s: %s", user, exc.response.get("error"))
            profile = None
        if len(self._profiles) >= MAX_PROFILES:
            self._profiles.clear()
        self._profiles[user] = (now, profile)
        return profile
