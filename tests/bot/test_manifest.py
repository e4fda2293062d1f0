"""The app manifest asks for what the bot uses: its command, events, interactivity and the
scopes of every Web API method it calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import bot
from bot.listeners.commands import COMMAND
from hub.slack_route import SLACK_PATH

MANIFEST = Path(bot.__file__).parent / "manifest.yml"


def test_the_manifest_matches_the_bot() -> None:
    manifest: dict[str, Any] = yaml.safe_load(MANIFEST.read_text())
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == [COMMAND]
    assert features["slash_commands"][0]["url"].endswith(SLACK_PATH)
    assert features["app_home"]["home_tab_enabled"] is True
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "app_mention",
        "message.im",
    }
    assert settings["interactivity"]["is_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    # chat.postMessage, conversations.open (group DMs), users.info with the verified e-mail.
    assert {"chat:write", "commands", "im:write", "mpim:write", "users:read"} <= scopes
    assert "users:read.email" in scopes
