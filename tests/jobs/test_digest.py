"""The secretariat's digest: what it says of the real network, where it goes (Slack, e-mail
with a chart, an archive) and what "since the last digest" means after a gap."""

from __future__ import annotations

import datetime as dt

from graph.dataset import GraphData
from graph.store import GraphStore
from jobs.digest import build_digest, secretariat_digest
from jobs.reports import report_reminders
from services.clock import FixedClock
from tests.bot.slack_api import SlackApi
from tests.jobs.conftest import DIGEST_CHANNEL, SECRETARIAT_EMAIL, Runner
from tests.jobs.mailbox import Mailbox


def section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"## {title}"))
    found = []
    for line in lines[start + 1 :]:
        if line.startswith("## ") or not line:
            break
        found.append(line)
    return found


async def add_activity(store: GraphStore) -> None:
    """A project of Chiang Mai with Bogotá, an introduction Dakar asked for, a contribution."""
    data = GraphData()
    data.add_node(
        "PilotProject",
        {"id": "lanna-lab", "title": "Lanna Lab", "start_year": 2026, "status": "active"},
    )
    data.add_link("PilotProject-LED_BY-City", "lanna-lab", "chiang-mai")
    data.add_link("City-PARTICIPATES_IN-PilotProject", "bogota", "lanna-lab")
    data.add_node(
        "Introduction",
        {
            "id": "dakar:kanazawa:2026-01-20",
            "status": "requested",
            "partner_kind": "city",
            "requested_date": "2026-01-20",
        },
    )
    data.add_link("Introduction-REQUESTED_BY-City", "dakar:kanazawa:2026-01-20", "dakar")
    data.add_link("Introduction-TO_CITY-City", "dakar:kanazawa:2026-01-20", "kanazawa")
    data.add_node(
        "Contribution", {"id": "lyon:2026", "year": 2026, "amount": 5000.0, "currency": "USD"}
    )
    data.add_link("Contribution-CONTRIBUTION_OF-City", "lyon:2026", "lyon")
    await store.write_data(data)


async def test_the_digest_goes_to_slack_by_mail_with_its_chart_and_into_the_archive(
    runner: Runner, mailbox: Mailbox, slack_api: SlackApi
) -> None:
    async with runner.at(runner.on("2026-01-15")) as ctx:
        report = await secretariat_digest(ctx)
        archive = ctx.config.archive_dir
    [mail] = mailbox.to(SECRETARIAT_EMAIL)
    assert mail["X-UCCN-Key"] == "digest:2026-01-15:secretariat:email"
    plain, html = mail.get_body(("plain",)), mail.get_body(("html",))
    assert plain is not None
    assert html is not None
    assert "Chiang Mai (2025" in plain.get_content()
    assert "Chiang Mai (2025" in html.get_content()
    [png] = [p for p in mail.walk() if p.get_content_type() == "image/png"]
    payload = png.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert payload.startswith(b"\x89PNG")
    assert 'src="cid:ties-chart@uccn-hub"' in html.get_content()
    [post] = slack_api.of("chat.postMessage")
    assert post.args["channel"] == DIGEST_CHANNEL
    assert post.args["blocks"][0]["type"] == "header"
    texts = [b.get("text", {}).get("text", "") for b in post.args["blocks"]]
    [overdue] = [text for text in texts if "Overdue" in text]
    # Hundreds of overdue reports: Slack's 3,000 characters end after a whole name, marked cut;
    # the e-mail names every one.
    assert all(len(text) <= 3000 for text in texts)
    assert overdue.endswith(", …")
    assert "Óbidos (2023" in plain.get_content()
    assert "Óbidos (2023" not in overdue
    assert section(plain.get_content(), "Deliveries that failed") == [
        "- None: every message went out."
    ]
    assert sorted(p.name for p in archive.iterdir()) == [
        "digest-2026-01-15.html",
        "digest-2026-01-15.png",
        "digest-2026-01-15.txt",
    ]
    assert "archived" in report.summary
    # Run again the same day: nothing goes twice.
    async with runner.at(runner.on("2026-01-15")) as ctx:
        again = await secretariat_digest(ctx)
    assert len(mailbox.messages) == 1
    assert len(slack_api.of("chat.postMessage")) == 1
    assert again.outcome is not None
    assert len(again.outcome.already) == 2


async def test_a_digest_after_a_gap_covers_everything_since_the_last_one(
    runner: Runner, jobs_store: GraphStore
) -> None:
    async with runner.at(runner.on("2026-01-05")) as ctx:
        await secretariat_digest(ctx)
    await add_activity(jobs_store)
    # The scheduler was down for the next two Mondays: the digest of 2 February covers
    # everything since 5 January, not the last seven days.
    async with runner.at(runner.on("2026-02-02")) as ctx:
        text = (await build_digest(ctx)).text()
    new = section(text, "New since Jan 5, 2026")
    assert "- Projects: 1: Lanna Lab" in new
    assert "- Introductions asked: 1" in new
    money = section(text, "Contributions in 2026")
    assert money[0].startswith("- 1 cities gave $5,000.00")
    assert money[1].startswith("- Yet to contribute: 404:")  # all but Lyon
    balance = section(text, "Balance of the network")
    # Dakar, Kanazawa (the introduction), Bogotá (the project): Africa 1 of 3, South 2 of 3.
    assert balance[1] == "- New ties: 3; Global South 66.7%; Africa and Arab States 33.3%"


async def test_the_digest_lists_deliveries_that_finally_failed(
    runner: Runner, mailbox: Mailbox
) -> None:
    mailbox.refuse = 3
    async with runner.at(FixedClock(dt.datetime(2028, 11, 5, 14, tzinfo=dt.UTC))) as ctx:
        await report_reminders(ctx)
    async with runner.at(runner.on("2028-11-06")) as ctx:
        text = (await build_digest(ctx)).text()
    failed = section(text, "Deliveries that failed")
    assert any(
        line.startswith("- report:lyon:2028:-30:lyon-claire:email: SMTPDataError")
        for line in failed
    )


async def test_in_host_season_the_digest_tells_the_host_selection(runner: Runner) -> None:
    async with runner.at(runner.on("2026-03-02")) as ctx:
        text = (await build_digest(ctx)).text()
    assert section(text, "Host of the 2027 Annual Conference")[0] == "- Candidatures: 0"
    async with runner.at(runner.on("2026-08-03")) as ctx:
        assert "Annual Conference" not in (await build_digest(ctx)).text()
