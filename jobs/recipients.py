"""A city's focal points as recipients of a job's message: one message per focal point and
channel (e-mail, Slack DM), in their language, held while it is night where they are."""

from __future__ import annotations

from collections.abc import Callable

from brain.reminders import local_zone, may_send_now
from jobs.context import JobContext
from jobs.messages import Text, as_email, as_slack
from jobs.outbox import EMAIL, SLACK, Outgoing
from services.i18n import Translator
from services.network import NetworkCity, Recipient


def to_focal_points(
    ctx: JobContext,
    city: NetworkCity,
    job: str,
    key: str,
    build: Callable[[Translator, Recipient], Text],
    held: list[str],
    recipients: tuple[Recipient, ...] | None = None,
) -> list[Outgoing]:
    """The messages of `key` (`report:{city}:{cycle}:{stage}`) to the city's focal points;
    those in their quiet hours are named in `held` and left for a later sweep."""
    out: list[Outgoing] = []
    for point in recipients if recipients is not None else city.focal_points:
        if not (point.email or point.slack_user_id):
            continue
        zone = local_zone(point.timezone, city.longitude)
        if not may_send_now(ctx.now, zone, ctx.config.quiet_hours):
            held.append(f"{key}:{point.id}")
            continue
        t = ctx.catalogs.translator(point.language)
        text = build(t, point)
        if point.email:
            full = f"{key}:{point.id}:{EMAIL}"
            out.append(
                Outgoing(
                    full,
                    job,
                    city.id,
                    EMAIL,
                    point.email,
                    f"[{t.language}] {text.subject}",
                    email=as_email(text, point.email, full, t.language),
                )
            )
        if point.slack_user_id:
            full = f"{key}:{point.id}:{SLACK}"
            out.append(
                Outgoing(
                    full,
                    job,
                    city.id,
                    SLACK,
                    point.slack_user_id,
                    f"[{t.language}] {text.subject}",
                    slack=as_slack(text),
                )
            )
    return out


def to_secretariat(ctx: JobContext, job: str, key: str, text: Text) -> list[Outgoing]:
    """A message of `key` to the secretariat's address and channel, whichever are set."""
    config = ctx.config
    out: list[Outgoing] = []
    if config.secretariat_email:
        full = f"{key}:secretariat:{EMAIL}"
        email = as_email(text, config.secretariat_email, full, config.secretariat_language)
        out.append(
            Outgoing(full, job, None, EMAIL, config.secretariat_email, text.subject, email=email)
        )
    if config.secretariat_channel:
        full = f"{key}:secretariat:{SLACK}"
        out.append(
            Outgoing(
                full,
                job,
                None,
                SLACK,
                config.secretariat_channel,
                text.subject,
                slack=as_slack(text),
            )
        )
    return out
