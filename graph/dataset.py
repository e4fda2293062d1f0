"""A whole graph (or part of one) as plain data: what load, import, export and synth exchange."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import LABELS, RELATIONSHIPS

Props = dict[str, Any]


def props_from(columns: Sequence[str], values: Sequence[Any]) -> Props:
    """A node's properties from its values in `columns` order; absent ones are not there."""
    return {name: value for name, value in zip(columns, values, strict=True) if value is not None}


@dataclass(frozen=True, slots=True)
class Link:
    start: str
    end: str
    props: Props = field(default_factory=dict)


@dataclass(slots=True)
class GraphData:
    """Nodes by label (each a property map with `id`), relationships by `Start-TYPE-End` key."""

    nodes: dict[str, list[Props]] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=dict)

    def add_node(self, label: str, props: Props) -> None:
        self.nodes.setdefault(label, []).append(props)

    def add_link(self, key: str, start: str, end: str, props: Props | None = None) -> None:
        self.links.setdefault(key, []).append(Link(start, end, props or {}))

    def merge(self, other: GraphData) -> None:
        for label, rows in other.nodes.items():
            self.nodes.setdefault(label, []).extend(rows)
        for key, links in other.links.items():
            self.links.setdefault(key, []).extend(links)

    def node_count(self) -> int:
        return sum(len(rows) for rows in self.nodes.values())

    def link_count(self) -> int:
        return sum(len(links) for links in self.links.values())

    def ordered_labels(self) -> list[str]:
        return [label for label in LABELS if self.nodes.get(label)]

    def ordered_keys(self) -> list[str]:
        return [r.key for r in RELATIONSHIPS if self.links.get(r.key)]

    def canonical(self) -> dict[str, Any]:
        """A sorted, comparable form: two graphs are the same when these are equal."""
        return {
            "nodes": {
                label: sorted(
                    ({k: v for k, v in row.items() if v is not None} for row in rows),
                    key=lambda r: str(r["id"]),
                )
                for label, rows in sorted(self.nodes.items())
                if rows
            },
            "links": {
                key: sorted((link.start, link.end, sorted(link.props.items())) for link in links)
                for key, links in sorted(self.links.items())
                if links
            },
        }
