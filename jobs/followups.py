"""Introduction follow-ups: 14 days after an introduction both sides are asked whether they
connected (the bot's buttons, `services.followups`; by e-mail a plain question), again at 30
days, and at 44 days an introduction nobody answered is closed as "no answer"."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from brain.reminders import follow_up_stage, introduction_expired
from jobs import messages
from jobs.context import JobContext, JobReport
from jobs.messages import Text
from jobs.outbox import SLACK, Outgoing
from jobs.recipients import to_focal_points
from services.followups import FollowUp, did_you_connect
from services.i18n import Translator
from services.network import AWAITING_ANSWER, Recipient

JOB = "introduction-followups"


async def plan_follow_ups(ctx: JobContext) -> tuple[list[Outgoing], list[str], list[str]]:
    """The follow-ups due, the recipients held for quiet hours, the introductions to close."""
    today = ctx.today
    cities = {c.id: c for c in await ctx.services.network.cities()}
    outgoing: list[Outgoing] = []
    held: list[str] = []
    expired: list[str] = []
    for intro in await ctx.services.network.introductions():
        if intro.status not in AWAITING_ANSWER:
            continue
        if introduction_expired(intro.requested_date, today):
            expired.append(intro.id)
            continue
        stage = follow_up_stage(intro.requested_date, today)
        if stage is None:
            continue
        sides = [(intro.asking, intro.partner_name or "")]
        if intro.partner_city:
            sides.append((intro.partner_city, intro.asking_name))
        for city_id, other in sides:
            city = cities.get(city_id)
            if city is None:
                continue
            key = f"followup:{intro.id}:{stage}:{city_id}"

            def build(
                t: Translator, p: Recipient, o: str = other, on: dt.date = intro.requested_date
            ) -> Text:
                return messages.follow_up_nudge(t, o, on, p.name)

            items = to_focal_points(ctx, city, JOB, key, build, held)
            for n, item in enumerate(items):
                if item.channel == SLACK:  # the bot's buttons answer it in Slack
                    point = next(p for p in city.focal_points if p.slack_user_id == item.recipient)
                    t = ctx.catalogs.translator(point.language)
                    follow = FollowUp(intro.id, other, intro.requested_date.isoformat())
                    items[n] = replace(item, slack=did_you_connect(follow, t))
            outgoing += items
    return outgoing, held, expired


async def introduction_follow_ups(ctx: JobContext) -> JobReport:
    outgoing, held, expired = await plan_follow_ups(ctx)
    outcome = await ctx.outbox.deliver(outgoing)
    lines = outcome.lines()
    closed = 0
    for intro in expired:
        if ctx.dry_run:
            lines.append(f"would close {intro} as no answer")
        elif await ctx.services.network.close_unanswered(intro):
            closed += 1
            lines.append(f"closed {intro} as no answer")
    if held:
        lines.append(f"held for quiet hours: {len(held)} recipient(s)")
    return JobReport(
        f"introduction follow-ups on {ctx.today}: {outcome.counts()}, {closed} closed",
        lines,
        outcome,
    )
