"""The secretariat's weekly digest: what is new since the last digest (cities, projects,
partnerships, introductions), monitoring reports due in the next 90 days and overdue,
contributions this year against the suggested amount, the network's balance (Global South,
Africa and Arab States among members and among new ties, with the change since the last
digest), how introductions turned out, the host selection in its season, and the deliveries
that finally failed or were left in doubt. One chart: new ties per region over 12 months.

"Since the last digest", not "the last 7 days": each digest sent records what it saw
(`DigestRun`), so a digest after downtime covers the whole gap. It goes to a Slack channel
(Block Kit), by e-mail (HTML with a plain-text part and the chart inline) and into an archive
file; a dry run prints the plain text and records nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brain.hosts import REGION_NAMES
from brain.reminders import HOST_CANDIDATURES_OPEN, HOST_RANKING, reports_owed, share
from jobs.chart import ties_chart
from jobs.context import JobContext, JobReport
from jobs.outbox import EMAIL, SLACK, Outgoing
from services.delivery.ledger import CLAIMED, FAILED
from services.delivery.mail import Email, Image
from services.i18n import Translator
from services.network import IntroductionRecord, NetworkCity
from services.notify import Message

JOB = "digest"
DUE_HORIZON_DAYS = 90
FIRST_DIGEST_DAYS = 7  # with no digest before, "since" is a week ago
LIST_MAX = 40  # names listed in a section before "and N more"
IN_DOUBT_AFTER = dt.timedelta(hours=1)
CHART_CID = "ties-chart@uccn-hub"


@dataclass(slots=True)
class Section:
    title: str
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Digest:
    as_of: dt.date
    since: dt.date
    title: str
    sections: list[Section]
    chart: bytes
    record: dict[str, Any]  # what the next digest counts "since"

    def text(self) -> str:
        parts = [self.title, ""]
        for section in self.sections:
            parts.append(f"## {section.title}")
            parts += [f"- {line}" for line in section.lines] or ["-"]
            parts.append("")
        return "\n".join(parts).rstrip() + "\n"

    def html(self) -> str:
        body = [f"<h1>{html.escape(self.title)}</h1>"]
        for section in self.sections:
            body.append(f"<h2>{html.escape(section.title)}</h2><ul>")
            body += [f"<li>{html.escape(line)}</li>" for line in section.lines]
            body.append("</ul>")
        body.append(f'<p><img src="cid:{CHART_CID}" alt="chart"></p>')
        return "<html><body>" + "".join(body) + "</body></html>"

    def blocks(self) -> tuple[dict[str, Any], ...]:
        blocks: list[dict[str, Any]] = [
            {"type": "header", "text": {"type": "plain_text", "text": self.title[:150]}}
        ]
        for section in self.sections:
            text = f"*{section.title}*\n" + "\n".join(f"• {line}" for line in section.lines)
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _fit(text)}})
        return tuple(blocks[:50])


SECTION_MAX = 3000  # Slack's limit on a section's text


def _fit(text: str) -> str:
    """The text within Slack's limit, cut after a whole name and marked as cut (the e-mail and
    the archive carry it in full)."""
    if len(text) <= SECTION_MAX:
        return text
    cut = text.rfind(", ", 0, SECTION_MAX - 2)
    return text[: cut if cut > 0 else SECTION_MAX - 2] + ", …"


def _names(t: Translator, names: list[str], limit: int | None = LIST_MAX) -> str:
    shown = sorted(names)[:limit]
    more = len(names) - len(shown)
    listed = t.join(shown)
    if more:
        listed += " " + t.gettext("(and {count} more)").format(count=more)
    return listed


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _change(now: float, before: float | None) -> str:
    if before is None:
        return ""
    return f" ({(now - before) * 100:+.1f} pt)"


def _months(as_of: dt.date) -> list[str]:
    first = dt.date(as_of.year - 1, as_of.month, 1)
    months = []
    for n in range(1, 13):
        month = (first.month - 1 + n) % 12 + 1
        year = first.year + (first.month - 1 + n) // 12
        months.append(f"{year}-{month:02d}")
    return months


def compose_digest(
    t: Translator,
    as_of: dt.date,
    cities: list[NetworkCity],
    introductions: list[IntroductionRecord],
    project_ids: dict[str, tuple[str, tuple[str, ...]]],  # id: (title, cities)
    partnerships: dict[str, str],  # id: label
    last: dict[str, Any] | None,
    host_applications: list[tuple[str, str]] | None,
    failures: list[str],
    in_doubt: list[str],
    suggested: float,
) -> Digest:
    """The digest from the network as read on `as_of` and what the last digest saw."""
    since = (
        dt.date.fromisoformat(str(last["id"]))
        if last
        else as_of - dt.timedelta(days=FIRST_DIGEST_DAYS)
    )
    by_id = {c.id: c for c in cities}
    members = [c for c in cities if c.status == "member"]
    member_ids = sorted(c.id for c in members)
    sections: list[Section] = []

    # What is new since the last digest.
    new = Section(t.gettext("New since {date}").format(date=t.date(since)))
    seen_cities = set(last.get("city_ids") or []) if last else None
    seen_projects = set(last.get("project_ids") or []) if last else None
    seen_partnerships = set(last.get("partnership_ids") or []) if last else None
    new_cities = [
        by_id[c].name for c in member_ids if seen_cities is not None and c not in seen_cities
    ]
    new_projects = [
        project_ids[p][0]
        for p in project_ids
        if seen_projects is not None and p not in seen_projects
    ]
    new_partnerships = [
        partnerships[p]
        for p in partnerships
        if seen_partnerships is not None and p not in seen_partnerships
    ]
    new_intros = [i for i in introductions if since < i.requested_date <= as_of]
    if last is None:
        new.lines.append(
            t.gettext("First digest: cities, projects and partnerships are counted from today.")
        )
    new.lines.append(
        t.gettext("Cities: {count}").format(count=len(new_cities))
        + (f": {_names(t, new_cities)}" if new_cities else "")
    )
    new.lines.append(
        t.gettext("Projects: {count}").format(count=len(new_projects))
        + (f": {_names(t, new_projects)}" if new_projects else "")
    )
    new.lines.append(t.gettext("Partnerships: {count}").format(count=len(new_partnerships)))
    new.lines.append(t.gettext("Introductions asked: {count}").format(count=len(new_intros)))
    sections.append(new)

    # Monitoring reports.
    due_soon: list[str] = []
    due_later: list[str] = []
    overdue: list[str] = []
    horizon = as_of + dt.timedelta(days=DUE_HORIZON_DAYS)
    for city in members:
        for report in reports_owed(city.designation_year, city.reports, as_of):
            label = f"{city.name} ({report.cycle}, {t.date(report.due_date)})"
            if report.due_date < as_of:
                overdue.append(label)
            elif report.due_date <= horizon:
                due_soon.append(label)
            elif report.due_date <= as_of + dt.timedelta(days=365):
                due_later.append(label)
    reports = Section(t.gettext("Monitoring reports"))
    reports.lines.append(
        t.gettext("Due in the next {days} days: {count}").format(
            days=DUE_HORIZON_DAYS, count=len(due_soon)
        )
        + (f": {_names(t, due_soon, None)}" if due_soon else "")
    )
    reports.lines.append(
        t.gettext("Due later within a year: {count}").format(count=len(due_later))
        + (f": {_names(t, due_later, None)}" if due_later else "")
    )
    reports.lines.append(
        t.gettext("Overdue: {count}").format(count=len(overdue))
        + (f": {_names(t, overdue, None)}" if overdue else "")
    )
    sections.append(reports)

    # Contributions this year.
    year = as_of.year
    given = [(c, a) for c in members for y, a, _ in c.contributions if y == year]
    total = sum(a for _, a in given)
    yet = [c.name for c in members if year not in c.contribution_years]
    money = Section(t.gettext("Contributions in {year}").format(year=year))
    money.lines.append(
        t.gettext(
            "{count} cities gave {total}, against {target} suggested ({amount} a city)"
        ).format(
            count=len(given),
            total=t.money(total, "USD"),
            target=t.money(suggested * len(members), "USD"),
            amount=t.money(suggested, "USD"),
        )
    )
    money.lines.append(
        t.gettext("Yet to contribute: {count}").format(count=len(yet))
        + (f": {_names(t, yet)}" if yet else "")
    )
    sections.append(money)

    # The network's balance, among members and among the ties made since the last digest.
    south = sum(1 for c in members if c.global_south)
    africa_arab = sum(1 for c in members if c.africa_or_arab)
    tie_cities: list[str] = [i.asking for i in new_intros]
    tie_cities += [i.partner_city for i in new_intros if i.partner_city]
    for p in project_ids:
        if seen_projects is not None and p not in seen_projects:
            tie_cities += list(project_ids[p][1])
    tie_list = [by_id[c] for c in tie_cities if c in by_id]
    ties_south = sum(1 for c in tie_list if c.global_south)
    ties_aa = sum(1 for c in tie_list if c.africa_or_arab)
    shares = {
        "members_global_south": share(south, len(members)),
        "members_africa_arab": share(africa_arab, len(members)),
        "ties_global_south": share(ties_south, len(tie_list)),
        "ties_africa_arab": share(ties_aa, len(tie_list)),
    }
    before: dict[str, float | None] = {}
    for name, count_key, whole_key in (
        ("members_global_south", "members_global_south", "members"),
        ("members_africa_arab", "members_africa_arab", "members"),
        ("ties_global_south", "ties_global_south", "ties"),
        ("ties_africa_arab", "ties_africa_arab", "ties"),
    ):
        before[name] = (
            share(int(last.get(count_key) or 0), int(last.get(whole_key) or 0))
            if last and last.get(whole_key)
            else None
        )
    balance = Section(t.gettext("Balance of the network"))
    balance.lines.append(
        t.gettext("Members: {count}; Global South {south}; Africa and Arab States {aa}").format(
            count=len(members),
            south=_percent(shares["members_global_south"])
            + _change(shares["members_global_south"], before["members_global_south"]),
            aa=_percent(shares["members_africa_arab"])
            + _change(shares["members_africa_arab"], before["members_africa_arab"]),
        )
    )
    balance.lines.append(
        t.gettext("New ties: {count}; Global South {south}; Africa and Arab States {aa}").format(
            count=len(tie_list),
            south=_percent(shares["ties_global_south"])
            + _change(shares["ties_global_south"], before["ties_global_south"]),
            aa=_percent(shares["ties_africa_arab"])
            + _change(shares["ties_africa_arab"], before["ties_africa_arab"]),
        )
    )
    sections.append(balance)

    # How introductions turned out (answers recorded since the last digest; all open ones).
    outcomes = Counter(
        i.status for i in introductions if i.updated_date and i.updated_date > since.isoformat()
    )
    still_open = sum(1 for i in introductions if i.status in ("requested", "accepted"))
    intro = Section(t.gettext("Outcomes of introductions"))
    for status in ("met", "became-project", "declined", "no-answer"):
        intro.lines.append(f"{status}: {outcomes.get(status, 0)}")
    intro.lines.append(t.gettext("Waiting for an answer: {count}").format(count=still_open))
    sections.append(intro)

    # The host selection, in its season (candidatures open until the ranking).
    if host_applications is not None:
        hosts = Section(t.gettext("Host of the {year} Annual Conference").format(year=year + 1))
        hosts.lines.append(
            t.gettext("Candidatures: {count}").format(count=len(host_applications))
            + (f": {_names(t, [n for _, n in host_applications])}" if host_applications else "")
        )
        hosts.lines.append(
            t.gettext("Ranking due on {date}").format(date=t.date(dt.date(year, *HOST_RANKING)))
        )
        sections.append(hosts)

    problems = Section(t.gettext("Deliveries that failed"))
    problems.lines += failures
    problems.lines += [t.gettext("In doubt (check by hand): {key}").format(key=k) for k in in_doubt]
    if not problems.lines:
        problems.lines.append(t.gettext("None: every message went out."))
    sections.append(problems)

    # The chart: introductions asked per month and region of the asking city.
    months = _months(as_of)
    per_region: dict[str, list[int]] = {}
    for i in introductions:
        month = i.requested_date.strftime("%Y-%m")
        if month in months and i.requested_date <= as_of:
            region = (
                REGION_NAMES.get(by_id[i.asking].region or "", "?") if i.asking in by_id else "?"
            )
            per_region.setdefault(region, [0] * len(months))[months.index(month)] += 1
    chart = ties_chart(months, per_region, t.gettext("New ties per region, last 12 months"))

    record: dict[str, Any] = {
        "city_ids": member_ids,
        "project_ids": sorted(project_ids),
        "partnership_ids": sorted(partnerships),
        "introduction_ids": sorted(i.id for i in new_intros),
        "members": len(members),
        "members_global_south": south,
        "members_africa_arab": africa_arab,
        "ties": len(tie_list),
        "ties_global_south": ties_south,
        "ties_africa_arab": ties_aa,
    }
    title = t.gettext("UCCN digest of {date}").format(date=t.date(as_of))
    return Digest(as_of, since, title, sections, chart, record)


def in_host_season(day: dt.date) -> bool:
    return dt.date(day.year, *HOST_CANDIDATURES_OPEN) <= day <= dt.date(day.year, *HOST_RANKING)


async def build_digest(ctx: JobContext) -> Digest:
    network = ctx.services.network
    as_of = ctx.today
    cities, introductions, projects, partnerships = await asyncio.gather(
        network.cities(("member", "former")),
        network.introductions(),
        network.projects(),
        network.partnerships(),
    )
    last = await network.last_digest(as_of)
    since = (
        dt.datetime.fromisoformat(str(last["sent_at"]))
        if last
        else ctx.now - dt.timedelta(days=FIRST_DIGEST_DAYS)
    )
    ledger = ctx.services.deliveries
    failed = await ledger.in_state(FAILED, since, ctx.now)
    doubt = await ledger.in_state(CLAIMED, since, ctx.now - IN_DOUBT_AFTER)
    hosts = await network.host_applications(as_of.year + 1) if in_host_season(as_of) else None
    t = ctx.catalogs.translator(ctx.config.secretariat_language)
    return compose_digest(
        t,
        as_of,
        cities,
        introductions,
        {p.id: (p.title, p.cities) for p in projects},
        {p.id: f"{p.institution_name} – {p.city}" for p in partnerships},
        last,
        hosts,
        [f"{e.key}: {e.error or '?'} ({e.attempts})" for e in failed],
        [e.key for e in doubt],
        ctx.config.suggested_contribution_usd,
    )


def archive(directory: Path, digest: Digest) -> Path:
    """Writes the digest's HTML, text and chart once (temporary name, fsync, rename)."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / f"digest-{digest.as_of.isoformat()}"
    for suffix, content in (
        (".txt", digest.text().encode()),
        (".html", digest.html().replace(f"cid:{CHART_CID}", stem.name + ".png").encode()),
        (".png", digest.chart),
    ):
        target = stem.with_suffix(suffix)
        partial = target.with_name(target.name + ".partial")
        with partial.open("wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    return stem.with_suffix(".html")


async def secretariat_digest(ctx: JobContext) -> JobReport:
    digest = await build_digest(ctx)
    config = ctx.config
    key = f"digest:{digest.as_of.isoformat()}"
    outgoing: list[Outgoing] = []
    if config.digest_channel:
        outgoing.append(
            Outgoing(
                f"{key}:{config.digest_channel}:{SLACK}",
                JOB,
                None,
                SLACK,
                config.digest_channel,
                digest.title,
                slack=Message(text=digest.title, blocks=digest.blocks()),
            )
        )
    if config.secretariat_email:
        full = f"{key}:secretariat:{EMAIL}"
        outgoing.append(
            Outgoing(
                full,
                JOB,
                None,
                EMAIL,
                config.secretariat_email,
                digest.title,
                email=Email(
                    to=config.secretariat_email,
                    subject=digest.title,
                    text=digest.text(),
                    html=digest.html(),
                    images=(Image(CHART_CID, digest.chart),),
                    idempotency_key=full,
                    language=config.secretariat_language,
                ),
            )
        )
    outcome = await ctx.outbox.deliver(outgoing)
    lines = [digest.text(), *outcome.lines()]
    if ctx.dry_run:
        return JobReport(f"digest of {digest.as_of} (dry run): {outcome.counts()}", lines, outcome)
    path = await asyncio.to_thread(archive, config.archive_dir, digest)
    await ctx.services.network.record_digest(
        digest.as_of, {"sent_at": ctx.now.isoformat(timespec="seconds"), **digest.record}
    )
    return JobReport(
        f"digest of {digest.as_of}: {outcome.counts()}, archived {path}", lines, outcome
    )
