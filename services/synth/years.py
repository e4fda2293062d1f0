"""The synthetic calendar: a fixed "now" and the years the network's rules count from.

Fixed rather than read from the clock, so that the same seed gives the same graph on any day:
"overdue", "planned" and "the next call" are relative to `CURRENT_YEAR`, not to today.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

CURRENT_YEAR = 2025  # the synthetic "now": designations up to it, planned projects after it
FIRST_YEAR = 2004  # the network's first designation
REPORT_EVERY = 4  # a Membership Monitoring Report every four years after designation
NEXT_CALL = 2027  # the next call for applications (calls every two years since 2015)
PAST_CALL = NEXT_CALL - 2  # the call before it, already closed in CURRENT_YEAR
HOST_YEAR = 2027  # the Annual Conference that member cities apply to host


def day(rng: random.Random, year: int) -> date:
    """A day of `year`, drawn uniformly (the 31st of December of a leap year excepted)."""
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))
