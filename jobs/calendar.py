"""The network calendar, told to the secretariat's channel and address: the biennial call for
applications (opening and closing), the Steering Group's two-year rotation, the Annual
Conference's host cycle (candidatures open and close, then the host ranking, posted with the
cities that applied). Each notice goes once (`calendar:{event}:{year}`), in the 14 days before."""

from __future__ import annotations

from brain.reminders import calendar_notices
from jobs import messages
from jobs.context import JobContext, JobReport
from jobs.outbox import Outgoing
from jobs.recipients import to_secretariat

JOB = "network-calendar"


async def plan_calendar(ctx: JobContext) -> list[Outgoing]:
    t = ctx.catalogs.translator(ctx.config.secretariat_language)
    outgoing: list[Outgoing] = []
    for event in calendar_notices(ctx.today):
        text = messages.calendar_notice(t, event.kind, event.day)
        if event.kind == "host-ranking":
            applied = await ctx.services.network.host_applications(event.year + 1)
            names = t.join([name for _, name in applied]) or "-"
            text = messages.Text(text.subject, f"{text.body}\n\n{names}")
        outgoing += to_secretariat(ctx, JOB, f"calendar:{event.key}", text)
    return outgoing


async def network_calendar(ctx: JobContext) -> JobReport:
    outcome = await ctx.outbox.deliver(await plan_calendar(ctx))
    return JobReport(
        f"network calendar on {ctx.today}: {outcome.counts()}", outcome.lines(), outcome
    )
