"""The thematic score counts the need's goals in which a candidate has an unasked target with a
few integer operations on its target bits (`_any_per_goal`): the same count as asking each
goal's mask in turn, which is what the rule says."""

from __future__ import annotations

import random

from brain.partners import _any_per_goal, _goal_mask

GOALS = range(1, 18)


def test_any_per_goal_counts_the_goals_a_loop_over_their_masks_counts() -> None:
    rng = random.Random(11)
    for _ in range(5000):
        goals = rng.sample(GOALS, rng.randint(1, len(GOALS)))
        masks = [_goal_mask(str(g)) for g in goals]
        firsts = sum(mask & -mask for mask in masks)
        # Sparse and dense target sets, the last goal's last bit and the first's first included.
        bits = rng.getrandbits(18 * 32) & rng.getrandbits(18 * 32) & rng.getrandbits(18 * 32)
        for sample in (bits, bits | 1 << (17 * 32 + 31), bits | 1 << 32, 0):
            expected = sum(1 for mask in masks if sample & mask)
            assert (_any_per_goal(sample) & firsts).bit_count() == expected


def test_a_goal_s_bits_never_reach_the_goal_below() -> None:
    for goal in GOALS:
        top = 1 << (goal * 32 + 31)
        assert _any_per_goal(top) & _goal_mask(str(goal - 1)) == 0
        assert _any_per_goal(top) & (1 << goal * 32)
