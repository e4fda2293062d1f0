"""Entity files, row by row: each cell or JSON value converted and checked for its column
(`services.exchange.kinds`), then the row mapped to nodes and relationships.

CSV: one kind per file, a header naming known columns (any order; unknown, repeated or
missing required columns are errors), lists `;`-separated, empty cells = not given. JSON: an
object of sections `{"cities": [...], ...}`, each item an object of known fields, lists as
arrays, numbers as JSON numbers, null = not given; errors name `section[n].field`, n from 1.

Every text cell and list item is refused when an engine could not store it
(`values.stored_text_problem`: control characters, lone surrogates, U+FFFE/U+FFFF, more than
`TEXT_MAX` characters), and every whole number outside signed 64 bits: the API's writes
(`services.rules`) convert their values here too, so the same rule holds however a value comes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from names import slugify
from services.exchange.batch import BatchBuilder, ImportBatch
from services.exchange.formats import array_item_lines, csv_header, csv_rows
from services.exchange.kinds import KINDS, Column, EntityKind, Row
from services.exchange.values import (
    INT_REASON,
    SLUG,
    cross_problems,
    date_problem,
    int_problem,
    is_int,
    is_number,
    stored_text_problem,
    value_problem,
)

_INT = re.compile(r"[+-]?\d+")
_ISO2 = re.compile(r"[A-Za-z]{2}")
_URL = re.compile(r"https?://\S+")
_SDG_TARGET = re.compile(r"\d{1,2}\.[0-9a-z]{1,2}")
LIST_SEPARATOR = ";"


# --- converting and checking values -------------------------------------------------------------


_INT64_DIGITS = 19  # 2**63 has 19 digits: a longer number is out of range (and int() of
# more than 4,300 digits raises instead of converting)


def _text(raw: Any) -> tuple[str | None, str | None]:
    """Stripped text, or None when blank; refused (as given, before stripping) when an engine
    could not store it."""
    if raw is None:
        return None, None
    if not isinstance(raw, str):
        return None, "must be a string"
    problem = stored_text_problem(raw)
    if problem:
        return None, problem
    text = raw.strip()
    return text or None, None


def _whole_number(text: str) -> tuple[int | None, str | None]:
    if not _INT.fullmatch(text):
        return None, "must be a whole number"
    if len(text.lstrip("+-").lstrip("0")) > _INT64_DIGITS:
        return None, INT_REASON
    number = int(text)
    return (None, INT_REASON) if int_problem(number) else (number, None)


def convert_cell(column: Column, raw: Any, from_csv: bool) -> tuple[Any, str | None]:
    """(value, problem) of one cell or JSON value; None stands for "not given"."""
    kind = column.type
    if kind == "list":
        return _convert_list(column, raw, from_csv)
    if kind in ("int", "float") and not from_csv and raw is not None:
        number_ok = is_int(raw) if kind == "int" else is_number(raw) and math.isfinite(raw)
        if not number_ok:
            return None, "must be an integer" if kind == "int" else "must be a finite number"
        if kind == "int" and int_problem(raw):
            return None, INT_REASON
        return (raw if kind == "int" else float(raw)), None
    text, problem = _text(raw)
    if text is None or problem:
        return None, problem
    match kind:
        case "int":
            return _whole_number(text)
        case "float":
            try:
                number = float(text)
            except ValueError:
                return None, "must be a number"
            return (number, None) if math.isfinite(number) else (None, "must be a finite number")
        case "slug":
            ok = SLUG.fullmatch(text)
            return (text, None) if ok else (None, "must be a slug of a-z, 0-9 and single hyphens")
        case "iso2":
            ok = _ISO2.fullmatch(text)
            return (text.upper(), None) if ok else (None, "must be an ISO 3166-1 alpha-2 code")
        case "field":
            return _field_id(text)
        case "url":
            ok = _URL.fullmatch(text)
            return (text, None) if ok else (None, "must be an http:// or https:// URL")
        case "date":
            return text, date_problem(text)
    return text, None


def _field_id(text: str) -> tuple[str | None, str | None]:
    slug = slugify(text)
    return (slug, None) if slug else (None, "must be a creative field id or name")


def _convert_list(column: Column, raw: Any, from_csv: bool) -> tuple[Any, str | None]:
    """A list of stripped, distinct, non-empty items; None when there are none."""
    if raw is None:
        return None, None
    if from_csv and isinstance(raw, str):
        items: list[Any] = raw.split(LIST_SEPARATOR)
    elif not from_csv and isinstance(raw, list):
        items = raw
    else:
        return None, "must be a list of strings"
    values: list[str] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, str):
            return None, "must be a list of strings"
        problem = stored_text_problem(item)
        if problem:
            return None, f"item {index} {problem}"
        text: str | None = item.strip()
        if not text:
            continue
        if column.item == "field":
            text, problem = _field_id(text)
            if problem:
                return None, f"{item.strip()!r} is not a creative field id or name"
        elif column.item == "sdg" and not _SDG_TARGET.fullmatch(text):
            return None, f"{text!r} is not an SDG target code like 11.4"
        if text in values:
            return None, f"lists {text!r} twice"
        values.append(str(text))
    return values or None, None


def add_row(
    kind: EntityKind, row: Row, raw: Mapping[str, Any], from_csv: bool, present: set[str]
) -> None:
    """Convert, check and map one row; `present` are the columns the file has at all (a
    required column missing from the header is reported once, on the header)."""
    values: dict[str, Any] = {}
    refused: set[str] = set()
    for column in kind.columns:
        value, problem = convert_cell(column, raw.get(column.name), from_csv)
        if value is None and column.default is not None:
            value = column.default
        if problem is None and value is None and column.required and column.name in present:
            problem = "required"
        if problem is None and column.choices and value not in (None, *column.choices):
            problem = f"must be one of {', '.join(column.choices)}"
        if problem is None and column.type != "list":
            problem = value_problem(column.name, value)
        if problem:
            row.error(column.name, problem)
            refused.add(column.name)
            value = None
        values[column.name] = value
    for name, problem in cross_problems(values):
        if name not in refused:  # a value refused above is not also "missing"
            row.error(name, problem)
    kind.build(row, values)


# --- files --------------------------------------------------------------------------------------


def read_entity_csv(path: Path, file: str, text: str, kind: EntityKind) -> ImportBatch:
    builder = BatchBuilder(path, file, f"{kind.name} csv")
    rows = csv_rows(text, file)
    header_line, header = csv_header(rows, file)
    columns = [cell.strip() for cell in header]
    expected = ", ".join(c.name for c in kind.columns)
    for index, name in enumerate(columns):
        if kind.column(name) is None:
            reason = f"unknown column for {kind.name} (columns: {expected})"
            builder.error(header_line, name or f"column {index + 1}", reason)
        elif name in columns[:index]:
            builder.error(header_line, name, "column given twice")
    for column in kind.columns:
        if column.required and column.name not in columns:
            builder.error(header_line, column.name, "missing required column")
    present = set(columns)
    for line, cells in rows:
        row = Row(builder, line, "")
        if len(cells) != len(columns):
            row.error("row", f"has {len(cells)} cells, the header has {len(columns)}")
            continue
        add_row(kind, row, dict(zip(columns, cells, strict=True)), True, present)
    return builder.batch


def read_entity_json(
    path: Path, file: str, text: str, document: dict[str, Any], only: str | None
) -> ImportBatch:
    builder = BatchBuilder(path, file, "entities json")
    lines = array_item_lines(text)
    for section, items in document.items():
        if section not in KINDS:
            reason = f"unknown section (sections: {', '.join(KINDS)})"
            builder.error(1, section, reason)
        elif only is not None and section != only:
            builder.error(1, section, f"not allowed with kind {only}")
        elif not isinstance(items, list):
            builder.error(1, section, "must be an array")
    for kind in KINDS.values():
        items = document.get(kind.name)
        if not isinstance(items, list) or (only is not None and kind.name != only):
            continue
        allowed = {c.name for c in kind.columns}
        for index, item in enumerate(items, start=1):
            found = lines.get(kind.name, [])
            line = found[index - 1] if index <= len(found) else 1
            row = Row(builder, line, f"{kind.name}[{index}].")
            if not isinstance(item, dict):
                builder.error(line, f"{kind.name}[{index}]", "must be an object")
                continue
            for key in item:
                if key not in allowed:
                    row.error(key, f"unknown field (fields: {', '.join(sorted(allowed))})")
            add_row(kind, row, item, False, allowed)
    return builder.batch
