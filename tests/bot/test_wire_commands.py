"""Every `/uccn` subcommand, posted as Slack posts it (signed), answered through its
response_url on the local Slack API."""

from __future__ import annotations

import json

from tests.bot.conftest import Slack, buttons, text_of


def partner_names(answer: dict[str, object]) -> list[str]:
    """The partners of a `partners` answer, in order (from their buttons)."""
    return [
        json.loads(b["value"])["p"] for b in buttons(answer) if b["action_id"] == "uccn_introduce"
    ]


def test_partners_for_a_city_on_a_theme_with_reasons_and_buttons(slack: Slack) -> None:
    answer = slack.answers(slack.command("partners for Chiang Mai on heritage"))
    text = text_of(answer)
    assert "Partners for Chiang Mai (SDG 11.4)" in text
    assert text.count("Works on SDG 11.4, which you asked for") == 5
    pressed = buttons(answer)
    assert [b["action_id"] for b in pressed[:2]] == ["uccn_introduce", "uccn_dismiss"]
    assert len(pressed) == 10  # five partners, two buttons each
    assert json.loads(pressed[0]["value"])["n"] == "targets=11.4"
    assert answer["response_type"] == "ephemeral"


def test_someone_unlinked_sees_partners_but_cannot_ask_for_an_introduction(slack: Slack) -> None:
    answer = slack.answers(slack.command("partners for Chiang Mai on SDG 11.4", user="UANON"))
    assert "Partners for Chiang Mai (SDG 11.4)" in text_of(answer)
    assert buttons(answer) == []
    assert "Only the city's focal point can ask for an introduction." in text_of(answer)


def test_partners_default_to_my_city_and_take_a_region(slack: Slack) -> None:
    answer = slack.answers(slack.command("partners on heritage in Africa"))
    text = text_of(answer)
    assert "Partners for Chiang Mai (Africa, SDG 11.4)" in text
    assert partner_names(answer)
    cards = slack.graph(lambda s: s.directory.city_cards(partner_names(answer)))
    places = slack.graph(lambda s: s.directory.places())
    assert {places.country_region[c.country or ""] for c in cards} == {"africa"}


def test_a_misspelt_city_is_matched(slack: Slack) -> None:
    right = slack.answers(slack.command("partners for Chiang Mai on heritage"))
    typo = slack.answers(slack.command("partners for Chang Mai on heritage"))
    accents = slack.answers(slack.command("partners for chiáng mài on heritage"))
    assert partner_names(typo) == partner_names(right) == partner_names(accents)


def test_a_name_several_cities_could_be_gets_a_choice(slack: Slack) -> None:
    answer = slack.answers(slack.command("partners for San on music"))
    assert "Which city do you mean by “san”?" in text_of(answer)
    choices = buttons(answer)
    assert len(choices) >= 2
    assert all(b["action_id"] == "uccn_choice" for b in choices)
    assert all(
        b["value"].startswith("partners for ") and b["value"].endswith(" on music") for b in choices
    )
    chosen = slack.answers(slack.click(choices[0]) or "")
    assert "Partners for" in text_of(chosen)


def test_a_city_nobody_knows_is_said_so(slack: Slack) -> None:
    answer = slack.answers(slack.command("city Atlantis"))
    assert "I know no city called “atlantis”." in text_of(answer)


def test_city(slack: Slack) -> None:
    answer = slack.answers(slack.command("city bogota"))
    text = text_of(answer)
    assert "*Bogota* (Colombia, Music)" in text
    assert "Creative City since 2012" in text
    assert [b["value"] for b in buttons(answer)] == ["partners for bogota"]


def test_project_by_words_and_by_target(slack: Slack) -> None:
    title = slack.graph(lambda s: s.directory.projects(targets=["11.4"], first=1)).items[0].title
    by_words = slack.answers(slack.command(f"project {title}"))
    assert title in text_of(by_words)
    by_target = slack.answers(slack.command("project on SDG 11.4"))
    assert "Projects: SDG 11.4" in text_of(by_target)


def test_sdg(slack: Slack) -> None:
    answer = slack.answers(slack.command("sdg 11.4"))
    text = text_of(answer)
    assert "*SDG 11.4*" in text
    assert "cities work on it" in text
    wrong = text_of(slack.answers(slack.command("sdg 11.99")))
    assert "11.99 is not an SDG target code (like 11.4)." in wrong


def test_due_for_my_city_and_for_someone_unlinked(slack: Slack) -> None:
    mine = text_of(slack.answers(slack.command("due")))
    assert "What Chiang Mai owes the network" in mine
    assert "monitoring report" in mine
    assert "contribution" in mine.lower()
    unlinked = text_of(slack.answers(slack.command("due", user="UANON")))
    assert "not linked to a city" in unlinked


def test_host_is_for_the_secretariat(slack: Slack) -> None:
    refused = text_of(slack.answers(slack.command("host 2027", user="UCM")))
    assert "Only the secretariat can see who applies to host." in refused
    ranked = text_of(slack.answers(slack.command("host 2027", user="USEC")))
    assert "2027" in ranked
    assert "1. *" in ranked  # the demo layer has 2027 applications


def test_help_and_an_unclear_question(slack: Slack) -> None:
    helped = text_of(slack.answers(slack.command("help")))
    assert "/uccn partners" in helped
    assert "/uccn host YEAR" in helped
    unclear = slack.answers(slack.command("xyzzy plugh"))
    assert "I did not understand that." in text_of(unclear)
    assert [b["value"] for b in buttons(unclear)] == [
        "partners for chiang-mai",
        "due",
        "search on 11.4",
        "help",
    ]


def test_the_secretariat_links_a_slack_user_to_a_city(slack: Slack) -> None:
    refused = text_of(slack.answers(slack.command("link <@UNEW|new> fabriano", user="UCM")))
    assert "only the secretariat may link" in refused
    linked = text_of(slack.answers(slack.command("link <@UNEW|new> phuket", user="USEC")))
    # The command says nothing of its language: the secretariat's Slack locale (fr-FR) does.
    assert "<@UNEW> est désormais le point focal Kenji Kogaban de Phuket." in linked
    who = slack.graph(lambda s: s.identity.of_chat_user("UNEW"))
    assert (who.city, who.focal_point) == ("phuket", "phuket-kenji")
