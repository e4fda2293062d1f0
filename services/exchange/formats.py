"""Reading import files: bytes, format sniffing, UTF-8, JSON with item lines, CSV with lines.

Every problem that makes a whole file unreadable becomes one `ImportRejected` with the field
`file`, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from services.exchange.batch import file_error

FileFormat = Literal["json", "xml", "csv"]
_BOM = b"\xef\xbb\xbf"
_WS = " \t\n\r"


def read_bytes(path: Path, file: str) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise file_error(file, f"cannot read the file: {exc.strerror or exc}") from exc
    if not raw.removeprefix(_BOM).strip():
        raise file_error(file, "the file is empty")
    return raw


def sniff(raw: bytes) -> FileFormat:
    """JSON starts with `{` or `[`, XML with `<`; anything else is read as CSV."""
    head = raw.removeprefix(_BOM).lstrip()[:1]
    if head in (b"{", b"["):
        return "json"
    if head == b"<":
        return "xml"
    return "csv"


def decode_utf8(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise file_error(file, f"not UTF-8 text (byte 0x{bad}); save it as UTF-8", line) from exc


def load_json(text: str, file: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise file_error(file, reason, exc.lineno) from exc
    except RecursionError as exc:
        raise file_error(file, "not valid JSON: nested too deeply") from exc
    except ValueError as exc:  # a number of more than 4,300 digits: Python will not convert it
        raise file_error(file, f"not valid JSON: {exc}".split(";")[0]) from exc


def array_item_lines(text: str) -> dict[str, list[int]]:
    """Line of each item of the arrays of a top-level JSON object, by key.

    `text` must already have parsed as JSON. The walk steps over values with the standard
    decoder, so it costs one more parse of the file.
    """
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if not text.startswith("{", pos):
        return {}
    lines: dict[str, list[int]] = {}
    line, counted = 1, 0

    def line_at(index: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, index)
        counted = index
        return line

    pos = _skip(text, pos + 1)
    while not text.startswith("}", pos):
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # the colon
        if text.startswith("[", pos):
            items: list[int] = []
            pos = _skip(text, pos + 1)
            while not text.startswith("]", pos):
                items.append(line_at(pos))
                _, pos = decoder.raw_decode(text, pos)
                pos = _skip(text, pos)
                if text.startswith(",", pos):
                    pos = _skip(text, pos + 1)
            pos += 1
            lines[str(key)] = items
        else:
            _, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
    return lines


def _skip(text: str, pos: int) -> int:
    """The position of the next character that is not JSON white space."""
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def csv_header(rows: Iterator[tuple[int, list[str]]], file: str) -> tuple[int, list[str]]:
    """The first record of `csv_rows`: (line, column names)."""
    try:
        return next(rows)
    except StopIteration:
        raise file_error(file, "the file has no header row") from None


def csv_rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of each record; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = 0
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise file_error(file, f"not valid CSV: {exc}", reader.line_num or start) from exc
        end = reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells
