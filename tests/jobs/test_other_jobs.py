"""Contribution notes, introduction follow-ups and the network calendar, over time."""

from __future__ import annotations

import datetime as dt

from graph.dataset import GraphData
from graph.store import GraphStore
from jobs.calendar import network_calendar
from jobs.contributions import contribution_reminders
from jobs.followups import introduction_follow_ups
from services.clock import FixedClock
from services.followups import ACTION_IDS
from tests.bot.slack_api import SlackApi
from tests.jobs.conftest import NOTICE_CHANNEL, SECRETARIAT_EMAIL, Runner
from tests.jobs.mailbox import Mailbox

CM_EMAIL = "somchai@cm.example.org"
LYON_EMAIL = "claire@lyon.example.org"
# Daytime in Bangkok, then in Bogotá: no hour is daytime in both.
TWICE_A_DAY = (dt.time(3), dt.time(15))


def daily(start: str, end: str, times: tuple[dt.time, ...] = (dt.time(12),)) -> list[FixedClock]:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return [
        FixedClock(dt.datetime.combine(first + dt.timedelta(days=n), at, tzinfo=dt.UTC))
        for n in range(0, (last - first).days + 1, 2)
        for at in times
    ]


async def contribute(store: GraphStore, city: str, year: int, amount: float) -> None:
    data = GraphData()
    data.add_node(
        "Contribution", {"id": f"{city}:{year}", "year": year, "amount": amount, "currency": "USD"}
    )
    data.add_link("Contribution-CONTRIBUTION_OF-City", f"{city}:{year}", city)
    await store.write_data(data)


async def test_a_year_of_contribution_notes_never_more_than_one_a_quarter(
    runner: Runner, mailbox: Mailbox, jobs_store: GraphStore
) -> None:
    for clock in daily("2027-01-01", "2027-03-31"):
        async with runner.at(clock) as ctx:
            await contribution_reminders(ctx)
    await contribute(jobs_store, "lyon", 2027, 3000.0)  # Lyon gives in April
    for clock in daily("2027-04-01", "2027-12-31"):
        async with runner.at(clock) as ctx:
            await contribution_reminders(ctx)
    chiang_mai = [
        str(k).rsplit(":", 2)[0] for k in mailbox.idempotency_keys() if ":chiang-mai:" in k
    ]
    assert chiang_mai == ["contribution:chiang-mai:2027-Q1", "contribution:chiang-mai:2027-Q3"]
    lyon = [str(k).rsplit(":", 2)[0] for k in mailbox.idempotency_keys() if ":lyon:" in k]
    assert lyon == ["contribution:lyon:2027-Q1", "contribution-thanks:lyon:2027"]  # no mid-year
    [thanks] = [m for m in mailbox.to(LYON_EMAIL) if "thanks" in str(m["X-UCCN-Key"])]
    assert thanks["Content-Language"] == "fr"
    assert "Merci" in str(thanks["Subject"])


async def add_introduction(store: GraphStore, asking: str, partner: str, day: str) -> str:
    intro = f"{asking}:{partner}:{day}"
    data = GraphData()
    data.add_node(
        "Introduction",
        {"id": intro, "status": "requested", "partner_kind": "city", "requested_date": day},
    )
    data.add_link("Introduction-REQUESTED_BY-City", intro, asking)
    data.add_link("Introduction-TO_CITY-City", intro, partner)
    await store.write_data(data)
    return intro


async def test_an_introduction_is_followed_up_at_14_and_30_days_then_closed_as_no_answer(
    runner: Runner, mailbox: Mailbox, slack_api: SlackApi, jobs_store: GraphStore
) -> None:
    intro = await add_introduction(jobs_store, "chiang-mai", "bogota", "2027-03-01")
    for clock in daily("2027-03-01", "2027-05-01", TWICE_A_DAY):
        async with runner.at(clock) as ctx:
            await introduction_follow_ups(ctx)
    asked = [k for k in mailbox.idempotency_keys() if k.startswith("followup:")]
    assert asked == [
        f"followup:{intro}:14:chiang-mai:cm-somchai:email",
        f"followup:{intro}:30:chiang-mai:cm-somchai:email",
    ]
    dms = slack_api.of("chat.postMessage")
    assert sorted(c.args["channel"] for c in dms) == ["UBOG", "UBOG", "UCM", "UCM"]
    buttons = [e for b in dms[0].args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert tuple(b["action_id"] for b in buttons) == ACTION_IDS  # the bot answers them
    assert {b["value"] for b in buttons} == {intro}
    thai = next(c for c in dms if c.args["channel"] == "UCM")
    assert thai.args["text"].startswith("คุณ")  # Somchai reads Thai
    status = await jobs_store.get("Introduction", intro)
    assert status is not None
    assert status["status"] == "no-answer"


async def test_the_network_calendar_tells_the_secretariat_once_per_event(
    runner: Runner, mailbox: Mailbox, slack_api: SlackApi
) -> None:
    for clock in daily("2026-12-20", "2027-07-15"):
        async with runner.at(clock) as ctx:
            await network_calendar(ctx)
    keys = [k.removesuffix(":secretariat:email") for k in mailbox.idempotency_keys()]
    # 2027: a call year (odd years since 2015), not a Steering Group rotation (even years).
    assert keys == [
        "calendar:host-candidatures-open:2027",
        "calendar:call-opens:2027",
        "calendar:host-candidatures-close:2027",
        "calendar:host-ranking:2027",
        "calendar:call-closes:2027",
    ]
    assert len(mailbox.to(SECRETARIAT_EMAIL)) == len(keys)
    posted = [c for c in slack_api.of("chat.postMessage") if c.args["channel"] == NOTICE_CHANNEL]
    assert len(posted) == len(keys)
