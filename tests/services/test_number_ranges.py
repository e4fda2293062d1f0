"""Every number a city, project, contribution or host application carries has a domain range,
checked wherever it is written (issue 13, item 12)."""

from __future__ import annotations

import math

import pytest

from services.exchange.values import NUMBER_RANGES, value_problem

CASES = [
    ("amount", 0.01, 100_000_000),
    ("airport_km", 0, 20_000),
    ("venue_seats", 0, 1_000_000),
    ("hotel_rooms", 0, 1_000_000),
    ("population", 0, 100_000_000),
    ("latitude", -90, 90),
    ("longitude", -180, 180),
]


@pytest.mark.parametrize(("name", "low", "high"), CASES)
def test_the_ends_are_in_and_anything_beyond_is_out(name: str, low: float, high: float) -> None:
    assert value_problem(name, low) is None
    assert value_problem(name, high) is None
    reason = NUMBER_RANGES[name][2]
    for outside in (low - 0.001, high + 0.001, 1e308, -1e308, math.nan, math.inf):
        assert value_problem(name, outside) == reason, (name, outside)


def test_a_contribution_of_a_tenth_of_a_cent_is_out() -> None:
    assert value_problem("amount", 1e-7) == "must be between 0.01 and 100,000,000"
