"""Monitoring report reminders: the city's focal points are reminded 180, 90, 30 and 7 days
before a report is due and 30 days after, the secretariat told at 90 days after.

A sweep on any day sends, for each report and recipient, the latest stage whose date has come
(`brain.reminders.report_stage`) and that the ledger has not seen: a hub that was down on the
day still reminds, once, and never sends a stale 180-day note after the 30-day one. One city's
failure is recorded and never stops the others (the outbox isolates each message).
"""

from __future__ import annotations

from brain.reminders import ReportDue, report_stage, reports_owed, secretariat_notice_due
from jobs import messages
from jobs.context import JobContext, JobReport
from jobs.messages import Text
from jobs.outbox import Outgoing
from jobs.recipients import to_focal_points, to_secretariat
from services.i18n import Translator
from services.network import Recipient

JOB = "report-reminders"


async def plan_report_reminders(ctx: JobContext) -> tuple[list[Outgoing], list[str]]:
    """Every reminder due on the context's day, and the recipients held for quiet hours."""
    today = ctx.today
    outgoing: list[Outgoing] = []
    held: list[str] = []
    for city in await ctx.services.network.cities():
        for report in reports_owed(city.designation_year, city.reports, today):
            stage = report_stage(report.due_date, today)
            if stage is not None:

                def build(
                    t: Translator, p: Recipient, n: str = city.name, r: ReportDue = report
                ) -> Text:
                    return messages.report_reminder(t, n, r.cycle, r.due_date, today, p.name)

                key = f"report:{city.id}:{report.cycle}:{stage}"
                outgoing += to_focal_points(ctx, city, JOB, key, build, held)
            if secretariat_notice_due(report.due_date, today):
                t = ctx.catalogs.translator(ctx.config.secretariat_language)
                text = messages.report_notice(t, city.name, report.cycle, report.due_date, today)
                outgoing += to_secretariat(
                    ctx, JOB, f"report-notice:{city.id}:{report.cycle}", text
                )
    return outgoing, held


async def report_reminders(ctx: JobContext) -> JobReport:
    outgoing, held = await plan_report_reminders(ctx)
    outcome = await ctx.outbox.deliver(outgoing)
    lines = outcome.lines()
    if held:
        lines.append(f"held for quiet hours: {len(held)} recipient(s)")
    return JobReport(f"report reminders on {ctx.today}: {outcome.counts()}", lines, outcome)
