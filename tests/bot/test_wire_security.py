"""Slack's rules at the door: a bad signature or a stale timestamp gets 401 and nothing is
done; without a signing secret the hub has no Slack endpoint."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from starlette.testclient import TestClient

from hub.app import create_app
from hub.settings import Settings
from tests.bot.conftest import Slack, signed

COMMAND = urlencode(
    {
        "command": "/uccn",
        "text": "help",
        "user_id": "UCM",
        "response_url": "http://127.0.0.1:9/respond/x",
        "trigger_id": "t",
    }
)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_a_bad_signature_is_refused_and_nothing_is_done(slack: Slack) -> None:
    forged = {**FORM, **signed(COMMAND, secret="not-the-secret")}
    assert slack.client.post("/slack/events", content=COMMAND, headers=forged).status_code == 401
    unsigned = slack.client.post("/slack/events", content=COMMAND, headers=FORM)
    assert unsigned.status_code == 401
    slack.api.settle()
    assert slack.api.calls == []


def test_a_timestamp_over_five_minutes_old_is_refused(slack: Slack) -> None:
    stale = {**FORM, **signed(COMMAND, at=int(time.time()) - 6 * 60)}
    assert slack.client.post("/slack/events", content=COMMAND, headers=stale).status_code == 401
    fresh = {**FORM, **signed(COMMAND, at=int(time.time()) - 4 * 60)}
    assert slack.client.post("/slack/events", content=COMMAND, headers=fresh).status_code == 200


def test_a_body_changed_after_signing_is_refused(slack: Slack) -> None:
    headers = {**FORM, **signed(COMMAND)}
    changed = COMMAND.replace("help", "due")
    assert slack.client.post("/slack/events", content=changed, headers=headers).status_code == 401


def test_slack_s_url_check_is_answered(slack: Slack) -> None:
    body = '{"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}'  # noqa: E501
    answer = slack.post(body, "application/json")
    assert answer.status_code == 200
    assert answer.json()["challenge"].startswith("3eZbrw1a")


def test_no_signing_secret_no_slack_endpoint(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.post("/slack/events", content=COMMAND, headers=FORM).status_code == 404
