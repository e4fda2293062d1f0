"""The bot's factory: bolt's `AsyncApp` over the services, with one listener module per kind,
the event ledger in front of them and one error handler.

`build_bot` takes explicit parts (the services, the configuration, a messenger whose HTTP
session the caller owns); `slack_bot` opens that messenger for the life of an `async with`.
Every Web API call (bolt's own `auth.test` included) goes to the configured API URL and waits
out rate limits.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.answers import Answers
from bot.config import BotConfig
from bot.conversation import Conversation
from bot.forms import ProjectForms
from bot.introductions import IntroductionFlow
from bot.language import Classifier, LanguageDetector, load_classifier
from bot.listeners import actions, commands, home, messages, options, views
from bot.parts import Body, BotParts
from bot.people import SlackPeople
from bot.understanding import Reader
from services.container import Services
from services.i18n import Catalogs
from services.notify import Messenger
from services.notify.slack import SlackMessenger, api_base_url, retry_handlers

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SlackBot:
    app: AsyncApp
    parts: BotParts


def build_conversation(
    services: Services,
    messenger: Messenger,
    catalogs: Catalogs | None = None,
    classifier: Classifier | None = None,
) -> Conversation:
    """The handlers every carrier shares (Slack, the console)."""
    catalogs = catalogs or Catalogs.load()
    reader = Reader(LanguageDetector(classifier or load_classifier()))
    return Conversation(
        Answers(services, reader),
        IntroductionFlow(services, messenger, catalogs),
        ProjectForms(services, catalogs),
        catalogs,
    )


def build_bot(
    services: Services,
    config: BotConfig,
    messenger: SlackMessenger,
    *,
    conversation: Conversation | None = None,
) -> SlackBot:
    conversation = conversation or build_conversation(services, messenger)
    parts = BotParts(
        services=services,
        conversation=conversation,
        people=SlackPeople(services, messenger, config.profile_ttl_s),
        messenger=messenger,
    )
    # Bolt's own client (its `auth.test`): one without a shared session, since bolt deep-copies
    # each request, client included, for its lazy listeners.
    client = AsyncWebClient(
        token=config.bot_token or None,
        base_url=api_base_url(config.api_url),
        retry_handlers=retry_handlers(config.max_rate_limit_retries),
    )
    app = AsyncApp(
        # Listeners ack and return: slow work is lazy (or a tracked task), so the response goes
        # out as soon as the ack is made, without bolt polling for it.
        process_before_response=True,
        client=client,
        signing_secret=config.signing_secret,
        logger=logging.getLogger("bot.bolt"),
    )

    async def processed_once(body: Body, next: Any) -> BoltResponse | None:
        """An event Slack sends again (a retry, or twice over Socket Mode) is acked, not
        handled: the first to claim its id in the store handles it."""
        event_id = body.get("event_id")
        if event_id and not await services.events.claim(f"event:{event_id}"):
            log.info("event %s already handled", event_id)
            return BoltResponse(status=200, body="")
        await next()
        return None

    async def on_error(error: Exception, body: Body) -> BoltResponse:
        await parts.apologise(error, body)
        return BoltResponse(status=200, body="")

    app.use(processed_once)
    app.error(on_error)
    for listeners in (commands, messages, actions, views, home, options):
        listeners.register(app, parts)
    return SlackBot(app, parts)


@asynccontextmanager
async def slack_bot(services: Services, config: BotConfig) -> AsyncIterator[SlackBot]:
    """The bot with a messenger of its own, closed (after its lazy work) on exit."""
    async with SlackMessenger.connect(
        config.bot_token, config.api_url, max_rate_limit_retries=config.max_rate_limit_retries
    ) as messenger:
        bot = build_bot(services, config, messenger)
        try:
            yield bot
        finally:
            await bot.parts.drain()
