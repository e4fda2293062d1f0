"""The services' sense of time: the system's, or a fixed one (tests, `--as-of` runs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """An aware datetime in UTC."""
        ...

    def today(self) -> dt.date: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return self.now().date()


@dataclass(frozen=True, slots=True)
class FixedClock:
    """Always the same moment: `FixedClock.on(date(2026, 1, 15))` is that day at noon UTC."""

    moment: dt.datetime

    @classmethod
    def on(cls, day: dt.date) -> FixedClock:
        return cls(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC))

    def now(self) -> dt.datetime:
        return self.moment

    def today(self) -> dt.date:
        return self.moment.date()


SYSTEM_CLOCK: Clock = SystemClock()
