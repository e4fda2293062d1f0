"""Checks of single values that every import shares: model types, choices, domain ranges, and
what the engines can store at all.

What no engine stores (`storable_problem`): text with control characters, lone surrogates or
U+FFFE/U+FFFF (`text_problem`), text longer than `TEXT_MAX` characters, integers outside signed
64 bits (FalkorDB silently clamps 2**63 to 2**63 - 1, Neo4j refuses it) and floats that are not
finite. Every import and every write through the API is checked against these before anything
is written, so a file either passes in full or writes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any, TypeGuard

from graph.model import Prop, PropType

YEAR_MIN, YEAR_MAX = 1900, 2100
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CURRENCY = re.compile(r"[A-Z]{3}")

YEAR_REASON = f"must be a year from {YEAR_MIN} to {YEAR_MAX}"

# The longest text value a file may hold. The API's own limits are far lower (a summary holds
# 4,000 characters); this one only keeps a runaway cell (a file that lost its closing quote)
# from becoming one property of megabytes.
TEXT_MAX = 100_000
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INT_REASON = "must be a whole number between -2^63 and 2^63 - 1"

# What no stored text may hold: control characters other than tab and line breaks (C0, DEL,
# C1), lone surrogates (not Unicode text: no engine stores them) and U+FFFE/U+FFFF (which XML,
# hence GraphML and GEXF, cannot carry).
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored and exported as it is, or None."""
    found = _UNSAFE_TEXT.search(text)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        kind = "a lone surrogate"
    elif char in "\ufffe\uffff":
        kind = "a noncharacter"
    else:
        kind = "a control character"
    return f"must not contain {kind} (U+{ord(char):04X} at position {found.start()})"


def stored_text_problem(text: str) -> str | None:
    """Why `text` cannot be stored as one property value, or None."""
    if len(text) > TEXT_MAX:
        return f"must be at most {TEXT_MAX:,} characters (it has {len(text):,})"
    return text_problem(text)


def int_problem(value: int) -> str | None:
    return None if INT64_MIN <= value <= INT64_MAX else INT_REASON


def storable_problem(value: Any) -> str | None:
    """Why an engine cannot store `value` as it is (None: it can). A list is checked item by
    item."""
    if isinstance(value, str):
        return stored_text_problem(value)
    if is_int(value):
        return int_problem(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if isinstance(value, list):
        for index, item in enumerate(value):
            problem = storable_problem(item)
            if problem:
                return f"item {index + 1} {problem}"
    return None


def date_problem(text: str) -> str | None:
    """None when `text` is a real calendar date written YYYY-MM-DD within the year range."""
    if not ISO_DATE.fullmatch(text):
        return "must be a date written YYYY-MM-DD"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return f"{text!r} is not a calendar date"
    return None if YEAR_MIN <= day.year <= YEAR_MAX else YEAR_REASON


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def model_value(prop: Prop, value: Any) -> tuple[Any, str | None]:
    """`value` checked against the model type and choices of `prop`: (value, problem).

    An integer given for a float property becomes a float; nothing else is converted.
    """
    problem: str | None = None
    match prop.type:
        case PropType.STRING:
            problem = None if isinstance(value, str) else "must be a string"
        case PropType.DATE:
            problem = date_problem(value) if isinstance(value, str) else "must be a date string"
        case PropType.INT:
            problem = None if is_int(value) else "must be an integer"
        case PropType.FLOAT:
            if not is_number(value) or not math.isfinite(value):
                problem = "must be a finite number"
            else:
                value = float(value)
        case PropType.BOOL:
            problem = None if isinstance(value, bool) else "must be true or false"
        case PropType.STRING_LIST:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            problem = None if ok else "must be a list of strings"
    if problem is None and prop.choices and value not in prop.choices:
        problem = f"must be one of {', '.join(prop.choices)}"
    return value, problem


# The domain range of every number a city, project or application may carry, wherever it is
# written (import, API, bot): a value outside is a mistake (a contribution of 1e308 USD, an
# airport 1e308 km away), never data. Bounds are inclusive.
NUMBER_RANGES: dict[str, tuple[float, float, str]] = {
    "latitude": (-90, 90, "must be between -90 and 90"),
    "longitude": (-180, 180, "must be between -180 and 180"),
    # The largest urban areas hold under 40 million people.
    "population": (0, 100_000_000, "must be between 0 and 100,000,000"),
    # A voluntary contribution, in its currency: from one cent to a hundred million.
    "amount": (0.01, 100_000_000, "must be between 0.01 and 100,000,000"),
    # Half the Earth's circumference is the farthest any airport can be.
    "airport_km": (0, 20_000, "must be between 0 and 20,000 km"),
    "venue_seats": (0, 1_000_000, "must be between 0 and 1,000,000"),
    "hotel_rooms": (0, 1_000_000, "must be between 0 and 1,000,000"),
    "number": (1, 17, "must be an SDG number from 1 to 17"),
    "goal": (1, 17, "must be an SDG number from 1 to 17"),
}


def is_year_field(name: str) -> bool:
    return name in ("year", "cycle") or name.endswith("_year")


def value_problem(name: str, value: Any) -> str | None:
    """Range rules that hold wherever a property of this name appears (None: fine)."""
    if value is None:
        return None
    if is_year_field(name) and is_int(value) and not YEAR_MIN <= value <= YEAR_MAX:
        return YEAR_REASON
    if name in NUMBER_RANGES and is_number(value):
        low, high, reason = NUMBER_RANGES[name]
        # `not low <= value <= high` refuses NaN as well.
        return None if low <= value <= high else reason
    if name == "currency" and isinstance(value, str) and not CURRENCY.fullmatch(value):
        return "must be a 3-letter upper-case ISO 4217 code like USD"
    return None


def cross_problems(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Rules between properties of one node: (field, problem) pairs."""
    problems: list[tuple[str, str]] = []
    start, end = values.get("start_year"), values.get("end_year")
    if is_int(start) and is_int(end) and end < start:
        problems.append(("end_year", f"must not be before start_year ({start})"))
    has_lat, has_lon = values.get("latitude") is not None, values.get("longitude") is not None
    if has_lat and not has_lon:
        problems.append(("longitude", "required when latitude is given"))
    if has_lon and not has_lat:
        problems.append(("latitude", "required when longitude is given"))
    return problems
