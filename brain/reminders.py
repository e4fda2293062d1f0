"""When the network reminds whom of what: the pure decisions behind the scheduled jobs.

Monitoring reports are due every `REPORT_EVERY` years from designation, on the 30th of November
(as the secretariat's calls set them), or per cycle from the last report on record. A sweep on
any day sends the *latest* stage whose date has come: a hub that was down on the day of the
90-day note still sends it once, and never sends the 180-day note after the 30-day one. The
idempotency key of each message names the stage, so the ledger refuses a second sending.

Quiet hours are judged in the recipient's local time; a recipient inside them is left for a
later sweep (the reminder sweep runs every hour), never woken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

REPORT_EVERY = 4
REPORT_DUE_MONTH, REPORT_DUE_DAY = 11, 30

# Days from the due date: reminders to the city's focal points before it and one after it.
REPORT_STAGES: tuple[int, ...] = (-180, -90, -30, -7, 30)
# Days after the due date when the secretariat is told the report has not come; the notice is
# live for a month (a later one would be stale: the digest lists every overdue report).
SECRETARIAT_NOTICE_DAYS = 90
SECRETARIAT_NOTICE_LIVE_DAYS = 30


@dataclass(frozen=True, slots=True)
class RecordedReport:
    cycle: int
    due_date: dt.date
    submitted_date: dt.date | None


@dataclass(frozen=True, slots=True)
class ReportDue:
    """A report the city owes (or has sent) for one cycle; `recorded` when on record."""

    cycle: int
    due_date: dt.date
    submitted_date: dt.date | None
    recorded: bool

    @property
    def submitted(self) -> bool:
        return self.submitted_date is not None

    def days_left(self, today: dt.date) -> int:
        return (self.due_date - today).days


def expected_due_date(cycle: int) -> dt.date:
    return dt.date(cycle, REPORT_DUE_MONTH, REPORT_DUE_DAY)


def reports_owed(
    designation_year: int | None, recorded: Iterable[RecordedReport], today: dt.date
) -> list[ReportDue]:
    """The reports a city owes on `today`, earliest due first: those on record and not
    submitted, and the cycle in progress when it is not on record yet.

    The cycle in progress is the latest one (every `REPORT_EVERY` years from designation, or
    from the last report on record) whose reminders have begun, else the next one. Cycles
    before it that the hub has no record of are the secretariat's paper history.
    """
    on_record = {r.cycle: r for r in recorded}
    anchor = max(on_record, default=designation_year)
    if anchor is None:
        return []
    first_stage = dt.timedelta(days=-REPORT_STAGES[0])
    cycle = anchor + REPORT_EVERY
    while expected_due_date(cycle + REPORT_EVERY) - first_stage <= today:
        cycle += REPORT_EVERY
    owed = [
        ReportDue(r.cycle, r.due_date, None, True)
        for r in on_record.values()
        if r.submitted_date is None
    ]
    if cycle not in on_record:
        owed.append(ReportDue(cycle, expected_due_date(cycle), None, False))
    return sorted(owed, key=lambda r: (r.due_date, r.cycle))


def report_stage(due_date: dt.date, today: dt.date) -> int | None:
    """The stage (days from due) to remind at on `today`: the latest whose date has come, while
    it is live (until the next stage's date; the last until the secretariat takes over).
    None before the first stage and once the secretariat has it."""
    offset = (today - due_date).days
    ends = (*REPORT_STAGES[1:], SECRETARIAT_NOTICE_DAYS)
    for stage, end in zip(REPORT_STAGES, ends, strict=True):
        if stage <= offset < end:
            return stage
    return None


def secretariat_notice_due(due_date: dt.date, today: dt.date) -> bool:
    """The secretariat hears of a missing report from +90 days (while the notice is live)."""
    offset = (today - due_date).days - SECRETARIAT_NOTICE_DAYS
    return 0 <= offset < SECRETARIAT_NOTICE_LIVE_DAYS


# Contributions: a January note, a mid-year note to those who have not given; each at most
# once a quarter (the quarter is in the note's idempotency key). Each note's months lie in one
# quarter: a hub down in January still sends the note in February, once.
JANUARY_NOTE_MONTHS = (1, 2)
MIDYEAR_NOTE_MONTHS = (7, 8)


def quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def contribution_note(today: dt.date, contributed_this_year: bool) -> str | None:
    """`january`, `midyear` or None: which courteous note a city gets on `today`."""
    if today.month in JANUARY_NOTE_MONTHS:
        return "january"
    if today.month in MIDYEAR_NOTE_MONTHS and not contributed_this_year:
        return "midyear"
    return None


# Introductions: ask both sides at 14 days, nudge at 30, close as "no answer" at 44.
FOLLOW_UP_STAGES: tuple[int, ...] = (14, 30)
CLOSE_AFTER_DAYS = 44


def follow_up_stage(requested: dt.date, today: dt.date) -> int | None:
    age = (today - requested).days
    come = [stage for stage in FOLLOW_UP_STAGES if stage <= age]
    return come[-1] if come else None


def introduction_expired(requested: dt.date, today: dt.date) -> bool:
    return (today - requested).days >= CLOSE_AFTER_DAYS


@dataclass(frozen=True, slots=True)
class QuietHours:
    """Local hours when nobody is sent a reminder: from `start` (inclusive) to `end`."""

    start: int = 20
    end: int = 8

    def contains(self, local: dt.time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local.hour < self.end
        return local.hour >= self.start or local.hour < self.end


def local_zone(timezone: str | None, longitude: float | None) -> dt.tzinfo:
    """The recipient's zone: its IANA name, else the city's solar offset, else UTC."""
    if timezone:
        try:
            return ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if longitude is not None:
        hours = max(-12, min(14, round(longitude / 15)))
        return dt.timezone(dt.timedelta(hours=hours))
    return dt.UTC


def may_send_now(now: dt.datetime, zone: dt.tzinfo, quiet: QuietHours) -> bool:
    return not quiet.contains(now.astimezone(zone).time())


# The network calendar: biennial calls (odd years since 2015), the Steering Group's two-year
# rotation (even years since 2014), the Annual Conference's host cycle.
CALL_FIRST_YEAR, CALL_EVERY = 2015, 2
CALL_OPENS = (3, 1)  # month, day
CALL_CLOSES = (6, 30)
STEERING_FIRST_YEAR, STEERING_EVERY = 2014, 2
STEERING_ROTATES = (1, 15)
HOST_CANDIDATURES_OPEN = (2, 1)
HOST_CANDIDATURES_CLOSE = (4, 30)
HOST_RANKING = (5, 15)
CALENDAR_NOTICE_DAYS = 14


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    key: str  # `call-opens:2027`: the event and its year, the message's idempotency key
    kind: str
    year: int
    day: dt.date


def network_calendar(year: int) -> list[CalendarEvent]:
    events: list[CalendarEvent] = []
    if year >= CALL_FIRST_YEAR and (year - CALL_FIRST_YEAR) % CALL_EVERY == 0:
        events.append(
            CalendarEvent(f"call-opens:{year}", "call-opens", year, dt.date(year, *CALL_OPENS))
        )
        events.append(
            CalendarEvent(f"call-closes:{year}", "call-closes", year, dt.date(year, *CALL_CLOSES))
        )
    if year >= STEERING_FIRST_YEAR and (year - STEERING_FIRST_YEAR) % STEERING_EVERY == 0:
        events.append(
            CalendarEvent(
                f"steering-rotation:{year}",
                "steering-rotation",
                year,
                dt.date(year, *STEERING_ROTATES),
            )
        )
    events.append(
        CalendarEvent(
            f"host-candidatures-open:{year}",
            "host-candidatures-open",
            year,
            dt.date(year, *HOST_CANDIDATURES_OPEN),
        )
    )
    events.append(
        CalendarEvent(
            f"host-candidatures-close:{year}",
            "host-candidatures-close",
            year,
            dt.date(year, *HOST_CANDIDATURES_CLOSE),
        )
    )
    events.append(
        CalendarEvent(f"host-ranking:{year}", "host-ranking", year, dt.date(year, *HOST_RANKING))
    )
    return sorted(events, key=lambda e: (e.day, e.key))


def calendar_notices(today: dt.date, days: int = CALENDAR_NOTICE_DAYS) -> list[CalendarEvent]:
    """Events whose notice is due on `today`: within `days` before the event, up to the day
    itself (a missed day still notifies, once, until the event has passed)."""
    found: list[CalendarEvent] = []
    for year in (today.year, today.year + 1):
        for event in network_calendar(year):
            if 0 <= (event.day - today).days <= days:
                found.append(event)
    return found


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def count_in(values: Sequence[bool]) -> int:
    return sum(1 for v in values if v)
