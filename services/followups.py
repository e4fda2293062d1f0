"""The "did you connect?" follow-up of an introduction: the jobs send it some weeks after a
city asked to meet a partner, the bot handles the answer. Both sides meet here: the ids of the
buttons (what the bot listens for) and the message itself, built as Block Kit by a pure
function in the recipient's language.

Each button carries the introduction's id as its value; an answer sets the introduction's
status through `Introductions.update` (by its two cities' focal points or the secretariat).
"Not yet" changes nothing: the next follow-up will ask again.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.i18n import Translator
from services.notify import Message

BLOCK_ID = "uccn_followup"
ACTION_MET = "uccn_followup_met"
ACTION_PROJECT = "uccn_followup_project"
ACTION_NOT_YET = "uccn_followup_not_yet"
ACTION_NO = "uccn_followup_no"

# Each answer and the introduction status it records (None: nothing to record yet).
ANSWERS: dict[str, str | None] = {
    ACTION_MET: "met",
    ACTION_PROJECT: "became-project",
    ACTION_NOT_YET: None,
    ACTION_NO: "declined",
}
ACTION_IDS = tuple(ANSWERS)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What the message is about: the introduction, and the other side as the recipient sees
    it (the partner for the city that asked, the asking city for the partner)."""

    introduction: str
    other_name: str
    requested_date: str


def did_you_connect(follow_up: FollowUp, t: Translator) -> Message:
    """The follow-up message with its four answers."""
    question = t.gettext("Did you connect with {other}?").format(other=follow_up.other_name)
    asked = t.gettext("You were introduced on {date}.").format(
        date=t.date(follow_up.requested_date)
    )
    labels = {
        ACTION_MET: t.gettext("Yes, we met"),
        ACTION_PROJECT: t.gettext("We started a project"),
        ACTION_NOT_YET: t.gettext("Not yet"),
        ACTION_NO: t.gettext("No, not a fit"),
    }
    buttons = []
    for action, label in labels.items():
        button = {
            "type": "button",
            "action_id": action,
            "text": {"type": "plain_text", "text": label},
            "value": follow_up.introduction,
        }
        if action == ACTION_PROJECT:
            button["style"] = "primary"
        buttons.append(button)
    return Message(
        text=question,
        blocks=(
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*{question}*\n{asked}"}},
            {"type": "actions", "block_id": BLOCK_ID, "elements": buttons},
        ),
    )


def answer_recorded(status: str | None, t: Translator) -> str:
    """What the bot says once an answer is in."""
    if status == "met":
        return t.gettext("Thank you: noted that you met.")
    if status == "became-project":
        return t.gettext("Wonderful: noted that the introduction became a project.")
    if status == "declined":
        return t.gettext("Noted: this partner was not a fit.")
    return t.gettext("All right: we will ask again later.")
