"""`uccn export`: the whole graph as one JSON, CSV or GraphML document.

The three formats carry the same thing and `uccn import` reads each of them back to the same
graph, property types included. Output is deterministic: labels and relationships in model
order, nodes sorted by id, relationships by (start, end, properties).

* json: `{"format": "uccn-graph", "version": 1, "nodes": [...], "relationships": [...]}`; a
  node is `{"label", "id", "properties"}`, a relationship `{"type", "start": {"label", "id"},
  "end": {"label", "id"}, "properties"}`. `properties` never holds `id`.
* csv: one file, columns `CSV_COLUMNS`; `record` is `node` or `relationship`, and
  `properties` is a JSON object with sorted keys, so every value keeps its type.
* graphml: node ids `Label:id`, the node attribute `label`, the edge attribute `type`, and one
  typed `<key>` per property name and value type used. Every `<key>` also carries the attribute
  `uccn.type` (`string`, `int`, `float`, `bool`, `string[]` or `json`); lists are written as
  JSON text, which tools that ignore `uccn.type` see as a plain string. Edges have no GraphML
  id (tools number them; networkx would otherwise keep it as a property). Read and checked with
  networkx 3.7: every value comes back with its type.

An export writes what the graph holds, or nothing: `export_graph` checks the whole graph before
its first byte and raises `ExportRefused`, naming each node or relationship and property, when
the format cannot carry a value exactly. XML 1.0 (hence GraphML) cannot carry control characters
other than tab and line breaks, nor U+FFFE/U+FFFF, in any way (not even as `&#7;`), and none of
the formats can write a lone surrogate (it is not Unicode text). Imports and the API refuse such
text, so only a value written around them can hold it; JSON and CSV still carry control
characters (JSON escapes them), so the same graph exports as json or csv, and re-importing the
node with a clean value makes it exportable as GraphML again. Nothing is escaped or replaced:
an export that changed values would not import back to the same graph.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import tempfile
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any, Literal, TextIO
from xml.sax.saxutils import escape, quoteattr

from graph.dataset import GraphData, Link, Props
from graph.model import EXPORTED_RELATIONSHIPS, NODES, REL_BY_KEY, PropType

ExportFormat = Literal["json", "csv", "graphml"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "graphml")

FORMAT_NAME = "uccn-graph"
FORMAT_VERSION = 1
CSV_COLUMNS = (
    "record",
    "label",
    "id",
    "start_label",
    "start_id",
    "type",
    "end_label",
    "end_id",
    "properties",
)
NODE_RECORD = "node"
REL_RECORD = "relationship"

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
UCCN_TYPE_ATTR = "uccn.type"
LABEL_KEY = "label"  # key id and attr.name of the node label
TYPE_KEY = "type"  # key id and attr.name of the edge type
INT32 = range(-(2**31), 2**31)

# uccn.type of a value -> GraphML attr.type
GRAPHML_TYPES = {
    "string": "string",
    "int": "int",
    "float": "double",
    "bool": "boolean",
    "string[]": "string",
    "json": "string",
}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PLAIN_ATTR = re.compile("[^&<>\"'\n\r\t]*")  # quoteattr would only add the quotes
_PLAIN_TEXT = re.compile("[^&<>\r]*")  # escape would change nothing
_PROBLEMS_SHOWN = 10
COPY_CHARS = 2**16  # characters of the body read at once


class ExportRefused(Exception):
    """The graph holds values the format cannot carry; nothing was written. `problems` names
    each (node or relationship, property, character)."""

    def __init__(self, fmt: str, problems: list[str]) -> None:
        self.fmt = fmt
        self.problems = problems
        shown = "; ".join(problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        other = " (json and csv carry control characters)" if fmt == "graphml" else ""
        super().__init__(
            f"the graph cannot be exported as {fmt}, nothing was written: {shown}"
            + (f"; and {more} more" if more > 0 else "")
            + f". Import those nodes again with clean values, or export another format{other}."
        )


def export_graph(data: GraphData, fmt: ExportFormat, out: TextIO) -> None:
    """Write `data` to `out` in format `fmt`; `ExportRefused` (and nothing written) when the
    format cannot carry one of its values."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    problems = export_problems(data, fmt)
    if problems:
        raise ExportRefused(fmt, problems)
    if fmt == "json":
        _write_json(data, out)
    elif fmt == "csv":
        _write_csv(data, out)
    else:
        _write_graphml(data, out)


# --- what a format cannot carry -------------------------------------------------------------------


def export_problems(data: GraphData, fmt: ExportFormat) -> list[str]:
    """Every value of `data` that `fmt` cannot write exactly, in export order, in words."""
    problems: list[str] = []
    for label, row in ordered_nodes(data):
        where = f"{label} {row['id']!r}"
        _check_text(problems, fmt, f"{where}, its id", str(row["id"]))
        _check_props(problems, fmt, where, row)
    for key, link in ordered_links(data):
        where = f"relationship {key} {link.start!r} -> {link.end!r}"
        _check_text(problems, fmt, f"{where}, its start", link.start)
        _check_text(problems, fmt, f"{where}, its end", link.end)
        _check_props(problems, fmt, where, link.props)
    return problems


def _check_props(problems: list[str], fmt: ExportFormat, where: str, props: Props) -> None:
    for name, value in properties(props).items():
        _check_text(problems, fmt, f"{where}, a property name", name)
        try:
            kind = uccn_type_of(value)
        except TypeError as exc:
            problems.append(f"{where}, property {name}: {exc}")
            continue
        if kind == "json" and not all(_is_scalar(v) for v in value):
            problems.append(f"{where}, property {name}: a list may hold only plain values")
            continue
        _check_text(problems, fmt, f"{where}, property {name}", _written(fmt, kind, value))


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _written(fmt: ExportFormat, kind: str, value: Any) -> str:
    """The text of a value as `fmt` writes it (strings and JSON text are what can go wrong)."""
    if fmt == "graphml":
        return graphml_text(value)
    if kind in ("string[]", "json"):
        return json.dumps(value, ensure_ascii=False)
    return value if isinstance(value, str) else ""


def _check_text(problems: list[str], fmt: ExportFormat, where: str, text: str) -> None:
    found = _SURROGATE.search(text)
    if found:
        problems.append(f"{where}: {_char(found)} is a lone surrogate, not Unicode text")
        return
    found = _XML_FORBIDDEN.search(text) if fmt == "graphml" else None
    if found:
        problems.append(f"{where}: {_char(found)} is a character XML 1.0 cannot carry")


def _char(found: re.Match[str]) -> str:
    return f"U+{ord(found.group()):04X} at position {found.start()}"


# --- ordering -----------------------------------------------------------------------------------


def ordered_nodes(data: GraphData) -> Iterator[tuple[str, Props]]:
    for label in data.ordered_labels():
        for row in sorted(data.nodes[label], key=lambda r: str(r["id"])):
            yield label, row


def ordered_links(data: GraphData) -> Iterator[tuple[str, Link]]:
    for key in data.ordered_keys():
        links = sorted(data.links[key], key=lambda k: (k.start, k.end))
        if any((a.start, a.end) == (b.start, b.end) for a, b in itertools.pairwise(links)):
            # a pair joined twice (no write of ours makes one): its properties decide
            links.sort(key=lambda k: (k.start, k.end, props_json(k.props)))
        for link in links:
            yield key, link


def properties(props: Props) -> Props:
    """The properties to write: sorted, without `id` and without nulls."""
    return {k: props[k] for k in sorted(props) if k != "id" and props[k] is not None}


def props_json(props: Props) -> str:
    return json.dumps(properties(props), ensure_ascii=False, separators=(",", ":"))


# --- json ---------------------------------------------------------------------------------------


def _write_json(data: GraphData, out: TextIO) -> None:
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as body:
        stream = JsonStream(body)
        stream.add(data)
        stream.finish(out)


class JsonStream:
    """The JSON document written a page at a time, as `json.dump(document, indent=2)` writes it
    whole (the same bytes, tested): nodes and relationships go to `body` (a temporary file) as
    pages arrive, every node page before the first relationship page (`GraphStore.read_pages`
    reads them so). All or nothing, as `GraphmlStream`: a page holding what JSON cannot carry
    (a lone surrogate) is named by `document`, which then refuses the whole."""

    def __init__(self, body: TextIO) -> None:
        self.body = body
        self.problems: list[str] = []
        self.nodes = 0
        self.links = 0
        self._section = "nodes"
        body.write(
            f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n  "nodes": ['
        )

    def add(self, page: GraphData) -> None:
        """Check one page and, while nothing was refused, write its nodes and relationships
        (a search of their text checks them; value by value only to name a problem)."""
        if self.problems:
            self.problems.extend(export_problems(page, "json"))
            return
        try:
            nodes = [_json_node(label, row) for label, row in ordered_nodes(page)]
            links = [_json_link(key, link) for key, link in ordered_links(page)]
            writable = not any(_SURROGATE.search(item) for item in (*nodes, *links))
        except (TypeError, ValueError):
            writable = False
        if not writable:
            self.problems.extend(export_problems(page, "json") or ["a page of the graph"])
            return
        if nodes and self._section != "nodes":
            raise RuntimeError("a JSON export takes every node page before the relationships")
        self._items(nodes, self.nodes)
        self.nodes += len(nodes)
        if links:
            self._open_relationships()
            self._items(links, self.links)
            self.links += len(links)

    def _items(self, items: list[str], written: int) -> None:
        if items:
            self.body.write(("\n" if not written else ",\n") + ",\n".join(items))

    def _open_relationships(self) -> None:
        if self._section == "nodes":
            self.body.write(("\n  ]" if self.nodes else "]") + ',\n  "relationships": [')
            self._section = "relationships"

    def finish(self, out: TextIO) -> None:
        """Write the document to `out` (`ExportRefused`, and nothing written, as `document`)."""
        for chunk in self.document():
            out.write(chunk)

    def document(self) -> Iterator[str]:
        """The document in chunks; `ExportRefused` at once when any page was refused."""
        if self.problems:
            raise ExportRefused("json", self.problems)
        self._open_relationships()
        self.body.write(("\n  ]" if self.links else "]") + "\n}\n")
        return self._chunks()

    def _chunks(self) -> Iterator[str]:
        self.body.seek(0)
        while block := self.body.read(COPY_CHARS):
            yield block


# A node or relationship as `json.dump(..., indent=2)` writes it in the document's list: the
# usual values written here, lists (and anything rarer) by the json module, indented to fit.
_ITEM = "    "


def _json_node(label: str, row: Props) -> str:
    return (
        f'{_ITEM}{{\n{_ITEM}  "label": {_json_value(label, "")},\n'
        f'{_ITEM}  "id": {_json_value(row["id"], "")},\n'
        f'{_ITEM}  "properties": {_json_props(properties(row))}\n{_ITEM}}}'
    )


def _json_link(key: str, link: Link) -> str:
    rel = REL_BY_KEY[key]
    start, end, inner = _json_value(link.start, ""), _json_value(link.end, ""), f"{_ITEM}    "
    return (
        f'{_ITEM}{{\n{_ITEM}  "type": {_json_value(rel.type, "")},\n'
        f'{_ITEM}  "start": {{\n{inner}"label": {_json_value(rel.start, "")},\n'
        f'{inner}"id": {start}\n{_ITEM}  }},\n'
        f'{_ITEM}  "end": {{\n{inner}"label": {_json_value(rel.end, "")},\n'
        f'{inner}"id": {end}\n{_ITEM}  }},\n'
        f'{_ITEM}  "properties": {_json_props(properties(link.props))}\n{_ITEM}}}'
    )


def _json_props(props: Props) -> str:
    if not props:
        return "{}"
    inner = f"{_ITEM}    "
    lines = [f"{inner}{encode_basestring(k)}: {_json_value(v, inner)}" for k, v in props.items()]
    return "{\n" + ",\n".join(lines) + f"\n{_ITEM}  }}"


def _json_value(value: Any, indent: str) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool):
        return "null" if value is None else ("true" if value else "false")
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return float.__repr__(value)
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if not isinstance(value, list):
        raise TypeError(f"cannot export a property value of type {type(value).__name__}")
    if not all(_is_scalar(v) for v in value):
        raise ValueError("a list may hold only plain values")
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + indent)  # JSON text holds no line break of its own


# --- csv ----------------------------------------------------------------------------------------


def _write_csv(data: GraphData, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for label, row in ordered_nodes(data):
        writer.writerow([NODE_RECORD, label, row["id"], "", "", "", "", "", props_json(row)])
    for key, link in ordered_links(data):
        rel = REL_BY_KEY[key]
        ends = [rel.start, link.start, rel.type, rel.end, link.end]
        writer.writerow([REL_RECORD, "", "", *ends, props_json(link.props)])


# --- graphml ------------------------------------------------------------------------------------


def uccn_type_of(value: Any) -> str:
    """The `uccn.type` of one property value."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "string[]"
    if isinstance(value, list):
        return "json"
    raise TypeError(f"cannot export a property value of type {type(value).__name__}")


def graphml_node_id(label: str, node_id: str) -> str:
    return f"{label}:{node_id}"


def _model_kinds(domain: Literal["node", "edge"]) -> dict[str, frozenset[str]]:
    """The `uccn.type`s the model gives each property name of a domain (a date is a string)."""
    specs = [n for n in NODES if n.exported] if domain == "node" else list(EXPORTED_RELATIONSHIPS)
    kinds: dict[str, set[str]] = {}
    for spec in specs:
        for prop in spec.props:
            kind = "string" if prop.type == PropType.DATE else str(prop.type)
            kinds.setdefault(prop.name, set()).add(kind)
    return {name: frozenset(found) for name, found in kinds.items()}


class GraphmlStream:
    """A GraphML document written a page at a time, so a whole-graph export never holds the
    graph: elements go to `body` (a temporary file) as pages arrive, with key ids taken from
    the model (`n.name`, or `n.name.type` for a type the model does not give that name alone),
    and `finish` writes the keys actually used, then the body. All or nothing: every page is
    checked first (`export_problems`) and `finish` raises `ExportRefused` naming them all."""

    def __init__(self, body: TextIO) -> None:
        self.body = body
        self.problems: list[str] = []
        self.nodes = 0
        self.links = 0
        self._model: dict[str, dict[str, frozenset[str]]] = {
            "node": _model_kinds("node"),
            "edge": _model_kinds("edge"),
        }
        self._used: dict[tuple[str, str, str], bool] = {}  # (domain, name, kind) -> needs long
        self._openings: dict[tuple[str, str, str], str] = {}

    def _data(self, domain: Literal["node", "edge"], name: str, value: Any) -> str:
        """One `<data>` element, its key noted as used (`ValueError`: a list of lists)."""
        kind = uccn_type_of(value)
        if kind == "json" and not all(_is_scalar(v) for v in value):
            raise ValueError("a list may hold only plain values")
        seen = (domain, name, kind)
        opening = self._openings.get(seen)
        if opening is None:
            opening = self._openings[seen] = f"<data key={quoteattr(self._key_id(*seen))}>"
            self._used[seen] = False
        if kind == "int" and not self._used[seen] and value not in INT32:
            self._used[seen] = True
        return f"{opening}{_escaped(graphml_text(value))}</data>"

    def _key_id(self, domain: str, name: str, kind: str) -> str:
        prefix = "n" if domain == "node" else "e"
        alone = self._model[domain].get(name) == frozenset((kind,))
        return f"{prefix}.{name}" if alone else f"{prefix}.{name}.{kind}"

    def _page_text(self, page: GraphData) -> str:
        parts: list[str] = []
        for label, row in ordered_nodes(page):
            parts.append(f"    <node id={_quoted(graphml_node_id(label, str(row['id'])))}>")
            parts.append(f'<data key="{LABEL_KEY}">{label}</data>')
            parts.extend(self._data("node", n, v) for n, v in properties(row).items())
            parts.append("</node>\n")
        for key, link in ordered_links(page):
            rel = REL_BY_KEY[key]
            source = _quoted(graphml_node_id(rel.start, link.start))
            target = _quoted(graphml_node_id(rel.end, link.end))
            parts.append(f"    <edge source={source} target={target}>")
            parts.append(f'<data key="{TYPE_KEY}">{rel.type}</data>')
            parts.extend(self._data("edge", n, v) for n, v in properties(link.props).items())
            parts.append("</edge>\n")
        return "".join(parts)

    def add(self, page: GraphData) -> None:
        """Check one page and, while nothing was refused, write its nodes and relationships.
        Every id, name and value is in the page's text, so one search of the text checks the
        page; only a page that fails it is checked value by value, to name each problem."""
        if not self.problems:
            try:
                text = self._page_text(page)
            except (TypeError, ValueError):
                text = ""  # named below
            if text and not _UNWRITABLE.search(text):
                self.body.write(text)
                self.nodes += page.node_count()
                self.links += page.link_count()
                return
        self.problems.extend(export_problems(page, "graphml"))

    def finish(self, out: TextIO) -> None:
        """Write the document to `out` (`ExportRefused`, and nothing written, as `document`)."""
        for chunk in self.document():
            out.write(chunk)

    def document(self) -> Iterator[str]:
        """The document in chunks: the header with the keys used, then the body. Raises
        `ExportRefused` at once when any page held a value GraphML cannot carry."""
        if self.problems:
            raise ExportRefused("graphml", self.problems)
        return self._chunks()

    def _chunks(self) -> Iterator[str]:
        yield self._header()
        self.body.seek(0)
        while block := self.body.read(COPY_CHARS):
            yield block
        yield "  </graph>\n</graphml>\n"

    def _header(self) -> str:
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}"\n'
            f'    xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_SCHEMA}">\n',
            f"  <desc>UCCN Hub graph export ({FORMAT_NAME} version {FORMAT_VERSION})</desc>\n",
            f'  <key id="{LABEL_KEY}" for="node" attr.name="{LABEL_KEY}" attr.type="string" '
            f'{UCCN_TYPE_ATTR}="string"/>\n',
        ]
        for domain in ("node", "edge"):
            for seen_domain, name, kind in sorted(self._used):
                if seen_domain != domain:
                    continue
                key_id = self._key_id(domain, name, kind)
                attr_type = "long" if self._used[(domain, name, kind)] else GRAPHML_TYPES[kind]
                lines.append(
                    f'  <key id={_attr(key_id)} for="{domain}" attr.name={_attr(name)} '
                    f'attr.type="{attr_type}" {UCCN_TYPE_ATTR}="{kind}"/>\n'
                )
        lines.append(
            f'  <key id="{TYPE_KEY}" for="edge" attr.name="{TYPE_KEY}" attr.type="string" '
            f'{UCCN_TYPE_ATTR}="string"/>\n'
        )
        lines.append('  <graph id="uccn" edgedefault="directed">\n')
        return "".join(lines)


def graphml_text(value: Any) -> str:
    """A property value as the text of a GraphML `<data>` element."""
    kind = uccn_type_of(value)
    if kind == "bool":
        return "true" if value else "false"
    if kind in ("int", "string"):
        return str(value)
    if kind == "float":
        if math.isnan(value):
            return "NaN"
        return repr(float(value)) if math.isfinite(value) else ("INF" if value > 0 else "-INF")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _attr(value: str) -> str:
    if _XML_FORBIDDEN.search(value):
        raise ValueError(f"{value!r} holds a control character that XML 1.0 cannot carry")
    return quoteattr(value)


def _quoted(value: str) -> str:
    return f'"{value}"' if _PLAIN_ATTR.fullmatch(value) else quoteattr(value)


def _escaped(value: str) -> str:
    return value if _PLAIN_TEXT.fullmatch(value) else escape(value, {"\r": "&#13;"})


def _write_graphml(data: GraphData, out: TextIO) -> None:
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as body:
        stream = GraphmlStream(body)
        stream.add(data)
        stream.finish(out)
