"""Monitoring report reminders over the real network's calendar: who gets what, when, once."""

from __future__ import annotations

import datetime as dt

from jobs.reports import report_reminders
from services.clock import FixedClock
from services.delivery.ledger import FAILED, SENT
from tests.bot.slack_api import SlackApi
from tests.jobs.conftest import NOTICE_CHANNEL, SECRETARIAT_EMAIL, Runner
from tests.jobs.mailbox import Mailbox

CM_EMAIL = "somchai@cm.example.org"
LYON_EMAIL = "claire@lyon.example.org"
KZ_EMAIL = "aiko@kanazawa.example.org"


def days(start: str, end: str, step: int) -> list[dt.date]:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def keys_of(mailbox: Mailbox, address: str) -> list[str]:
    return [str(m["X-UCCN-Key"]).strip() for m in mailbox.to(address)]


async def test_two_years_of_sweeps_remind_every_focal_point_of_each_stage_once_in_order(
    runner: Runner, mailbox: Mailbox, slack_api: SlackApi
) -> None:
    # Swept every third day from May 2028 to April 2030, alternately at 02:00 and 14:00 UTC
    # (no hour is daytime in Paris, Bogotá, Bangkok and Tokyo at once): Lyon's and Bogotá's
    # reports of 2028, Chiang Mai's and Kanazawa's of 2029. The hub is up on hardly any stage's
    # own day, and each recipient is asleep on half the sweeps.
    for n, day in enumerate(days("2028-05-01", "2030-04-30", 3)):
        hour = 2 if n % 2 else 14
        moment = dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)
        async with runner.at(FixedClock(moment)) as ctx:
            await report_reminders(ctx)
    every_stage = ["-180", "-90", "-30", "-7", "30"]
    for address, city, cycle in (
        (LYON_EMAIL, "lyon", "2028"),
        (CM_EMAIL, "chiang-mai", "2029"),
        (KZ_EMAIL, "kanazawa", "2029"),
    ):
        keys = keys_of(mailbox, address)
        assert [k.split(":")[1:3] for k in keys] == [[city, cycle]] * 5
        assert [k.split(":")[3] for k in keys] == every_stage
    for user, name in (("UBOG", "Bogota"), ("UCM", "Chiang Mai")):
        dms = [c for c in slack_api.of("chat.postMessage") if c.args["channel"] == user]
        assert len(dms) == 5, user
        assert all(str(c.args["text"]).startswith(name) for c in dms)
    # The secretariat heard of each of the four missing reports once, 90 days after.
    notices = [k for k in keys_of(mailbox, SECRETARIAT_EMAIL) if k.startswith("report-notice:")]
    for missing in ("lyon:2028", "bogota:2028", "chiang-mai:2029", "kanazawa:2029"):
        assert notices.count(f"report-notice:{missing}:secretariat:email") == 1
    posted = [c for c in slack_api.of("chat.postMessage") if c.args["channel"] == NOTICE_CHANNEL]
    assert len(posted) == len(notices)
    assert len(set(mailbox.idempotency_keys())) == len(mailbox.messages)  # nothing twice


async def test_a_hub_down_on_the_day_reminds_once_with_the_latest_stage(
    runner: Runner, mailbox: Mailbox
) -> None:
    # Lyon (2008): due 30 November 2028. Down from May to 1 November: the 180- and 90-day
    # notes are past, the 30-day one goes, once; never a stale 180-day one after it.
    for day in ("2028-05-20", "2028-11-01", "2028-11-02", "2028-11-20"):
        async with runner.at(runner.on(day)) as ctx:
            await report_reminders(ctx)
    assert keys_of(mailbox, LYON_EMAIL) == ["report:lyon:2028:-30:lyon-claire:email"]
    [mail] = mailbox.to(LYON_EMAIL)
    assert "Lyon" in str(mail["Subject"])
    assert mail["Content-Language"] == "fr"
    assert mail.get_body(("plain",)) is not None
    assert mail.get_body(("html",)) is not None


async def test_quiet_hours_hold_a_reminder_until_day_comes_where_the_recipient_is(
    runner: Runner, mailbox: Mailbox
) -> None:
    # Kanazawa (2009): due 30 November 2029; 180 days before is 3 June. Noon UTC is 21:00 in
    # Tokyo: held. 03:00 UTC is noon there: sent.
    night = FixedClock(dt.datetime(2029, 6, 3, 12, 0, tzinfo=dt.UTC))
    async with runner.at(night) as ctx:
        report = await report_reminders(ctx)
    assert keys_of(mailbox, KZ_EMAIL) == []
    assert any("held for quiet hours" in line for line in report.lines)
    day = FixedClock(dt.datetime(2029, 6, 4, 3, 0, tzinfo=dt.UTC))
    async with runner.at(day) as ctx:
        await report_reminders(ctx)
    assert keys_of(mailbox, KZ_EMAIL) == ["report:kanazawa:2029:-180:kz-aiko:email"]


async def test_a_second_run_sends_nothing_again(runner: Runner, mailbox: Mailbox) -> None:
    clock = runner.on("2028-11-05")
    async with runner.at(clock) as ctx:
        first = await report_reminders(ctx)
    assert first.outcome is not None
    mails = [o for o in first.outcome.sent if o.channel == "email"]
    assert len(mails) == len(mailbox.messages) > 0
    async with runner.at(clock) as ctx:
        second = await report_reminders(ctx)
    assert len(mailbox.messages) == len(mails)
    assert second.outcome is not None
    assert second.outcome.sent == []
    assert len(second.outcome.already) == len(first.outcome.sent)


async def test_a_refused_delivery_is_retried_recorded_and_never_stops_the_others(
    runner: Runner, mailbox: Mailbox
) -> None:
    clock = runner.on("2028-11-05")  # Lyon's 30-day note by e-mail; Bogotá's by Slack
    mailbox.refuse = 1  # the first attempt is refused, the retry goes
    async with runner.at(clock) as ctx:
        report = await report_reminders(ctx)
    assert keys_of(mailbox, LYON_EMAIL) == ["report:lyon:2028:-30:lyon-claire:email"]
    assert report.outcome is not None
    assert report.outcome.failed == []
    ledger = runner.store
    async with runner.at(clock) as ctx:
        states = await ctx.services.deliveries.states(["report:lyon:2028:-30:lyon-claire:email"])
    assert states == {"report:lyon:2028:-30:lyon-claire:email": SENT}
    assert ledger is not None


async def test_a_delivery_that_fails_every_attempt_is_failed_then_sent_by_a_later_run(
    runner: Runner, mailbox: Mailbox, slack_api: SlackApi
) -> None:
    key = "report:lyon:2028:-30:lyon-claire:email"
    mailbox.refuse = 3  # every attempt of the run
    morning_in_bogota = FixedClock(dt.datetime(2028, 11, 5, 14, 0, tzinfo=dt.UTC))
    async with runner.at(morning_in_bogota) as ctx:
        report = await report_reminders(ctx)
    assert report.outcome is not None
    assert [o.key for o, _ in report.outcome.failed] == [key]
    # Bogotá's Slack reminder (its 30-day note too) went all the same.
    assert [c.args["channel"] for c in slack_api.of("chat.postMessage")] == ["UBOG"]
    async with runner.at(runner.on("2028-11-05")) as ctx:
        assert await ctx.services.deliveries.states([key]) == {key: FAILED}
    async with runner.at(runner.on("2028-11-06")) as ctx:
        await report_reminders(ctx)
    assert keys_of(mailbox, LYON_EMAIL) == [key]
