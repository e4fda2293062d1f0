"""The generator's draws: a `Weighted` pick is the item `Random.choices` would draw from the same
stream (so replacing one with the other changes no graph), and a project's SDG targets are
distinct targets of the reference, led by the one asked for."""

from __future__ import annotations

import random

from services.synth.draw import Weighted, cumulative
from services.synth.targets import HERITAGE_TARGET, TargetDraw

ITEMS = ("a", "b", "c", "d")
WEIGHTS = (5.0, 0.5, 3.0, 1.5)
TARGETS = ["4.4", "8.3", "11.4", "12.b", "16.7", "17.17"]


def test_weighted_draws_as_random_choices_does() -> None:
    weighted = Weighted(ITEMS, WEIGHTS)
    ours, theirs = random.Random(11), random.Random(11)
    picks = [weighted.pick(ours) for _ in range(500)]
    assert picks == [theirs.choices(ITEMS, weights=WEIGHTS)[0] for _ in range(500)]
    assert set(picks) == set(ITEMS)
    assert cumulative(WEIGHTS) == [5.0, 5.5, 8.5, 10.0]


def test_a_project_names_one_to_three_distinct_targets_of_the_reference() -> None:
    draw, rng = TargetDraw(TARGETS), random.Random(3)
    drawn = [draw.draw(rng) for _ in range(300)]
    assert all(1 <= len(t) <= 3 and len(set(t)) == len(t) for t in drawn)
    assert {t for targets in drawn for t in targets} <= set(TARGETS)
    heritage_first = sum(t[0] == HERITAGE_TARGET for t in drawn) / len(drawn)
    assert 0.3 < heritage_first < 0.6  # 11.4 leads a large share, not all


def test_the_target_asked_for_comes_first_when_the_reference_has_it() -> None:
    draw, rng = TargetDraw(TARGETS), random.Random(5)
    assert all(draw.draw(rng, "16.7")[0] == "16.7" for _ in range(50))
    assert all("9.9" not in draw.draw(rng, "9.9") for _ in range(50))


def test_a_reference_with_only_heritage_still_gives_targets() -> None:
    draw, rng = TargetDraw([HERITAGE_TARGET]), random.Random(1)
    assert all(draw.draw(rng) == [HERITAGE_TARGET] for _ in range(20))
