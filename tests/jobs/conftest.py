"""The jobs against real parts: the real network's cities in the embedded FalkorDB with a few
focal points, a real SMTP server (aiosmtpd) and the bot's local Slack Web API stand-in.

Focal points: Chiang Mai (designated 2017; Thai, Bangkok), Lyon (2008; French, Paris, e-mail
only), Kanazawa (2009; English, Tokyo: at noon UTC it is night there), Bogotá (2012; Spanish,
Bogotá, Slack only). Their reports fall due on the 30th of November every four years from
designation: Chiang Mai 2025 and 2029, Lyon 2024 and 2028, Kanazawa 2025 and 2029, Bogotá 2024
and 2028.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from pydantic import SecretStr

from graph.dataset import GraphData
from graph.store import GraphStore
from hub.bootstrap import build_services, job_context, open_store
from hub.settings import SchedulerMode, Settings
from jobs.context import JobContext
from services.clock import Clock, FixedClock
from services.reference.loading import load_reference
from tests.bot.slack_api import SlackApi, serving
from tests.jobs.mailbox import Mailbox, smtp_server

SECRETARIAT_EMAIL = "secretariat@uccn.example.org"
DIGEST_CHANNEL = "CDIGEST"
NOTICE_CHANNEL = "CNOTICES"

FOCAL_POINTS = [
    # id, city, name, language, timezone, email, slack user
    ("cm-somchai", "chiang-mai", "Somchai", "th", "Asia/Bangkok", "somchai@cm.example.org", "UCM"),
    ("lyon-claire", "lyon", "Claire", "fr", "Europe/Paris", "claire@lyon.example.org", None),
    ("kz-aiko", "kanazawa", "Aiko", "en", "Asia/Tokyo", "aiko@kanazawa.example.org", None),
    ("bog-lucia", "bogota", "Lucía", "es", "America/Bogota", None, "UBOG"),
]


def focal_points() -> GraphData:
    data = GraphData()
    for fp, city, name, language, zone, email, slack in FOCAL_POINTS:
        props = {"id": fp, "name": name, "language": language, "timezone": zone}
        if email:
            props["email"] = email
        if slack:
            props["slack_user_id"] = slack
        data.add_node("FocalPoint", props)
        data.add_link("FocalPoint-REPRESENTS-City", fp, city)
    return data


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture
def slack_api() -> Iterator[SlackApi]:
    with serving() as api:
        yield api


@pytest.fixture
async def jobs_settings(
    settings: Settings, mailbox: Mailbox, slack_api: SlackApi, tmp_path: Path
) -> Settings:
    """The test's graph holding the real cities and the focal points; SMTP and Slack local."""
    store = await open_store(settings)
    try:
        await store.setup_schema()
        await load_reference(store)
        await store.write_data(focal_points())
    finally:
        await store.close()
    return settings.model_copy(
        update={
            "scheduler": SchedulerMode.OFF,
            "smtp_host": mailbox.host,
            "smtp_port": mailbox.port,
            "smtp_starttls": False,
            "mail_from": "UCCN Hub <hub@uccn.example.org>",
            "slack_bot_token": SecretStr("xoxb-test-token"),
            "slack_api_url": slack_api.api_url,
            "secretariat_email": SECRETARIAT_EMAIL,
            "digest_channel": DIGEST_CHANNEL,
            "secretariat_channel": NOTICE_CHANNEL,
            "delivery_backoff_s": 0.0,
            "digest_archive_dir": tmp_path / "digests",
        }
    )


@pytest.fixture
async def jobs_store(jobs_settings: Settings) -> AsyncIterator[GraphStore]:
    store = await open_store(jobs_settings)
    try:
        yield store
    finally:
        await store.close()


class Runner:
    """Runs jobs over one store with the clock set to any moment: time travel."""

    def __init__(self, store: GraphStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @asynccontextmanager
    async def at(self, clock: Clock, *, dry_run: bool = False) -> AsyncIterator[JobContext]:
        services = build_services(self.store, self.settings, clock)
        async with job_context(services, self.settings, dry_run=dry_run) as ctx:
            yield ctx

    def on(self, day: str) -> FixedClock:
        import datetime as dt

        return FixedClock.on(dt.date.fromisoformat(day))


@pytest.fixture
def runner(jobs_store: GraphStore, jobs_settings: Settings) -> Runner:
    return Runner(jobs_store, jobs_settings)
