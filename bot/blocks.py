"""Block Kit builders: pure functions from what the services answered to a message or a view,
in the reader's language. No I/O here; `bot.answers` gathers, these lay out.

Buttons carry what their handler needs in their `value` (JSON, well under Slack's 2,000
characters): a partner button its city, partner, need and reasons; a choice the command it
runs. The action ids are the bot's listeners' (`bot.listeners.actions`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.texts import field_name, reason_text, region_name
from brain.hosts import HostRanking
from brain.partners import Recommendations
from brain.reasons import Reason
from services.cities import CityStatus, IntroductionLine
from services.directory import CityCard, Listing, ProjectLine, TargetLine
from services.i18n import Translator
from services.notify import Message

Block = dict[str, Any]

INTRODUCE = "uccn_introduce"
DISMISS = "uccn_dismiss"
CHOICE = "uccn_choice"
NEW_PROJECT = "uccn_project_new"
PROJECT_MODAL = "uccn_project"
CITY_OPTIONS = "uccn_city_options"
TARGET_OPTIONS = "uccn_target_options"
MAX_BLOCKS = 50  # a message's limit (a Home tab has 100)
MAX_HOME_BLOCKS = 100
SHOWN = 5  # partners, cities or projects in one answer
TEXT_MAX = 2900  # a section's text is at most 3,000 characters


@dataclass(frozen=True, slots=True)
class Choice:
    label: str
    command: str


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:TEXT_MAX]}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:TEXT_MAX]}]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> Block:
    found: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label[:75]},
        "value": value,
    }
    if style:
        found["style"] = style
    return found


def actions(*elements: Block, block_id: str | None = None) -> Block:
    found: Block = {"type": "actions", "elements": list(elements)}
    if block_id:
        found["block_id"] = block_id
    return found


def message(text: str, blocks: Sequence[Block]) -> Message:
    return Message(text=text, blocks=tuple(blocks[:MAX_BLOCKS]))


def choices_message(question: str, options: Sequence[Choice]) -> Message:
    """A short question with a button per possible meaning: never silence."""
    buttons = [button(o.label, CHOICE, o.command) for o in options[:5]]
    blocks = [section(question)]
    if buttons:
        blocks.append(actions(*buttons, block_id="uccn_choices"))
    return message(question, blocks)


def partner_value(
    city: str, partner: str, need_key: str, language: str, reasons: Sequence[Reason]
) -> str:
    kept = [[r.code, r.text, r.params] for r in reasons[:6]]
    return json.dumps({"c": city, "p": partner, "n": need_key, "l": language, "r": kept})


def partners_message(
    city_name: str,
    asker: str,
    found: Recommendations,
    t: Translator,
    *,
    need_words: str,
    can_act: bool,
    countries: Mapping[str, str],
) -> Message:
    title = (
        t.gettext("Partners for {city} ({need})").format(city=city_name, need=need_words)
        if need_words
        else t.gettext("Partners for {city}").format(city=city_name)
    )
    if not found.items:
        text = t.gettext("No new partner to propose for {city} on this.").format(city=city_name)
        return message(text, [section(f"*{title}*"), section(text)])
    blocks: list[Block] = [section(f"*{title}*")]
    lines = [title]
    for item in found.items[:SHOWN]:
        partner = item.partner
        reasons = [reason_text(r, t) for r in item.reasons]
        country = countries.get(partner.id) or partner.country or ""
        where = ", ".join(x for x in (country, _fields(partner.fields, t)) if x)
        body = f"*{partner.name}* ({where})\n" + "\n".join(f"• {r}" for r in reasons)
        blocks.append(section(body))
        lines.append(f"{partner.name}: {'; '.join(reasons)}")
        if can_act:
            value = partner_value(asker, partner.id, found.need_key, t.language, item.reasons)
            blocks.append(
                actions(
                    button(t.gettext("Introduce us"), INTRODUCE, value, "primary"),
                    button(t.gettext("Not relevant"), DISMISS, value),
                    block_id=f"uccn_partner_{partner.id}"[:255],
                )
            )
    notes = [reason_text(n, t) for n in found.notes]
    if any(i.rests_on_generated for i in found.items[:SHOWN]):
        notes.append(t.gettext("Some of this rests on generated demo data."))
    if not can_act:
        notes.append(t.gettext("Only the city's focal point can ask for an introduction."))
    if notes:
        blocks.append(context(" · ".join(notes)))
    return message("\n".join(lines), blocks)


def _fields(fields: Sequence[str], t: Translator) -> str:
    return ", ".join(field_name(f, t) for f in fields[:2])


def cities_message(found: Listing[CityCard], criteria: str, t: Translator) -> Message:
    title = t.gettext("Cities: {criteria}").format(criteria=criteria)
    if not found.items:
        text = t.gettext("No city matches {criteria}.").format(criteria=criteria)
        return message(text, [section(text)])
    lines = [
        f"• *{c.name}* ({', '.join(x for x in (c.country_name, field_name(c.field, t)) if x)})"
        for c in found.items
    ]
    count = t.ngettext("{n} city", "{n} cities", found.total).format(n=found.total)
    blocks = [section(f"*{title}* ({count})"), section("\n".join(lines))]
    if found.total > len(found.items):
        more = found.total - len(found.items)
        blocks.append(context(t.gettext("And {n} more.").format(n=more)))
    return message("\n".join([title, *lines]), blocks)


def city_message(
    card: CityCard,
    projects: Listing[ProjectLine],
    t: Translator,
    *,
    designation_year: int | None,
    status: str,
) -> Message:
    where = ", ".join(x for x in (card.country_name, field_name(card.field, t)) if x)
    head = f"*{card.name}* ({where})"
    facts = []
    if designation_year:
        facts.append(t.gettext("Creative City since {year}").format(year=designation_year))
    if status != "member":
        facts.append(t.gettext("Status: {status}").format(status=status))
    facts.append(t.ngettext("{n} project", "{n} projects", projects.total).format(n=projects.total))
    blocks = [section(head + "\n" + " · ".join(facts))]
    if projects.items:
        blocks.append(section("\n".join(_project_line(p, t) for p in projects.items)))
    blocks.append(
        actions(
            button(
                t.gettext("Partners for {city}").format(city=card.name),
                CHOICE,
                f"partners for {card.id}",
            ),
            block_id="uccn_city",
        )
    )
    return message(f"{card.name}: {where}", blocks)


def _project_line(p: ProjectLine, t: Translator) -> str:
    years = f"{p.start_year}–{p.end_year}" if p.end_year else f"{p.start_year or ''}"
    targets = f" · SDG {', '.join(p.targets[:4])}" if p.targets else ""
    lead = t.gettext("led by {city}").format(city=p.lead_name) if p.lead_name else ""
    return f"• *{p.title}* ({', '.join(x for x in (years, lead) if x)}){targets}"


def projects_message(found: Listing[ProjectLine], asked: str, t: Translator) -> Message:
    if not found.items:
        text = t.gettext("No project found for {asked}.").format(asked=asked)
        return message(text, [section(text)])
    title = t.gettext("Projects: {asked}").format(asked=asked)
    lines = [_project_line(p, t) for p in found.items]
    return message("\n".join([title, *lines]), [section(f"*{title}*"), section("\n".join(lines))])


def target_message(
    target: TargetLine, projects: Listing[ProjectLine], cities: int, t: Translator
) -> Message:
    title = target.title_fr if t.language == "fr" and target.title_fr else target.title_en
    head = f"*SDG {target.code}*: {title}"
    facts = t.gettext("{projects} projects and {cities} cities work on it.").format(
        projects=projects.total, cities=cities
    )
    blocks = [section(f"{head}\n{facts}")]
    if projects.items:
        blocks.append(section("\n".join(_project_line(p, t) for p in projects.items)))
    blocks.append(
        actions(
            button(t.gettext("Who works on it"), CHOICE, f"search on {target.code}"),
            block_id="uccn_target",
        )
    )
    return message(f"SDG {target.code}: {title}", blocks)


def due_lines(status: CityStatus, year: int, t: Translator) -> list[str]:
    """A city's standing: its next report, its overdue ones, this year's contribution."""
    lines = []
    upcoming = status.next_report
    overdue = status.overdue_reports
    if overdue:
        dates = ", ".join(t.date(r.due_date) for r in overdue)
        lines.append(
            t.ngettext(
                "{n} monitoring report overdue (due {dates})",
                "{n} monitoring reports overdue (due {dates})",
                len(overdue),
            ).format(n=len(overdue), dates=dates)
        )
    if upcoming is not None and upcoming not in overdue:
        lines.append(
            t.gettext("Next monitoring report due {date}").format(date=t.date(upcoming.due_date))
        )
    if upcoming is None and not overdue:
        lines.append(t.gettext("No monitoring report waiting."))
    paid = status.contributed_in(year)
    suggested = t.money(status.suggested_contribution_usd, "USD")
    if paid is None:
        lines.append(
            t.gettext("No contribution recorded for {year} (suggested: {amount})").format(
                year=year, amount=suggested
            )
        )
    elif paid.amount is not None:
        lines.append(
            t.gettext("Contribution for {year}: {amount}").format(
                year=year, amount=t.money(paid.amount, paid.currency)
            )
        )
    else:
        lines.append(t.gettext("Contribution for {year}: recorded").format(year=year))
    return lines


def due_message(status: CityStatus, year: int, t: Translator) -> Message:
    title = t.gettext("What {city} owes the network").format(city=status.name)
    lines = due_lines(status, year, t)
    body = "\n".join(f"• {line}" for line in lines)
    return message("\n".join([title, *lines]), [section(f"*{title}*\n{body}")])


def hosts_message(year: int, ranking: Sequence[HostRanking], t: Translator) -> Message:
    title = t.gettext("Cities applying to host the {year} Annual Conference").format(year=year)
    if not ranking:
        text = t.gettext("No city has applied to host in {year}.").format(year=year)
        return message(text, [section(text)])
    lines = []
    for ranked in ranking[:10]:
        why = "; ".join(r.text for r in ranked.reasons[:3])
        lines.append(
            f"{ranked.rank}. *{ranked.applicant.name}* ({ranked.score:.2f})"
            + (f": {why}" if why else "")
        )
    return message("\n".join([title, *lines]), [section(f"*{title}*"), section("\n".join(lines))])


def help_message(t: Translator) -> Message:
    title = t.gettext("What I can do")
    lines = [
        t.gettext("`/uccn partners [for CITY] [on heritage | SDG 11.4] [in REGION]`: partners"),
        t.gettext("`/uccn city NAME`: a city at a glance"),
        t.gettext("`/uccn project WORDS`: projects; `/uccn project new`: register one"),
        t.gettext("`/uccn sdg 11.4`: an SDG target and who works on it"),
        t.gettext("`/uccn due`: my city's reports and contribution"),
        t.gettext("`/uccn host YEAR`: the cities applying to host (secretariat)"),
        t.gettext("Or ask in a sentence, in English, French, Spanish or Thai."),
    ]
    return message("\n".join([title, *lines]), [section(f"*{title}*\n" + "\n".join(lines))])


def notice(text: str) -> Message:
    return message(text, [section(text)])


def introduction_message(
    asking_name: str, partner_name: str, reasons: Sequence[Reason], t: Translator
) -> Message:
    """What the bot posts in the group conversation it opened for an introduction."""
    head = t.gettext("{asking} asked to meet {partner}. Why they were matched:").format(
        asking=asking_name, partner=partner_name
    )
    lines = [f"• {reason_text(r, t)}" for r in reasons] or [
        f"• {t.gettext('A partner the hub proposed')}"
    ]
    tail = t.gettext("Reply here to start the conversation.")
    return message(
        "\n".join([head, *lines]), [section(head + "\n" + "\n".join(lines)), context(tail)]
    )


def home_view(
    t: Translator,
    *,
    status: CityStatus | None,
    year: int,
    introductions: Sequence[IntroductionLine],
    suggestions: Recommendations | None,
    linked: bool,
) -> dict[str, Any]:
    """The App Home tab: the city at a glance, within Slack's 100 blocks."""
    blocks: list[Block] = []
    if status is None:
        blocks.append(section(f"*{t.gettext('UCCN Hub')}*"))
        text = (
            t.gettext("You can search and ask me anything about the network.")
            if linked
            else t.gettext(
                "Your Slack account is not linked to a city yet: ask the secretariat. "
                "You can still search and ask me anything about the network."
            )
        )
        blocks += [section(text), *help_message(t).blocks]
        return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": status.name[:150]}})
    blocks.append(section("\n".join(f"• {line}" for line in due_lines(status, year, t))))
    blocks.append({"type": "divider"})
    blocks.append(section(f"*{t.gettext('Open introductions')}*"))
    if introductions:
        shown = introductions[:20]
        lines = []
        for intro in shown:
            other = intro.partner_name if intro.asking == status.id else intro.asking_name
            lines.append(
                t.gettext("{other}: {status} since {date}").format(
                    other=other or "?",
                    status=_status(intro.status, t),
                    date=t.date(intro.requested_date),
                )
            )
        blocks.append(section("\n".join(f"• {line}" for line in lines)))
        if len(introductions) > len(shown):
            blocks.append(
                context(t.gettext("And {n} more.").format(n=len(introductions) - len(shown)))
            )
    else:
        blocks.append(context(t.gettext("None open.")))
    blocks.append({"type": "divider"})
    blocks.append(section(f"*{t.gettext('Fresh partner suggestions')}*"))
    if suggestions is not None and suggestions.items:
        for item in suggestions.items[:3]:
            why = "; ".join(reason_text(r, t) for r in item.reasons[:3])
            blocks.append(section(f"*{item.partner.name}*: {why}"))
            value = partner_value(
                status.id, item.partner.id, suggestions.need_key, t.language, item.reasons
            )
            blocks.append(
                actions(
                    button(t.gettext("Introduce us"), INTRODUCE, value, "primary"),
                    button(t.gettext("Not relevant"), DISMISS, value),
                )
            )
    else:
        blocks.append(context(t.gettext("No suggestion right now.")))
    blocks.append({"type": "divider"})
    blocks.append(
        actions(
            button(t.gettext("Register a pilot project"), NEW_PROJECT, status.id, "primary"),
            button(t.gettext("Help"), CHOICE, "help"),
        )
    )
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def _status(status: str, t: Translator) -> str:
    names = {
        "requested": t.gettext("requested"),
        "accepted": t.gettext("accepted"),
        "met": t.gettext("met"),
        "declined": t.gettext("declined"),
        "became-project": t.gettext("became a project"),
    }
    return names.get(status, status)


# The project form's blocks, one per field the service names in its refusals.
FORM_FIELDS = ("title", "summary", "start_year", "end_year", "fields", "sdg_targets", "cities")


def loading_view(t: Translator) -> dict[str, Any]:
    """Opened at once (a trigger id lives 3 seconds), then replaced by the form."""
    return {
        "type": "modal",
        "callback_id": PROJECT_MODAL,
        "title": {"type": "plain_text", "text": t.gettext("Pilot project")[:24]},
        "blocks": [section(t.gettext("Loading…"))],
    }


def project_form(t: Translator, city: str, city_name: str, fields: Sequence[str]) -> dict[str, Any]:
    def text_input(
        block: str, label: str, *, multiline: bool = False, optional: bool = False
    ) -> Block:
        return {
            "type": "input",
            "block_id": block,
            "optional": optional,
            "label": {"type": "plain_text", "text": label},
            "element": {"type": "plain_text_input", "action_id": block, "multiline": multiline},
        }

    field_options = [
        {"text": {"type": "plain_text", "text": field_name(f, t)}, "value": f} for f in fields
    ]
    return {
        "type": "modal",
        "callback_id": PROJECT_MODAL,
        "private_metadata": json.dumps({"city": city, "l": t.language}),
        "title": {"type": "plain_text", "text": t.gettext("Pilot project")[:24]},
        "submit": {"type": "plain_text", "text": t.gettext("Register")[:24]},
        "close": {"type": "plain_text", "text": t.gettext("Cancel")[:24]},
        "blocks": [
            context(t.gettext("A pilot project led by {city}.").format(city=city_name)),
            text_input("title", t.gettext("Title")),
            text_input("summary", t.gettext("Summary"), multiline=True, optional=True),
            text_input("start_year", t.gettext("Start year")),
            text_input("end_year", t.gettext("End year"), optional=True),
            {
                "type": "input",
                "block_id": "fields",
                "optional": True,
                "label": {"type": "plain_text", "text": t.gettext("Creative fields")},
                "element": {
                    "type": "multi_static_select",
                    "action_id": "fields",
                    "options": field_options,
                },
            },
            {
                "type": "input",
                "block_id": "sdg_targets",
                "optional": True,
                "label": {"type": "plain_text", "text": t.gettext("SDG targets")},
                "element": {
                    "type": "multi_external_select",
                    "action_id": TARGET_OPTIONS,
                    "min_query_length": 1,
                },
            },
            {
                "type": "input",
                "block_id": "cities",
                "optional": True,
                "label": {"type": "plain_text", "text": t.gettext("Partner cities (invited)")},
                "element": {
                    "type": "multi_external_select",
                    "action_id": CITY_OPTIONS,
                    "min_query_length": 2,
                },
            },
        ],
    }


def form_labels(t: Translator) -> dict[str, str]:
    """Each form field's label: how a refusal names it."""
    return {
        "title": t.gettext("Title"),
        "summary": t.gettext("Summary"),
        "start_year": t.gettext("Start year"),
        "end_year": t.gettext("End year"),
        "fields": t.gettext("Creative fields"),
        "sdg_targets": t.gettext("SDG targets"),
        "cities": t.gettext("Partner cities (invited)"),
        "lead_city": t.gettext("Lead city"),
        "status": t.gettext("Status"),
    }


def criteria_words(
    t: Translator, fields: Sequence[str], regions: Sequence[str], targets: Sequence[str]
) -> str:
    parts = [field_name(f, t) for f in fields]
    parts += [region_name(r, t) for r in regions]
    parts += [f"SDG {code}" for code in targets]
    return ", ".join(parts)
