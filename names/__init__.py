"""How names fold for matching and become ids: one definition, used by every layer.

- `fold_name`: lower case without accents, so `bogota` finds Bogotá and `lodz` finds Łódź. Latin
  letters are transliterated (ł → l, ı → i, ß → ss, æ → ae); other scripts (Thai, Arabic, ...)
  keep their letters, lower-cased, so a Thai name still matches itself.
- `slugify`: the id made of a name: ASCII letters, digits and single hyphens (`lodz`,
  `kirsehir`, `sanliurfa`), every script transliterated by `anyascii`.
- `legacy_slugify`: the ids the hub made before (letters Unicode does not decompose were
  dropped: Łódź became `odz`); kept only to move old graphs to the new ids, as aliases.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Typographic apostrophes join, as the hub's ids always had them (Huai’an is `huaian`).
_APOSTROPHES = str.maketrans("", "", "\u2019\u2018\u02bc")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base.isascii():
        return base
    if unicodedata.name(base[:1], "").startswith("LATIN"):
        return anyascii(base)  # ł, ı, ø, đ, ħ, ß, æ, œ, þ: no base letter in Unicode
    return base


def fold_name(text: str) -> str:
    """Lower-case and strip accents: what a node's `search_name` holds and searches compare."""
    return "".join(_fold_char(c) for c in text).casefold()


def slugify(text: str) -> str:
    """`Łódź` → `lodz`, `Şanlıurfa` → `sanliurfa`, `Chiang Mai` → `chiang-mai`."""
    plain = anyascii(unicodedata.normalize("NFC", text).translate(_APOSTROPHES))
    return _NOT_SLUG.sub("-", plain.lower()).strip("-")


def legacy_slugify(text: str) -> str:
    """The hub's slugs before transliteration; for aliases of ids made with it only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
