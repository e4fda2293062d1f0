"""The Slack Web API adapter of the delivery port: `slack_sdk`'s AsyncWebClient on the
configured base URL (Slack's, or a local server in tests and air-gapped installs).

Rate limits are waited out, not dropped: a 429 is retried after its `Retry-After` seconds, up to
`max_rate_limit_retries` times; a connection that failed before any answer is retried twice.
Other failures raise (`SlackApiError`, `SlackDeliveryError`) for the caller's error handler;
a server error is not retried, since the message may have been posted already.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from services.notify.port import Message, OpenedView, UserInfo

SLACK_API_URL = "https://slack.com/api/"
MAX_RETRY_AFTER_S = 120.0  # longer than any wait Slack asks for on a posting method


class SlackDeliveryError(Exception):
    """Slack did not take a `response_url` answer."""


class WaitOutRateLimits(AsyncRetryHandler):
    """Retries a 429 after exactly the `Retry-After` Slack gave (1 s when it gave none)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code == 429

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        await asyncio.sleep(retry_after(response))
        state.increment_current_attempt()


def retry_after(response: HttpResponse | None) -> float:
    """Seconds a 429 asks to wait, bounded; 1 when it does not say."""
    headers = response.headers if response is not None else {}
    for name, values in headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return min(max(float(values[0]), 0.0), MAX_RETRY_AFTER_S)
            except ValueError:
                break
    return 1.0


def retry_handlers(max_rate_limit_retries: int) -> list[AsyncRetryHandler]:
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        WaitOutRateLimits(max_retry_count=max_rate_limit_retries),
    ]


def api_base_url(url: str) -> str:
    return url if url.endswith("/") else f"{url}/"


class SlackMessenger:
    """The port over the Slack Web API, with one HTTP session (opened by `connect`)."""

    def __init__(
        self,
        token: str,
        api_url: str,
        session: aiohttp.ClientSession,
        *,
        max_rate_limit_retries: int = 5,
    ) -> None:
        self._session = session
        self._handlers = retry_handlers(max_rate_limit_retries)
        self.client = AsyncWebClient(
            token=token or None,
            base_url=api_base_url(api_url),
            session=session,
            retry_handlers=self._handlers,
        )

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, token: str, api_url: str = SLACK_API_URL, *, max_rate_limit_retries: int = 5
    ) -> AsyncIterator[SlackMessenger]:
        """A messenger whose HTTP session lives as long as the `async with`."""
        async with aiohttp.ClientSession() as session:
            yield cls(token, api_url, session, max_rate_limit_retries=max_rate_limit_retries)

    async def post(self, channel: str, message: Message, *, thread: str | None = None) -> str:
        extra: dict[str, Any] = {"thread_ts": thread} if thread else {}
        answer = await self.client.chat_postMessage(
            channel=channel, unfurl_links=False, **message.payload(), **extra
        )
        return str(answer.get("ts", ""))

    async def post_ephemeral(self, channel: str, user: str, message: Message) -> None:
        await self.client.chat_postEphemeral(channel=channel, user=user, **message.payload())

    async def respond(
        self, response_url: str, message: Message, *, replace_original: bool = False
    ) -> None:
        hook = AsyncWebhookClient(
            url=response_url, session=self._session, retry_handlers=self._handlers
        )
        body = {**message.payload(), "replace_original": replace_original}
        if not replace_original:
            body["response_type"] = "ephemeral"
        answer = await hook.send_dict(body)
        if answer.status_code != 200:
            raise SlackDeliveryError(f"response_url answered {answer.status_code}: {answer.body}")

    async def open_conversation(self, users: Sequence[str]) -> str:
        answer = await self.client.conversations_open(users=list(users))
        channel: dict[str, Any] = answer["channel"]
        return str(channel["id"])

    async def publish_home(self, user: str, view: dict[str, Any]) -> None:
        await self.client.views_publish(user_id=user, view=view)

    async def open_view(self, trigger_id: str, view: dict[str, Any]) -> OpenedView:
        answer = await self.client.views_open(trigger_id=trigger_id, view=view)
        return _opened(answer.get("view"))

    async def update_view(
        self, view_id: str, view: dict[str, Any], view_hash: str | None = None
    ) -> OpenedView:
        extra = {"hash": view_hash} if view_hash else {}
        answer = await self.client.views_update(view_id=view_id, view=view, **extra)
        return _opened(answer.get("view"))

    async def user_info(self, user: str) -> UserInfo:
        answer = await self.client.users_info(user=user, include_locale=True)
        found: dict[str, Any] = answer["user"]
        profile: dict[str, Any] = found.get("profile") or {}
        return UserInfo(
            id=str(found.get("id", user)),
            name=profile.get("real_name") or found.get("real_name") or found.get("name"),
            email=profile.get("email"),
            # Slack only gives an address it confirmed; an explicit `false` is still honoured.
            email_confirmed=bool(profile.get("email")) and found.get("is_email_confirmed", True),
            locale=found.get("locale"),
            is_bot=bool(found.get("is_bot")),
        )


def _opened(view: Any) -> OpenedView:
    view = view or {}
    return OpenedView(id=str(view.get("id", "")), hash=view.get("hash"))
