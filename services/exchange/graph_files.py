"""Whole-graph files (what `uccn export` writes): records checked against the model.

JSON and CSV are read here, GraphML in `services.exchange.graphml`; all three end in `add_node` and
`add_relationship`, so every format gets the same checks: known label or relationship, id,
property names and types of the model, choices, required properties, year and coordinate
ranges, duplicate ids and relationships, and whether the engines can store every value and id
at all (`values.storable_problem`: no control characters, lone surrogates or U+FFFE/U+FFFF in
text, no text over `TEXT_MAX` characters, whole numbers within signed 64 bits).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import EXPORTED_RELATIONSHIPS, NODE_BY_LABEL, REL_BY_KEY, Prop, PropType
from services.exchange.batch import BatchBuilder, ImportBatch, file_error
from services.exchange.exporting import (
    CSV_COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    NODE_RECORD,
    REL_RECORD,
)
from services.exchange.formats import array_item_lines, csv_header, csv_rows
from services.exchange.values import (
    cross_problems,
    is_int,
    model_value,
    storable_problem,
    stored_text_problem,
    value_problem,
)

_JSON_NODE_KEYS = ("label", "id", "properties")
_JSON_REL_KEYS = ("type", "start", "end", "properties")
_JSON_END_KEYS = ("label", "id")


@dataclass(frozen=True, slots=True)
class FieldNames:
    """How a format names the parts of a record in errors."""

    prefix: str = ""
    renames: Mapping[str, str] = field(default_factory=dict)
    prop_prefix: str = "properties."

    def __call__(self, part: str) -> str:
        return self.prefix + self.renames.get(part, part)

    def prop(self, name: str) -> str:
        return self.prefix + self.prop_prefix + name


@dataclass(frozen=True, slots=True)
class NodeRecord:
    line: int
    names: FieldNames
    label: Any
    id: Any
    props: Mapping[str, Any]
    lists_as_text: bool = False  # GraphML: a string list may come as JSON text


@dataclass(frozen=True, slots=True)
class RelRecord:
    line: int
    names: FieldNames
    type: Any
    start_label: Any
    start_id: Any
    end_label: Any
    end_id: Any
    props: Mapping[str, Any]
    lists_as_text: bool = False


def _props(
    builder: BatchBuilder, rec: NodeRecord | RelRecord, owner: str, specs: tuple[Prop, ...]
) -> dict[str, Any] | None:
    """The record's properties checked against `specs`; None when one was wrong."""
    by_name = {p.name: p for p in specs}
    clean: dict[str, Any] = {}
    ok = True
    for name, raw in rec.props.items():
        spec = by_name.get(name)
        where = rec.names.prop(name)
        if name == "id" or spec is None:
            builder.error(rec.line, where, f"{owner} has no property {name!r}")
            ok = False
            continue
        if raw is None:
            continue
        value = raw
        if rec.lists_as_text and spec.type == PropType.STRING_LIST and isinstance(raw, str):
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                value = raw
        value, problem = model_value(spec, value)
        problem = problem or storable_problem(value) or value_problem(name, value)
        if problem:
            builder.error(rec.line, where, problem)
            ok = False
        clean[name] = value
    for spec in specs:
        if spec.required and spec.name != "id" and clean.get(spec.name) is None:
            builder.error(rec.line, rec.names.prop(spec.name), "required")
            ok = False
    for name, problem in cross_problems(clean):
        builder.error(rec.line, rec.names.prop(name), problem)
        ok = False
    return clean if ok else None


def _text(builder: BatchBuilder, rec: NodeRecord | RelRecord, part: str, value: Any) -> bool:
    if value is None or value == "":
        builder.error(rec.line, rec.names(part), "required")
        return False
    if not isinstance(value, str):
        builder.error(rec.line, rec.names(part), "must be a string")
        return False
    problem = stored_text_problem(value)
    if problem:
        builder.error(rec.line, rec.names(part), problem)
        return False
    return True


def add_node(builder: BatchBuilder, rec: NodeRecord) -> None:
    label_ok = _text(builder, rec, "label", rec.label)
    id_ok = _text(builder, rec, "id", rec.id)
    if not label_ok:
        return
    spec = NODE_BY_LABEL.get(rec.label)
    if spec is None or not spec.exported:
        builder.error(rec.line, rec.names("label"), f"unknown label {rec.label!r}")
        return
    props = _props(builder, rec, rec.label, spec.props)
    if id_ok:
        builder.node(rec.label, {"id": rec.id, **(props or {})}, rec.line, rec.names("id"))


def add_relationship(builder: BatchBuilder, rec: RelRecord) -> None:
    parts = ("type", "start_label", "start_id", "end_label", "end_id")
    values = (rec.type, rec.start_label, rec.start_id, rec.end_label, rec.end_id)
    if not all(
        [_text(builder, rec, part, value) for part, value in zip(parts, values, strict=True)]
    ):
        return
    key = f"{rec.start_label}-{rec.type}-{rec.end_label}"
    rel = REL_BY_KEY.get(key)
    if rel is None or rel not in EXPORTED_RELATIONSHIPS:
        builder.error(rec.line, rec.names("type"), f"the model has no relationship {key}")
        return
    props = _props(builder, rec, key, rel.props)
    fields = (rec.names("start_id"), rec.names("end_id"))
    builder.link(key, rec.start_id, rec.end_id, props or {}, rec.line, fields)


# --- json ---------------------------------------------------------------------------------------


def _unknown_keys(
    builder: BatchBuilder, item: Mapping[str, Any], allowed: tuple[str, ...], line: int, at: str
) -> None:
    for key in item:
        if key not in allowed:
            builder.error(line, f"{at}.{key}", f"unknown key (expected {', '.join(allowed)})")


def _mapping(
    builder: BatchBuilder, value: Any, line: int, at: str, *, optional: bool = False
) -> Mapping[str, Any] | None:
    """`value` when it is a JSON object (or absent and optional); else an error and None."""
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        builder.error(line, at, "must be an object")
        return None
    return value


def _line(lines: dict[str, list[int]], section: str, index: int) -> int:
    found = lines.get(section, [])
    return found[index - 1] if index <= len(found) else 1


def read_graph_json(path: Path, file: str, text: str, document: dict[str, Any]) -> ImportBatch:
    builder = BatchBuilder(path, file, "graph json")
    version = document.get("version")
    if not is_int(version) or version != FORMAT_VERSION:
        raise file_error(file, f"{FORMAT_NAME} version {version!r} is not supported")
    lines = array_item_lines(text)
    for key in document:
        if key not in ("format", "version", "nodes", "relationships"):
            builder.error(1, key, "unknown key (expected format, version, nodes, relationships)")
    for section in ("nodes", "relationships"):
        if not isinstance(document.get(section, []), list):
            builder.error(1, section, "must be an array")
    nodes = document.get("nodes")
    for index, item in enumerate(nodes if isinstance(nodes, list) else [], start=1):
        at, line = f"nodes[{index}]", _line(lines, "nodes", index)
        node = _mapping(builder, item, line, at)
        if node is None:
            continue
        _unknown_keys(builder, node, _JSON_NODE_KEYS, line, at)
        props = _mapping(builder, node.get("properties"), line, f"{at}.properties", optional=True)
        names = FieldNames(f"{at}.")
        record = NodeRecord(line, names, node.get("label"), node.get("id"), props or {})
        add_node(builder, record)
    rels = document.get("relationships")
    for index, item in enumerate(rels if isinstance(rels, list) else [], start=1):
        at, line = f"relationships[{index}]", _line(lines, "relationships", index)
        rel = _mapping(builder, item, line, at)
        if rel is None:
            continue
        _unknown_keys(builder, rel, _JSON_REL_KEYS, line, at)
        start = _mapping(builder, rel.get("start"), line, f"{at}.start") or {}
        end = _mapping(builder, rel.get("end"), line, f"{at}.end") or {}
        _unknown_keys(builder, start, _JSON_END_KEYS, line, f"{at}.start")
        _unknown_keys(builder, end, _JSON_END_KEYS, line, f"{at}.end")
        props = _mapping(builder, rel.get("properties"), line, f"{at}.properties", optional=True)
        renames = {"start_label": "start.label", "start_id": "start.id"}
        renames |= {"end_label": "end.label", "end_id": "end.id"}
        relationship = RelRecord(
            line,
            FieldNames(f"{at}.", renames),
            rel.get("type"),
            start.get("label"),
            start.get("id"),
            end.get("label"),
            end.get("id"),
            props or {},
        )
        add_relationship(builder, relationship)
    return builder.batch


# --- csv ----------------------------------------------------------------------------------------


def read_graph_csv(path: Path, file: str, text: str) -> ImportBatch:
    builder = BatchBuilder(path, file, "graph csv")
    rows = csv_rows(text, file)
    _, header = csv_header(rows, file)
    if tuple(header) != CSV_COLUMNS:
        raise file_error(file, f"a graph CSV file has the columns {','.join(CSV_COLUMNS)}")
    names = FieldNames()
    for line, cells in rows:
        if len(cells) != len(CSV_COLUMNS):
            builder.error(line, "record", f"has {len(cells)} cells, not {len(CSV_COLUMNS)}")
            continue
        row = dict(zip(CSV_COLUMNS, cells, strict=True))
        props = _csv_props(builder, line, row["properties"])
        if row["record"] == NODE_RECORD:
            _must_be_empty(builder, line, row, CSV_COLUMNS[3:8], NODE_RECORD)
            add_node(builder, NodeRecord(line, names, row["label"], row["id"], props))
        elif row["record"] == REL_RECORD:
            _must_be_empty(builder, line, row, ("label", "id"), REL_RECORD)
            relationship = RelRecord(
                line,
                names,
                row["type"],
                row["start_label"],
                row["start_id"],
                row["end_label"],
                row["end_id"],
                props,
            )
            add_relationship(builder, relationship)
        else:
            builder.error(line, "record", f"must be {NODE_RECORD} or {REL_RECORD}")
    return builder.batch


def _csv_props(builder: BatchBuilder, line: int, cell: str) -> dict[str, Any]:
    if not cell.strip():
        return {}
    try:
        props = json.loads(cell)
    except json.JSONDecodeError as exc:
        builder.error(line, "properties", f"not valid JSON: {exc.msg}")
        return {}
    if not isinstance(props, dict):
        builder.error(line, "properties", "must be a JSON object")
        return {}
    return props


def _must_be_empty(
    builder: BatchBuilder, line: int, row: dict[str, str], columns: tuple[str, ...], record: str
) -> None:
    for column in columns:
        if row[column]:
            builder.error(line, column, f"must be empty in a {record} record")
