"""Weighted draws of one item at a time, which the generator makes hundreds of thousands of.

`random.Random.choices` sums its weights again on every call; a `Weighted` sums them once and
then draws as `choices` does, with one `rng.random()` per item.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate


def cumulative(weights: list[float] | tuple[float, ...] | tuple[int, ...]) -> list[float]:
    """Running totals of `weights`: the `cum_weights` that `Random.choices` takes."""
    return list(accumulate(float(w) for w in weights))


class Weighted[T]:
    """A weighted choice, cheaper than `Random.choices` for one item at a time."""

    __slots__ = ("_cum", "_items", "_last", "_total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self._items = list(items)
        self._cum = cumulative(tuple(float(w) for w in weights))
        self._total = self._cum[-1]
        self._last = len(self._items) - 1

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect_right(self._cum, rng.random() * self._total, 0, self._last)]
