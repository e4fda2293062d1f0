"""Plain language in direct messages and mentions, in four languages; the bot's own messages,
retried and repeated events."""

from __future__ import annotations

import json

import pytest

from tests.bot.conftest import Slack, buttons, text_of

SAME_QUESTION = {
    "en": ("partners for Chiang Mai on heritage", "Partners for Chiang Mai (SDG 11.4)"),
    "fr": (
        "partenaires pour Chiang Mai sur le patrimoine",
        "Partenaires pour Chiang Mai (SDG 11.4)",
    ),
    "es": ("socios para Chiang Mai en patrimonio", "Socios para Chiang Mai (SDG 11.4)"),
    "th": ("พันธมิตรสำหรับเชียงใหม่ด้านมรดก", "พันธมิตรสำหรับ Chiang Mai (SDG 11.4)"),
}
REASON = {
    "en": "Works on SDG 11.4, which you asked for",
    "fr": "Travaille sur l’ODD 11.4, que vous avez demandé",
    "es": "Trabaja en el ODS 11.4, que usted pidió",
    "th": "ทำงานด้าน SDG 11.4 ตามที่คุณถาม",
}


def partners_of(message: dict[str, object]) -> list[str]:
    return [
        json.loads(b["value"])["p"] for b in buttons(message) if b["action_id"] == "uccn_introduce"
    ]


def test_the_same_question_in_four_languages_gets_the_same_partners_in_each(slack: Slack) -> None:
    answers = {}
    for n, (language, (question, _title)) in enumerate(SAME_QUESTION.items(), start=1):
        assert slack.dm(question).status_code == 200
        answers[language] = slack.api.wait_for("chat.postMessage", n)[-1].args
    for language, (_question, title) in SAME_QUESTION.items():
        text = text_of(answers[language])
        assert title in text, language
        assert text.count(REASON[language]) == 5, language
    partners = {language: partners_of(answer) for language, answer in answers.items()}
    assert len(partners["en"]) == 5
    assert partners["fr"] == partners["es"] == partners["th"] == partners["en"]
    assert {a["channel"] for a in answers.values()} == {"DUCM"}


@pytest.mark.parametrize(
    ("question", "expected", "language_says"),
    [
        ("who works on street food in Africa?", "Cities: Gastronomy, Africa", "cities"),
        ("qui travaille sur le patrimoine ?", "Villes : SDG 11.4", "villes"),
        (
            "¿qué ciudades de música hay en América Latina?",
            "Ciudades: Música, América Latina y el Caribe",
            "ciudades",
        ),
        ("เมืองไหนทำงานด้านหัตถกรรมบ้าง", "เมือง: หัตถกรรมและศิลปะพื้นบ้าน", "เมือง"),
    ],
)
def test_the_issue_s_four_questions(
    slack: Slack, question: str, expected: str, language_says: str
) -> None:
    slack.dm(question, user="UANON")
    answer = text_of(slack.api.wait_for("chat.postMessage")[-1].args)
    assert expected in answer
    assert language_says in answer
    assert "•" in answer  # at least one city listed


def test_a_mention_in_a_channel_is_answered_in_a_thread(slack: Slack) -> None:
    event = {
        "type": "app_mention",
        "channel": "C0GENERAL",
        "user": "UBOG",
        "text": "<@UBOT> socios para Bogotá en patrimonio",
        "ts": "1700000001.000100",
    }
    slack.event(event)
    posted = slack.api.wait_for("chat.postMessage")[-1].args
    assert posted["channel"] == "C0GENERAL"
    assert posted["thread_ts"] == "1700000001.000100"
    assert "Socios para Bogota (SDG 11.4)" in text_of(posted)


def test_an_unclear_message_gets_choices_not_silence(slack: Slack) -> None:
    slack.dm("hmm", user="UANON")
    posted = slack.api.wait_for("chat.postMessage")[-1].args
    assert "I did not understand that." in text_of(posted)
    assert [b["value"] for b in buttons(posted)] == ["search on 11.4", "help"]


def test_the_bot_s_own_messages_are_not_answered(slack: Slack) -> None:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "DUCM",
        "user": "UBOT",
        "bot_id": "BBOT",
        "text": "partners for Chiang Mai",
        "ts": "1700000002.000100",
    }
    assert slack.event(event).status_code == 200
    slack.api.settle()
    assert slack.api.of("chat.postMessage") == []


def test_a_retried_event_is_handled_once(slack: Slack) -> None:
    assert slack.dm("help", event_id="Ev0RETRIED").status_code == 200
    slack.api.wait_for("chat.postMessage")
    assert slack.dm("help", event_id="Ev0RETRIED", retry=1).status_code == 200
    assert slack.dm("help", event_id="Ev0RETRIED", retry=2).status_code == 200
    slack.api.settle()
    assert len(slack.api.of("chat.postMessage")) == 1


def test_a_user_is_linked_by_the_e_mail_slack_verified(slack: Slack) -> None:
    before = slack.graph(lambda s: s.identity.of_chat_user("UPHUKET"))
    assert before.city is None
    slack.dm("due", user="UPHUKET")
    posted = text_of(slack.api.wait_for("chat.postMessage")[-1].args)
    assert "Phuket" in posted  # "due" says no language: Kenji's Slack locale is Thai
    assert "สิ่งที่ Phuket ต้องส่งให้เครือข่าย" in posted
    after = slack.graph(lambda s: s.identity.of_chat_user("UPHUKET"))
    assert (after.city, after.focal_point) == ("phuket", "phuket-kenji")
