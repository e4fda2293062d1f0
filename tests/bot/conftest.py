"""The bot at the wire: the real hub (its ASGI app, its lifespan, the embedded FalkorDB holding
the real cities and the demo layer), signed Slack requests posted into it, and a local server
standing in for the Slack Web API that records what the bot sends.

Slack users of the tests: `UCM` speaks for Chiang Mai (linked by the secretariat), `UBOG` for
Bogotá, `USEC` is the secretariat, `UPHUKET` has the verified e-mail of Phuket's focal point
(linked on first contact), `UANON` is linked to nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from pydantic import SecretStr
from starlette.testclient import TestClient

from graph.store import GraphStore
from hub.app import create_app
from hub.bootstrap import open_store
from hub.settings import Settings
from services.container import Services
from services.policy import SECRETARIAT
from services.reference.dataset import load_reference_data
from services.reference.loading import load_reference
from services.synth.demo import demo_layer
from tests.bot.slack_api import SlackApi, serving

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
PHUKET_EMAIL = "kenji.kogaban@phuket.example.org"


@pytest.fixture
def slack_api() -> Iterator[SlackApi]:
    with serving() as api:
        api.users.update(
            {
                "UCM": {"name": "Somchai", "locale": "en-US"},
                "UBOG": {"name": "Lucia", "locale": "es-ES"},
                "USEC": {"name": "Secretariat", "locale": "fr-FR"},
                "UPHUKET": {"name": "Kenji", "locale": "th-TH", "email": PHUKET_EMAIL},
                "UANON": {"name": "Visitor", "locale": "en-GB"},
            }
        )
        yield api


async def load_demo(store: GraphStore) -> None:
    await load_reference(store)
    await store.write_data(demo_layer(load_reference_data()))
    services = Services(store)
    await services.identity.link(SECRETARIAT, "UCM", "chiang-mai", name="Somchai Test")
    await services.identity.link(SECRETARIAT, "UBOG", "bogota", name="Lucia Test", language="es")
    await services.identity.link_secretariat(SECRETARIAT, "USEC", "Secretariat Test")


@pytest.fixture
async def bot_settings(settings: Settings, slack_api: SlackApi) -> Settings:
    """The test's graph with the real data, the demo layer and the Slack users linked; the
    hub's settings pointing the bot at the local Slack API."""
    store = await open_store(settings)
    try:
        await store.setup_schema()
        await load_demo(store)
    finally:
        await store.close()
    return settings.model_copy(
        update={
            "slack_signing_secret": SecretStr(SIGNING_SECRET),
            "slack_bot_token": SecretStr("xoxb-test-token"),
            "slack_api_url": slack_api.api_url,
        }
    )


def signed(body: str, *, secret: str = SIGNING_SECRET, at: int | None = None) -> dict[str, str]:
    """Slack's request signature (v0): HMAC-SHA256 of `v0:<timestamp>:<body>`."""
    timestamp = str(at if at is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest.hexdigest()}"}


@dataclass(slots=True)
class Slack:
    """Slack's side of the conversation: what it would post to `/slack/events`."""

    client: TestClient
    api: SlackApi
    settings: Settings
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def graph[T](self, read: Callable[[Services], Awaitable[T]]) -> T:
        """Runs `read` over services of a store of its own, on the app's event loop."""

        async def run() -> T:
            store = await open_store(self.settings)
            try:
                return await read(Services(store))
            finally:
                await store.close()

        portal = self.client.portal
        assert portal is not None
        return portal.call(run)

    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            "/slack/events",
            content=body,
            headers={"Content-Type": content_type, **signed(body), **(headers or {})},
        )

    def command(self, text: str, user: str = "UCM") -> str:
        """Sends `/uccn text`; the response_url the answer will come to."""
        n = next(self.ids)
        url = self.api.response_url(f"cmd{n}")
        body = urlencode(
            {
                "token": "legacy",
                "team_id": "T0UCCN",
                "channel_id": "C0GENERAL",
                "user_id": user,
                "command": "/uccn",
                "text": text,
                "response_url": url,
                "trigger_id": f"trigger.{n}",
            }
        )
        response = self.post(body, "application/x-www-form-urlencoded")
        assert response.status_code == 200, response.text
        return f"/respond/cmd{n}"

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> Any:
        payload = {
            "token": "legacy",
            "team_id": "T0UCCN",
            "api_app_id": "A0UCCN",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self.ids):08d}",
            "event_time": int(time.time()),
            "event": event,
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(
            json.dumps(payload), "application/json", headers if retry is not None else None
        )

    def dm(self, text: str, user: str = "UCM", **kwargs: Any) -> Any:
        n = next(self.ids)
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": f"D{user}",
            "user": user,
            "text": text,
            "ts": f"{1700000000 + n}.000200",
        }
        return self.event(event, **kwargs)

    def interact(self, payload: dict[str, Any]) -> Any:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded")

    def click(
        self,
        button: dict[str, Any],
        user: str = "UCM",
        *,
        from_home: bool = False,
    ) -> str | None:
        """Presses a button the bot sent; the response_url its answer will come to."""
        n = next(self.ids)
        url = None if from_home else self.api.response_url(f"act{n}")
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": "T0UCCN"},
            "user": {"id": user},
            "api_app_id": "A0UCCN",
            "trigger_id": f"trigger.{n}",
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": "b",
                    "value": button.get("value", ""),
                    "action_ts": f"{1700000000 + n}.1",
                }
            ],
        }
        if url:
            payload["response_url"] = url
            payload["container"] = {"type": "message", "message_ts": "1.1"}
        else:
            payload["view"] = {"id": "VHOME", "type": "home"}
        response = self.interact(payload)
        assert response.status_code == 200, response.text
        return f"/respond/act{n}" if url else None

    def answers(self, path: str) -> dict[str, Any]:
        """The answer that came to a response_url (waits for it)."""
        found = [c for c in self.api.wait_for_respond(path)]
        return found[-1].args


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def text_of(message: dict[str, Any]) -> str:
    """Everything a person reads in a message or a view (its blocks; its text without them)."""
    parts = [] if message.get("blocks") else [str(message.get("text", ""))]
    for block in message.get("blocks", []):
        if "text" in block:
            parts.append(str(block["text"].get("text", "")))
        for element in block.get("elements", []):
            if isinstance(element.get("text"), dict):
                parts.append(str(element["text"].get("text", "")))
            elif "text" in element:
                parts.append(str(element["text"]))
    return "\n".join(parts)


@pytest.fixture
def slack(bot_settings: Settings, slack_api: SlackApi) -> Iterator[Slack]:
    with TestClient(create_app(bot_settings)) as client:
        yield Slack(client, slack_api, bot_settings)
