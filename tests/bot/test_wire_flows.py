"""Buttons, the Home tab and the project form, end to end: what the bot sends Slack and what
the graph holds afterwards; rate limits and errors."""

from __future__ import annotations

import json
from typing import Any

from services.followups import ACTION_MET, FollowUp, did_you_connect
from services.i18n import Catalogs
from services.policy import SECRETARIAT
from tests.bot.conftest import Slack, buttons, text_of


def first_partner(slack: Slack) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first partner proposed to Chiang Mai on heritage: its buttons (introduce, dismiss)."""
    answer = slack.answers(slack.command("partners for Chiang Mai on heritage"))
    introduce, dismiss = buttons(answer)[:2]
    return introduce, dismiss


def test_introduce_us_records_it_opens_a_group_and_says_why(slack: Slack) -> None:
    introduce, _dismiss = first_partner(slack)
    partner = json.loads(introduce["value"])["p"]
    slack.graph(lambda s: s.identity.link(SECRETARIAT, "UPARTNER", partner, name="Partner Test"))
    answer = slack.answers(slack.click(introduce) or "")
    name = slack.graph(lambda s: s.directory.city_cards([partner]))[0].name
    assert f"Introduction to {name} recorded: I opened a conversation" in text_of(answer)
    opened = slack.api.wait_for("conversations.open")
    assert opened[0].args["users"] == "UCM,UPARTNER"
    posted = slack.api.wait_for("chat.postMessage")[-1].args
    assert posted["channel"].startswith("G")
    said = text_of(posted)
    assert f"Chiang Mai asked to meet {name}. Why they were matched:" in said
    assert "Works on SDG 11.4, which you asked for" in said
    recorded = slack.graph(lambda s: s.cities.open_introductions("chiang-mai"))
    assert [(i.partner, i.status) for i in recorded if i.partner == partner] == [
        (partner, "requested")
    ]
    # A second click (or a retry) finds the introduction: no second conversation, no repost.
    again = slack.answers(slack.click(introduce) or "")
    assert f"You already asked to meet {name}" in text_of(again)
    slack.api.settle()
    assert len(slack.api.of("conversations.open")) == 1
    assert len(slack.api.of("chat.postMessage")) == 1
    # The partner leaves the list once asked for.
    later = slack.answers(slack.command("partners for Chiang Mai on heritage"))
    assert partner not in [json.loads(b["value"])["p"] for b in buttons(later)]


def test_the_introduction_is_posted_in_the_partner_s_language_too(slack: Slack) -> None:
    answer = slack.answers(slack.command("socios para Bogotá en patrimonio", user="UBOG"))
    introduce = buttons(answer)[0]
    partner = json.loads(introduce["value"])["p"]
    slack.graph(
        lambda s: s.identity.link(SECRETARIAT, "UPART2", partner, name="Partie", language="fr")
    )
    slack.click(introduce, user="UBOG")
    posts = slack.api.wait_for("chat.postMessage", 2)
    said = [text_of(p.args) for p in posts]
    assert "pidió conocer a" in said[0]  # Lucia asked in Spanish
    assert "a demandé à rencontrer" in said[1]  # the partner's focal point: French


def test_not_relevant_dismisses_the_partner_for_that_need(slack: Slack) -> None:
    _introduce, dismiss = first_partner(slack)
    partner = json.loads(dismiss["value"])["p"]
    answer = slack.answers(slack.click(dismiss) or "")
    assert "will not be proposed again for this." in text_of(answer)
    stored = slack.graph(
        lambda s: s.store.get("Dismissal", f"chiang-mai:city:{partner}:targets=11.4")
    )
    assert stored is not None
    assert stored["partner_id"] == partner
    later = slack.answers(slack.command("partners for Chiang Mai on heritage"))
    assert partner not in [json.loads(b["value"])["p"] for b in buttons(later)]


def test_someone_unlinked_cannot_press_introduce(slack: Slack) -> None:
    introduce, _dismiss = first_partner(slack)
    answer = slack.answers(slack.click(introduce, user="UANON") or "")
    assert "not linked to a city" in text_of(answer)
    assert slack.api.of("conversations.open") == []


def test_did_you_connect_answers_update_the_introduction(slack: Slack) -> None:
    introduce, _dismiss = first_partner(slack)
    slack.answers(slack.click(introduce) or "")
    introduction = next(
        i.id
        for i in slack.graph(lambda s: s.cities.open_introductions("chiang-mai"))
        if i.partner == json.loads(introduce["value"])["p"]
    )
    # The message the follow-up job sends, built by the same function the job uses.
    message = did_you_connect(
        FollowUp(introduction, "Partner", "2026-03-02"), Catalogs.load().translator("en")
    )
    met = next(b for b in buttons(message.payload()) if b["action_id"] == ACTION_MET)
    answer = slack.answers(slack.click(met) or "")
    assert "Thank you: noted that you met." in text_of(answer)
    stored = slack.graph(lambda s: s.store.get("Introduction", introduction))
    assert stored is not None
    assert stored["status"] == "met"
    refused = slack.answers(slack.click(met, user="UBOG") or "")
    assert "only the two cities of an introduction" in text_of(refused)


def test_the_home_tab_shows_the_city_within_a_hundred_blocks(slack: Slack) -> None:
    event = {"type": "app_home_opened", "user": "UCM", "channel": "DUCM", "tab": "home"}
    slack.event(event)
    published = slack.api.wait_for("views.publish")[-1].args
    assert published["user_id"] == "UCM"
    view = published["view"]
    assert view["type"] == "home"
    assert 0 < len(view["blocks"]) <= 100
    text = text_of(view)
    assert "Chiang Mai" in text
    assert "monitoring report" in text
    assert "Open introductions" in text
    assert "Fresh partner suggestions" in text
    assert sum(b["action_id"] == "uccn_introduce" for b in buttons(view)) == 3


def test_the_home_tab_of_someone_unlinked(slack: Slack) -> None:
    slack.event({"type": "app_home_opened", "user": "UANON", "channel": "DX", "tab": "home"})
    view = slack.api.wait_for("views.publish")[-1].args["view"]
    assert "not linked to a city yet" in text_of(view)


def open_form(slack: Slack) -> dict[str, Any]:
    slack.command("project new")
    opened = slack.api.wait_for("views.open")[-1].args
    assert opened["trigger_id"].startswith("trigger.")
    assert opened["view"]["blocks"][0]["text"]["text"] == "Loading…"
    updated = slack.api.wait_for("views.update")[-1].args
    assert updated["view_id"].startswith("V")
    form: dict[str, Any] = updated["view"]
    return form


def submit(slack: Slack, form: dict[str, Any], **typed: Any) -> Any:
    values: dict[str, Any] = {}
    for block, value in typed.items():
        if isinstance(value, list):
            values[block] = {"x": {"selected_options": [{"value": v} for v in value]}}
        else:
            values[block] = {block: {"type": "plain_text_input", "value": value}}
    payload = {
        "type": "view_submission",
        "team": {"id": "T0UCCN"},
        "user": {"id": "UCM"},
        "api_app_id": "A0UCCN",
        "view": {**form, "id": "V1", "state": {"values": values}},
    }
    return slack.interact(payload)


def test_the_project_form_shows_a_refusal_on_its_field(slack: Slack) -> None:
    form = open_form(slack)
    assert {b.get("block_id") for b in form["blocks"]} >= {"title", "start_year", "end_year"}
    answer = submit(slack, form, title="Lanna Paper Futures", start_year="2026", end_year="2024")
    assert answer.status_code == 200
    body = answer.json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == ["end_year"]
    assert "“End year” must not be before “Start year”" in body["errors"]["end_year"]
    not_a_year = submit(slack, form, title="Lanna Paper Futures", start_year="soon").json()
    assert not_a_year["errors"] == {"start_year": "Write a year, like 2026."}
    unknown = submit(
        slack, form, title="Lanna Paper Futures", start_year="2026", sdg_targets=["99.9"]
    )
    assert list(unknown.json()["errors"]) == ["sdg_targets"]
    assert slack.graph(lambda s: s.store.get("PilotProject", "lanna-paper-futures")) is None


def test_the_project_form_registers_the_project(slack: Slack) -> None:
    form = open_form(slack)
    answer = submit(
        slack,
        form,
        title="Lanna Paper Futures",
        start_year="2026",
        sdg_targets=["11.4"],
        cities=["bogota"],
        fields=["crafts-and-folk-art"],
    )
    assert answer.status_code == 200
    assert answer.text == ""  # the form closes
    posted = slack.api.wait_for("chat.postMessage")[-1].args
    assert posted["channel"] == "UCM"
    assert "Pilot project “Lanna Paper Futures” registered." in text_of(posted)
    stored = slack.graph(lambda s: s.projects.state("lanna-paper-futures"))
    assert stored is not None


def test_the_form_s_selects_get_their_options(slack: Slack) -> None:
    payload = {
        "type": "block_suggestion",
        "user": {"id": "UCM"},
        "team": {"id": "T0UCCN"},
        "api_app_id": "A0UCCN",
        "action_id": "uccn_target_options",
        "block_id": "sdg_targets",
        "value": "11.",
        "view": {"id": "V1", "callback_id": "uccn_project"},
    }
    targets = slack.interact(payload).json()["options"]
    assert targets[:3] == [
        {"text": {"type": "plain_text", "text": f"SDG 11.{n}"}, "value": f"11.{n}"}
        for n in (1, 2, 3)
    ]
    cities = slack.interact({**payload, "action_id": "uccn_city_options", "value": "bogta"})
    assert cities.json()["options"][0]["value"] == "bogota"


def test_a_rate_limited_post_is_waited_out_not_dropped(slack: Slack) -> None:
    slack.api.script("chat.postMessage", 429, headers={"Retry-After": "1"}, times=1)
    slack.dm("help")
    posts = slack.api.wait_for("chat.postMessage", 2)
    assert posts[1].at - posts[0].at >= 0.9
    assert posts[0].args == posts[1].args


def test_an_error_gets_an_apology_with_a_reference(slack: Slack, caplog: Any) -> None:
    introduce, _dismiss = first_partner(slack)
    slack.api.script(
        "conversations.open", 200, body={"ok": False, "error": "user_disabled"}, times=1
    )
    answer = slack.answers(slack.click(introduce) or "")
    text = text_of(answer)
    assert "Sorry, something went wrong on my side (reference " in text
    reference = text.rsplit("reference ", 1)[1].rstrip(").")
    assert any(reference in r.getMessage() for r in caplog.records)


def test_the_home_button_opens_the_form_and_someone_unlinked_is_told_why(slack: Slack) -> None:
    slack.click({"action_id": "uccn_project_new", "value": "chiang-mai"}, from_home=True)
    assert slack.api.wait_for("views.open")[-1].args["trigger_id"].startswith("trigger.")
    assert slack.api.wait_for("views.update")[-1].args["view"]["callback_id"] == "uccn_project"
    slack.command("project new", user="UANON")
    told = slack.api.wait_for("chat.postMessage")[-1].args
    assert told["channel"] == "UANON"
    assert "not linked to a city" in text_of(told)
    assert len(slack.api.of("views.open")) == 1


def test_a_rate_limited_response_url_is_waited_out_too(slack: Slack) -> None:
    slack.api.script("respond", 429, body={}, headers={"Retry-After": "1"}, times=1)
    path = slack.command("help")
    answers = slack.api.wait_until(path, lambda c: c.args.get("url") == path, 2, 20.0)
    assert answers[1].at - answers[0].at >= 0.9
    assert "What I can do" in text_of(answers[1].args)
