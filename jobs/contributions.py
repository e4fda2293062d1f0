"""Voluntary contribution reminders: a courteous note in January with the suggested amount and
how to give, a mid-year note to cities that have not given, and a thank-you once a contribution
is recorded. A note's key carries the quarter (`contribution:{city}:{year}-Q{n}`), so a city
never gets more than one note a quarter; a thank-you is not a note and has its own key."""

from __future__ import annotations

from brain.reminders import contribution_note, quarter
from jobs import messages
from jobs.context import JobContext, JobReport
from jobs.messages import Text
from jobs.outbox import Outgoing
from jobs.recipients import to_focal_points
from services.i18n import Translator
from services.network import Recipient

JOB = "contribution-reminders"


async def plan_contribution_reminders(ctx: JobContext) -> tuple[list[Outgoing], list[str]]:
    today, config = ctx.today, ctx.config
    outgoing: list[Outgoing] = []
    held: list[str] = []
    for city in await ctx.services.network.cities():
        given = {year: (amount, currency) for year, amount, currency in city.contributions}
        if today.year in given:
            amount, currency = given[today.year]

            def thanks(
                t: Translator,
                p: Recipient,
                n: str = city.name,
                a: float = amount,
                c: str = currency,
            ) -> Text:
                return messages.contribution_thanks(t, n, today.year, a, c, p.name)

            key = f"contribution-thanks:{city.id}:{today.year}"
            outgoing += to_focal_points(ctx, city, JOB, key, thanks, held)
        kind = contribution_note(today, today.year in given)
        if kind is None or (kind == "january" and today.year in given):
            continue

        def note(t: Translator, p: Recipient, k: str = kind, n: str = city.name) -> Text:
            amount, url = config.suggested_contribution_usd, config.contribution_url
            return messages.contribution_note(t, k, n, today.year, amount, url, p.name)

        key = f"contribution:{city.id}:{today.year}-Q{quarter(today)}"
        outgoing += to_focal_points(ctx, city, JOB, key, note, held)
    return outgoing, held


async def contribution_reminders(ctx: JobContext) -> JobReport:
    outgoing, held = await plan_contribution_reminders(ctx)
    outcome = await ctx.outbox.deliver(outgoing)
    lines = outcome.lines()
    if held:
        lines.append(f"held for quiet hours: {len(held)} recipient(s)")
    return JobReport(f"contribution reminders on {ctx.today}: {outcome.counts()}", lines, outcome)
