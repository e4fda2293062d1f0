"""The acceptance commands through the real `uccn` entry point, against the real network, a
real SMTP server and the local Slack Web API; and a run killed mid-way, then run again."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from graph.dataset import GraphData
from graph.store import GraphStore
from hub.settings import Settings
from tests.bot.slack_api import SlackApi
from tests.jobs.conftest import SECRETARIAT_EMAIL
from tests.jobs.mailbox import Mailbox
from tests.serving import UCCN, environment, run_uccn


def job_env(settings: Settings, mailbox: Mailbox, slack_api: SlackApi, tmp: Path) -> dict[str, str]:
    return {
        "UCCN_SCHEDULER": "off",
        "UCCN_SMTP_HOST": mailbox.host,
        "UCCN_SMTP_PORT": str(mailbox.port),
        "UCCN_SMTP_STARTTLS": "false",
        "UCCN_MAIL_FROM": "UCCN Hub <hub@uccn.example.org>",
        "UCCN_SLACK_BOT_TOKEN": "xoxb-test-token",
        "UCCN_SLACK_API_URL": slack_api.api_url,
        "UCCN_SECRETARIAT_EMAIL": SECRETARIAT_EMAIL,
        "UCCN_SECRETARIAT_CHANNEL": "CNOTICES",
        "UCCN_DIGEST_ARCHIVE_DIR": str(tmp / "digests"),
        "UCCN_DELIVERY_BACKOFF_S": "0",
    }


async def test_dry_run_digest_names_the_cities_whose_reports_are_due_and_overdue(
    jobs_settings: Settings,
    jobs_store: GraphStore,
    mailbox: Mailbox,
    slack_api: SlackApi,
    tmp_path: Path,
) -> None:
    # Dakar (2014) sent its 2022 report; the secretariat set its next one due on 31 March 2026.
    reports = GraphData()
    for cycle, due, sent in ((2022, "2022-11-30", "2022-11-02"), (2026, "2026-03-31", None)):
        props = {"id": f"dakar:{cycle}", "cycle": cycle, "due_date": due, "submitted_date": sent}
        reports.add_node("MonitoringReport", props)
        reports.add_link("MonitoringReport-REPORT_OF-City", f"dakar:{cycle}", "dakar")
    await jobs_store.write_data(reports)
    env = job_env(jobs_settings, mailbox, slack_api, tmp_path)
    result = run_uccn(
        jobs_settings,
        "jobs",
        "run",
        "digest",
        "--dry-run",
        "--as-of",
        "2026-01-15",
        cwd=tmp_path,
        **env,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    due = next(line for line in out.splitlines() if line.startswith("- Due in the next 90 days"))
    overdue = next(line for line in out.splitlines() if line.startswith("- Overdue"))
    assert "Dakar (2026, Mar 31, 2026)" in due
    # Designated 2017 and 2009: their 2025 reports were due on 30 November 2025.
    assert "Chiang Mai (2025, Nov 30, 2025)" in overdue
    assert "Kanazawa (2025, Nov 30, 2025)" in overdue
    assert "Dakar" not in overdue  # its 2022 report is in
    assert "Members: 405" in out
    assert "(dry run)" in out
    # A dry run sends and records nothing.
    assert mailbox.messages == []
    assert slack_api.of("chat.postMessage") == []
    assert not (tmp_path / "digests").exists()


def test_report_reminders_run_twice_send_each_reminder_once(
    jobs_settings: Settings, mailbox: Mailbox, slack_api: SlackApi, tmp_path: Path
) -> None:
    env = job_env(jobs_settings, mailbox, slack_api, tmp_path)
    args = ("jobs", "run", "report-reminders", "--as-of", "2028-11-05T14:00")
    first = run_uccn(jobs_settings, *args, cwd=tmp_path, **env)
    assert first.returncode == 0, first.stderr
    keys = mailbox.idempotency_keys()
    assert "report:lyon:2028:-30:lyon-claire:email" in keys
    assert "2 sent" in first.stdout  # Lyon by e-mail, Bogotá on Slack
    second = run_uccn(jobs_settings, *args, cwd=tmp_path, **env)
    assert second.returncode == 0, second.stderr
    assert mailbox.idempotency_keys() == keys
    assert "0 sent, 2 already sent" in second.stdout
    assert [c.args["channel"] for c in slack_api.of("chat.postMessage")] == ["UBOG"]


def test_jobs_list_shows_every_job_with_its_next_run(settings: Settings, tmp_path: Path) -> None:
    result = run_uccn(settings, "jobs", "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == [
        "graph.nightly_snapshot",
        "digest",
        "report-reminders",
        "contribution-reminders",
        "introduction-followups",
        "network-calendar",
    ]
    assert all(re.search(r"next \d{4}-\d\d-\d\dT", line) for line in result.stdout.splitlines())
    unknown = run_uccn(settings, "jobs", "run", "nope", cwd=tmp_path)
    assert unknown.returncode != 0
    assert "no job 'nope'" in unknown.stderr


def test_a_run_killed_mid_way_and_run_again_sends_nothing_twice(
    jobs_settings: Settings, mailbox: Mailbox, slack_api: SlackApi, tmp_path: Path
) -> None:
    # On 15 March 2024 the 2023 reports of the cities designated in 2015 and 2019 are 106 days
    # late: the secretariat is told of each, one e-mail a report, slowly (the server waits).
    env = job_env(jobs_settings, mailbox, slack_api, tmp_path)
    args = ("jobs", "run", "report-reminders", "--as-of", "2024-03-15T14:00")
    planned = run_uccn(jobs_settings, *args, "--dry-run", cwd=tmp_path, **env)
    mails = sum(1 for line in planned.stdout.splitlines() if line.startswith("would send  email"))
    assert mails > 50
    mailbox.delay_s = 0.05
    process = subprocess.Popen(
        [UCCN, *args],
        env=environment(jobs_settings, **env),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(mailbox.messages) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    killed_at = len(mailbox.messages)
    assert 10 <= killed_at < mails  # killed mid-run
    mailbox.delay_s = 0.0
    again = run_uccn(jobs_settings, *args, cwd=tmp_path, **env)
    assert again.returncode == 0, again.stderr
    received = Counter(mailbox.idempotency_keys())
    assert max(received.values()) == 1  # nothing twice
    # Every message went, but for at most the one in flight when the process died: its entry
    # is left claimed, "in doubt", and not sent again.
    assert mails - 1 <= len(received) <= mails
