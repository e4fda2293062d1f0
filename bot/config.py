"""What the bot is configured with, built by the composition root from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from services.notify.slack import SLACK_API_URL


@dataclass(frozen=True, slots=True)
class BotConfig:
    bot_token: str
    signing_secret: str
    api_url: str = SLACK_API_URL  # tests and air-gapped installs point it at a local server
    app_token: str | None = None  # Socket Mode only
    max_rate_limit_retries: int = 5
    profile_ttl_s: float = 600.0  # how long a user's Slack profile (locale, e-mail) is reused
