"""The texts the jobs send, built by pure functions in the recipient's language (every text
through the gettext catalogs: `python -m services.i18n update` extracts them from here).

Each builder gives a subject and a body; `as_email` and `as_slack` dress them for a channel.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from services.delivery.mail import Email
from services.i18n import Translator
from services.notify import Message


@dataclass(frozen=True, slots=True)
class Text:
    subject: str
    body: str  # paragraphs separated by blank lines


def as_email(text: Text, to: str, key: str, language: str) -> Email:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.body.split("\n\n"))
    page = f'<html><body lang="{language}">{paragraphs}</body></html>'
    return Email(
        to=to,
        subject=text.subject,
        text=text.body,
        html=page,
        idempotency_key=key,
        language=language,
    )


def as_slack(text: Text) -> Message:
    return Message(
        text=text.subject,
        blocks=(
            {"type": "header", "text": {"type": "plain_text", "text": text.subject[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": text.body[:2900]}},
        ),
    )


def report_reminder(
    t: Translator, city: str, cycle: int, due: dt.date, today: dt.date, name: str
) -> Text:
    days = (due - today).days
    greeting = t.gettext("Dear {name},").format(name=name)
    if days > 0:
        subject = t.gettext("{city}: monitoring report due on {date}").format(
            city=city, date=t.date(due)
        )
        lead = t.ngettext(
            "The membership monitoring report of {city} for {cycle} is due in {days} day, "
            "on {date}.",
            "The membership monitoring report of {city} for {cycle} is due in {days} days, "
            "on {date}.",
            days,
        ).format(city=city, cycle=cycle, days=days, date=t.date(due))
    else:
        subject = t.gettext("{city}: monitoring report overdue since {date}").format(
            city=city, date=t.date(due)
        )
        lead = t.gettext(
            "The membership monitoring report of {city} for {cycle} was due on {date} and has "
            "not reached the secretariat yet."
        ).format(city=city, cycle=cycle, date=t.date(due))
    ask = t.gettext(
        "The report covers the city's activities of the last four years and its action plan for "
        "the next four. Once it is sent, record it in the hub so the reminders stop."
    )
    return Text(subject, f"{greeting}\n\n{lead}\n\n{ask}")


def report_notice(t: Translator, city: str, cycle: int, due: dt.date, today: dt.date) -> Text:
    days = (today - due).days
    subject = t.gettext("Report overdue for {days} days: {city}").format(days=days, city=city)
    body = t.gettext(
        "The monitoring report of {city} for {cycle}, due on {date}, has not come in; its focal "
        "points were reminded. Time for the secretariat to follow up."
    ).format(city=city, cycle=cycle, date=t.date(due))
    return Text(subject, body)


def contribution_note(
    t: Translator, kind: str, city: str, year: int, amount: float, url: str, name: str
) -> Text:
    greeting = t.gettext("Dear {name},").format(name=name)
    suggested = t.money(amount, "USD")
    if kind == "january":
        subject = t.gettext("{city}: the network's voluntary contribution for {year}").format(
            city=city, year=year
        )
        lead = t.gettext(
            "As every year, member cities are invited to a voluntary contribution to the "
            "network, of {amount} where the city's means allow, and as they allow."
        ).format(amount=suggested)
    else:
        subject = t.gettext("{city}: a reminder of the voluntary contribution for {year}").format(
            city=city, year=year
        )
        lead = t.gettext(
            "Half the year has gone: if {city} can contribute to the network this year, the "
            "suggested amount is {amount}. Any contribution helps."
        ).format(city=city, amount=suggested)
    how = t.gettext("How to give: {url}").format(url=url)
    return Text(subject, f"{greeting}\n\n{lead}\n\n{how}")


def contribution_thanks(
    t: Translator, city: str, year: int, amount: float, currency: str, name: str
) -> Text:
    greeting = t.gettext("Dear {name},").format(name=name)
    subject = t.gettext("Thank you, {city}").format(city=city)
    body = t.gettext(
        "The network has received the contribution of {city} for {year} ({amount}). Thank you: "
        "it funds the network's meetings, publications and support to cities of the Global South."
    ).format(city=city, year=year, amount=t.money(amount, currency))
    return Text(subject, f"{greeting}\n\n{body}")


def follow_up_nudge(t: Translator, other: str, requested: dt.date, name: str) -> Text:
    greeting = t.gettext("Dear {name},").format(name=name)
    subject = t.gettext("Did you connect with {other}?").format(other=other)
    body = t.gettext(
        "You were introduced on {date}. Tell us how it went from the hub's Slack bot, or answer "
        "this e-mail: met, started a project, or not a fit."
    ).format(date=t.date(requested))
    return Text(subject, f"{greeting}\n\n{body}")


def calendar_notice(t: Translator, kind: str, day: dt.date) -> Text:
    when = t.date(day)
    subjects = {
        "call-opens": t.gettext("The call for applications opens on {date}"),
        "call-closes": t.gettext("The call for applications closes on {date}"),
        "steering-rotation": t.gettext("The Steering Group rotates on {date}"),
        "host-candidatures-open": t.gettext(
            "Candidatures to host the Annual Conference open on {date}"
        ),
        "host-candidatures-close": t.gettext(
            "Candidatures to host the Annual Conference close on {date}"
        ),
        "host-ranking": t.gettext("The host ranking of the Annual Conference is due on {date}"),
    }
    subject = subjects[kind].format(date=when)
    return Text(subject, subject)
