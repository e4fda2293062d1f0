"""Whole-graph GraphML files, read with defusedxml's SAX parser (no DTDs' entities, no
external references), so each `<node>` and `<edge>` keeps its line for errors.

Keys are read from their `attr.name` and `attr.type`; `uccn.type` = `string[]` or `json` marks
values written as JSON text. The node attribute named `label` and the edge attribute named
`type` carry the label and the relationship type; node ids are `Label:id`.

XML 1.0 cannot carry most control characters at all (the parser refuses them), but it can carry
C1 controls, and a value typed `string[]` or `json` can hold any character as a JSON escape
(`\u0007`): every decoded value and id is checked in `graph_files` like those of the other
formats, so what no engine can store is a `file:line: field: reason` error here too.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl, InputSource, Locator

import defusedxml
import defusedxml.sax

from services.exchange.batch import BatchBuilder, ImportBatch, file_error
from services.exchange.exporting import GRAPHML_NS, LABEL_KEY, TYPE_KEY, UCCN_TYPE_ATTR
from services.exchange.graph_files import (
    FieldNames,
    NodeRecord,
    RelRecord,
    add_node,
    add_relationship,
)

_NAMES = FieldNames(
    renames={
        "start_label": "source",
        "start_id": "source",
        "end_label": "target",
        "end_id": "target",
    },
    prop_prefix="",
)
_UNSUPPORTED = ("hyperedge", "port", "endpoint")


@dataclass(frozen=True, slots=True)
class _Key:
    domain: str  # node, edge, all, graph, ...
    name: str
    attr_type: str
    uccn_type: str


@dataclass(slots=True)
class _Element:
    kind: str  # node or edge
    line: int
    attrs: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)


class _Handler(ContentHandler):
    def __init__(self, builder: BatchBuilder) -> None:
        super().__init__()
        self.builder = builder
        self.keys: dict[str, _Key] = {}
        self.depth = 0
        self.current: _Element | None = None
        self.data_key: str | None = None
        self.text: list[str] = []
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def _line(self) -> int:
        return (self.locator.getLineNumber() or 1) if self.locator else 1

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        uri, local = name
        self.depth += 1
        if self.depth == 1 and (local != "graphml" or uri not in (GRAPHML_NS, None)):
            raise file_error(
                self.builder.batch.file, f"the root element is <{local}>, not <graphml>"
            )
        if uri not in (GRAPHML_NS, None):
            return
        plain = {n: v for (ns, n), v in attrs.items() if ns is None}
        if local == "key":
            self._key(plain)
        elif local in ("node", "edge"):
            if self.current is not None:
                self.builder.error(self._line(), local, "nested graphs are not supported")
            else:
                self.current = _Element(local, self._line(), plain)
        elif local == "data" and self.current is not None:
            self.data_key, self.text = plain.get("key", ""), []
        elif local in _UNSUPPORTED:
            self.builder.error(self._line(), local, f"<{local}> is not supported")

    def characters(self, content: str) -> None:
        if self.data_key is not None:
            self.text.append(content)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        uri, local = name
        self.depth -= 1
        if uri not in (GRAPHML_NS, None):
            return
        if local == "data" and self.data_key is not None and self.current is not None:
            self._data(self.current, self.data_key, "".join(self.text))
            self.data_key = None
        elif self.current is not None and self.current.kind == local:
            self._finish(self.current)
            self.current = None

    def _key(self, attrs: dict[str, str]) -> None:
        key_id = attrs.get("id", "")
        self.keys[key_id] = _Key(
            attrs.get("for", "all"),
            attrs.get("attr.name", key_id),
            attrs.get("attr.type", "string"),
            attrs.get(UCCN_TYPE_ATTR, ""),
        )

    def _data(self, element: _Element, key_id: str, text: str) -> None:
        key = self.keys.get(key_id)
        line = element.line
        if key is None or key.domain not in (element.kind, "all"):
            self.builder.error(line, key_id or "data", f"no <key> {key_id!r} for {element.kind}s")
            return
        if key.name in element.data:
            self.builder.error(line, key.name, "given twice")
            return
        value, problem = _decode(key, text)
        if problem:
            self.builder.error(line, key.name, problem)
        element.data[key.name] = value

    def _finish(self, element: _Element) -> None:
        line, data = element.line, element.data
        if element.kind == "node":
            label = data.pop(LABEL_KEY, None)
            node_id = element.attrs.get("id", "")
            if isinstance(label, str) and node_id.startswith(f"{label}:"):
                node_id = node_id[len(label) + 1 :]
            elif isinstance(label, str) and label:
                self.builder.error(line, "id", f"must be {label}:<id>")
                node_id = ""
            record = NodeRecord(line, _NAMES, label, node_id, data, lists_as_text=True)
            add_node(self.builder, record)
            return
        rel_type = data.pop(TYPE_KEY, None)
        ends: list[tuple[str, str]] = []
        for side in ("source", "target"):
            label, colon, node_id = element.attrs.get(side, "").partition(":")
            if not colon:
                self.builder.error(line, side, "must be Label:id")
                return
            ends.append((label, node_id))
        (start_label, start_id), (end_label, end_id) = ends
        relationship = RelRecord(
            line, _NAMES, rel_type, start_label, start_id, end_label, end_id, data, True
        )
        add_relationship(self.builder, relationship)


def _decode(key: _Key, text: str) -> tuple[Any, str | None]:
    """The typed value of one `<data>` text: (value, problem)."""
    if key.uccn_type in ("string[]", "json"):
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            return text, f"not valid JSON: {exc.msg}"
    kind = key.attr_type
    try:
        if kind in ("int", "long"):
            return int(text.strip()), None
        if kind in ("float", "double"):
            value = float(text.strip())
            return value, None if math.isfinite(value) else "must be a finite number"
    except ValueError:
        return text, f"{text!r} is not a {kind}"
    if kind == "boolean":
        flag = text.strip().lower()
        if flag in ("true", "1"):
            return True, None
        if flag in ("false", "0"):
            return False, None
        return text, f"{text!r} is not a boolean"
    return text, None


def read_graphml(path: Path, file: str, raw: bytes) -> ImportBatch:
    builder = BatchBuilder(path, file, "graph graphml")
    parser = defusedxml.sax.make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(_Handler(builder))
    source = InputSource(file)
    source.setByteStream(io.BytesIO(raw))
    try:
        parser.parse(source)
    except SAXParseException as exc:
        raise file_error(
            file, f"not valid XML: {exc.getMessage()}", exc.getLineNumber() or 1
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        reason = "refused XML: entity declarations and external references are not allowed"
        raise file_error(file, reason, parser.getLineNumber() or 1) from exc
    return builder.batch
