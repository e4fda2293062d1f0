"""Invented words: the names of invented cities, and of the companies and people named after
them.

A word is two to four syllables drawn from its region's set, so that names sound like their part
of the world without being real places. Their ids and search names are made as the hub makes
real ones, with `names`.
"""

from __future__ import annotations

import random

from services.synth.draw import Weighted
from services.synth.tables import REGION_IDS

_A, _AS, _AP, _EU, _LA = REGION_IDS

# Syllables that give each region's invented names their own sound.
_SYLLABLES: dict[str, tuple[str, ...]] = {
    _A: (
        "ka", "ba", "ndu", "mbo", "la", "zi", "ko", "tu", "ma", "nge", "wa", "se", "bu", "ya",
        "ki", "mu", "ra", "na", "jo", "fa", "di", "ge", "lo", "sa", "ta", "nya", "ru", "be",
    ),
    _AS: (
        "al", "ra", "sha", "ham", "kar", "dir", "mad", "na", "bas", "ri", "za", "ja", "qa", "hal",
        "mar", "sa", "fa", "rim", "tab", "dun", "lat", "ka", "mir", "zar", "ba", "sur", "ha",
    ),
    _AP: (
        "shan", "jin", "wa", "ta", "ko", "ri", "lin", "hai", "pur", "nag", "ban", "chi", "su",
        "mi", "yu", "to", "kan", "pa", "sen", "da", "ma", "hoa", "tan", "yo", "ga", "ra", "ku",
    ),
    _EU: (
        "ber", "ling", "ton", "ford", "vil", "burg", "sta", "len", "dor", "mar", "bro", "kel",
        "ham", "ros", "wen", "ste", "gra", "lau", "ny", "vik", "ra", "no", "ve", "li", "sa", "ko",
    ),
    _LA: (
        "san", "ta", "ri", "co", "pa", "mar", "lo", "bra", "que", "ba", "to", "ca", "la", "gua",
        "ma", "jo", "re", "na", "ti", "cu", "ya", "pe", "do", "ra", "so", "mi", "al", "ro",
    ),
}  # fmt: skip
_SYLLABLE_COUNTS = Weighted((2, 3, 4), (40, 50, 10))


def invent_word(rng: random.Random, region: str) -> str:
    """A capitalised word of `region`'s syllables (Europe's for a region without a set)."""
    pool = _SYLLABLES.get(region, _SYLLABLES[_EU])
    size = _SYLLABLE_COUNTS.pick(rng)
    return "".join(rng.choice(pool) for _ in range(size)).capitalize()


def article(word: str) -> str:
    """The indefinite article before `word`, as a sentence starts: "A" or "An"."""
    return "An" if word[:1].lower() in "aeiou" else "A"
