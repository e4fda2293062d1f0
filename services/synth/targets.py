"""The SDG targets a generated project addresses.

Creative-city projects work on safeguarding heritage (11.4) more than on anything else, then on
a handful of culture-related targets (skills, decent work, sustainable tourism, inclusion,
public space...); any other target of the reference is possible but rare. Only targets of the
reference are drawn, so a project never names one the graph does not hold.
"""

from __future__ import annotations

import random

from services.synth.draw import Weighted

HERITAGE_TARGET = "11.4"  # safeguarding cultural heritage: on many projects
# Targets that creative-city projects work on most, after 11.4; any other target is rarer.
_CULTURE_TARGETS = (
    "4.4", "4.7", "5.5", "8.3", "8.9", "9.5", "10.2", "11.3", "11.7", "11.a", "12.8", "12.b",
    "13.3", "16.7", "17.17",
)  # fmt: skip
_HERITAGE_SHARE = 0.45  # projects whose first target is 11.4
_CULTURE_WEIGHT = 6.0
_OTHER_TARGET_WEIGHT = 0.4
_TARGET_COUNTS = Weighted((1, 2, 3), (55, 32, 13))


class TargetDraw:
    """Draws the targets of one project after another, among the reference's `targets`."""

    __slots__ = ("_heritage", "_known", "_others")

    def __init__(self, targets: list[str]) -> None:
        self._known = targets
        self._others = _other_targets(targets)
        self._heritage = HERITAGE_TARGET in targets

    def draw(self, rng: random.Random, first: str | None = None) -> list[str]:
        """One to three distinct targets: `first` first when the reference has it, otherwise
        11.4 for a share of projects, then others by weight."""
        chosen: list[str] = []
        count = _TARGET_COUNTS.pick(rng)
        if first in self._known:
            chosen.append(first)
        elif self._heritage and rng.random() < _HERITAGE_SHARE:
            chosen.append(HERITAGE_TARGET)
        for _attempt in range(count * 3):
            if len(chosen) >= count:
                break
            target = self._others.pick(rng)
            if target not in chosen:
                chosen.append(target)
        return chosen


def _other_targets(targets: list[str]) -> Weighted[str]:
    """Targets other than 11.4 (which is drawn apart), culture-related ones much likelier."""
    culture = set(_CULTURE_TARGETS)
    others = [t for t in targets if t != HERITAGE_TARGET]
    if not others:  # only 11.4 in the reference
        return Weighted([HERITAGE_TARGET], [1.0])
    weights = [_CULTURE_WEIGHT if t in culture else _OTHER_TARGET_WEIGHT for t in others]
    return Weighted(others, weights)
