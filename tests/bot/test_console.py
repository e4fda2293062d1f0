"""`uccn bot --console` through the real command line, on the demo data: the acceptance
question in four languages gets the same partners, each with a reason, in its language."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from hub.settings import Settings
from tests.serving import UCCN, environment, run_uccn

QUESTIONS = [
    "partners for Chiang Mai on heritage",
    "partenaires pour Chiang Mai sur le patrimoine",
    "socios para Chiang Mai en patrimonio",
    "พันธมิตรสำหรับเชียงใหม่ด้านมรดก",
]
PARTNER = re.compile(r"^(\S[^\n(]*) \(([^,\n]+), [^)\n]+\)$", re.MULTILINE)


def console(settings: Settings, lines: list[str], *args: str, cwd: Path) -> str:
    done = subprocess.run(
        [UCCN, "bot", "--console", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=environment(settings),
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_the_acceptance_question_in_four_languages(
    bot_settings: Settings, tmp_path: Path
) -> None:
    out = console(bot_settings, QUESTIONS, cwd=tmp_path)
    answers = out.split("\n\n")
    answers = [a for a in answers if a.strip()]
    assert len(answers) == 4
    partners = [PARTNER.findall(a) for a in answers]
    assert len(partners[0]) == 5
    names = [[name for name, _country in found] for found in partners]
    assert names[1] == names[2] == names[3] == names[0]
    for answer, reason in zip(
        answers,
        [
            "• Works on SDG 11.4, which you asked for",
            "• Travaille sur l’ODD 11.4, que vous avez demandé",
            "• Trabaja en el ODS 11.4, que usted pidió",
            "• ทำงานด้าน SDG 11.4 ตามที่คุณถาม",
        ],
        strict=True,
    ):
        assert answer.count(reason) == 5


async def test_as_a_focal_point_buttons_are_numbered_choices(
    bot_settings: Settings, tmp_path: Path
) -> None:
    out = console(
        bot_settings, ["partners on heritage", "1", "hmm", "4"], "--as", "chiang-mai", cwd=tmp_path
    )
    assert "[1] Introduce us   [2] Not relevant" in out
    assert "(to group conversation with console, UCM)" in out  # and Chiang Mai's focal point
    assert "asked to meet" in out
    assert "Introduction to " in out
    assert "I did not understand that." in out
    assert "What I can do" in out  # choice 4 of the clarifying reply: Help


async def test_an_unknown_city_for_as_is_refused(bot_settings: Settings, tmp_path: Path) -> None:
    done = subprocess.run(
        [UCCN, "bot", "--console", "--as", "atlantis"],
        input="help\n",
        capture_output=True,
        text=True,
        env=environment(bot_settings),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "no city 'atlantis'" in done.stderr


def test_socket_mode_needs_its_tokens(settings: Settings, tmp_path: Path) -> None:
    done = run_uccn(settings, "bot", "--socket", cwd=tmp_path)
    assert done.returncode != 0
    assert "Socket Mode needs UCCN_SLACK_APP_TOKEN and UCCN_SLACK_BOT_TOKEN" in done.stderr
    both = run_uccn(settings, "bot", "--socket", "--console", cwd=tmp_path)
    assert "choose one: --socket or --console" in both.stderr


async def test_uccn_bot_link_links_a_slack_user(bot_settings: Settings, tmp_path: Path) -> None:
    done = run_uccn(bot_settings, "bot", "link", "U0CLI", "--city", "phuket", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "linked U0CLI to focal point phuket-kenji of phuket"
    staff = run_uccn(
        bot_settings, "bot", "link", "U0STAFF", "--secretariat", "--name", "Ana", cwd=tmp_path
    )
    assert staff.stdout.strip() == "linked U0STAFF to the secretariat"
    wrong = run_uccn(bot_settings, "bot", "link", "nobody", "--city", "phuket", cwd=tmp_path)
    assert wrong.returncode != 0
    assert "is not a Slack user id" in wrong.stderr
