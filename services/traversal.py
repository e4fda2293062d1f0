"""Walks of the cooperation graph for researchers: a bounded neighbourhood, a shortest path.

Plain Python over the store: one query per hop and label for neighbourhoods (and one more for
the edges among the outermost nodes), one for paths.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.dataset import Props
from graph.model import EXPORTED_LABELS
from graph.statements.paths import MAX_PATH_HOPS
from graph.statements.traversal import HOP
from graph.store import GraphStore
from services.core import Service
from services.errors import InvalidInput, Missing

MAX_NEIGHBOURHOOD_HOPS = 3


@dataclass(frozen=True, slots=True)
class GraphNode:
    label: str
    key: str
    props: Props


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: tuple[str, str]
    target: tuple[str, str]
    type: str


@dataclass(slots=True)
class Subgraph:
    nodes: dict[tuple[str, str], GraphNode] = field(default_factory=dict)
    edges: set[GraphEdge] = field(default_factory=set)
    truncated: bool = False


async def neighbourhood(store: GraphStore, start: GraphNode, hops: int, max_nodes: int) -> Subgraph:
    """Every node within `hops` of `start` and the edges among them, up to `max_nodes` nodes
    (nearest first).

    One query per label for each hop, and one more from the outermost nodes: that last walk
    adds no node, only the edges between nodes already found (two cities of one country, a
    project and its field, at the same distance from the start).
    """
    if not 1 <= hops <= MAX_NEIGHBOURHOOD_HOPS:
        raise InvalidInput(f"`hops` must be between 1 and {MAX_NEIGHBOURHOOD_HOPS}", ("hops",))
    graph = Subgraph()
    graph.nodes[(start.label, start.key)] = start
    frontier = [(start.label, start.key)]
    limit = max_nodes * 20
    for depth in range(hops + 1):
        outermost = depth == hops
        by_label: dict[str, list[str]] = defaultdict(list)
        for label, key in frontier:
            by_label[label].append(key)
        frontier = []
        for label in sorted(by_label):
            rows = await store.run(HOP[label], ids=by_label[label], limit=limit)
            if len(rows) >= limit:
                graph.truncated = True  # the row limit may have cut nodes or edges
            for row in rows:
                here = (label, str(row["key"]))
                there = (str(row["label"]), str(row["id"]))
                if there not in graph.nodes:
                    if outermost:
                        continue  # beyond `hops`
                    if len(graph.nodes) >= max_nodes:
                        graph.truncated = True
                        continue
                    graph.nodes[there] = GraphNode(there[0], there[1], dict(row["props"]))
                    frontier.append(there)
                source, target = (here, there) if row["outgoing"] else (there, here)
                graph.edges.add(GraphEdge(source, target, str(row["type"])))
    return graph


async def cooperation_path(
    store: GraphStore, start: str, end: str, max_hops: int
) -> list[tuple[str, str]] | None:
    """(label, id) of each node on a shortest path between two cities, or None if none."""
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InvalidInput(f"`max_hops` must be between 1 and {MAX_PATH_HOPS}", ("max_hops",))
    if start == end:
        # A city is where it is; Neo4j's shortestPath refuses equal ends, FalkorDB finds none.
        return [("City", start)]
    rows = await store.cooperation_path(start, end, max_hops)
    if not rows:
        return None
    return [(str(n["label"]), str(n["id"])) for n in rows[0]["nodes"]]


class Traversal(Service):
    async def path(self, start: str, end: str, max_hops: int) -> list[tuple[str, str]] | None:
        """The shortest cooperation path between two cities (`from`, `to`), or None."""
        found = await self.store.existing_ids("City", (start, end))
        for name, key in (("from", start), ("to", end)):
            if key not in found:
                raise Missing(f"no city {key!r}", (name,), key)
        return await cooperation_path(self.store, start, end, max_hops)

    async def neighbourhood(self, label: str, key: str, hops: int) -> Subgraph:
        """Every node within `hops` of a node, bounded by the configured size."""
        props = await self.store.get(label, key) if label in EXPORTED_LABELS else None
        if props is None:
            raise Missing(f"no {label} {key!r}", ("id",), key)
        return await neighbourhood(
            self.store, GraphNode(label, key, props), hops, self.core.config.neighbourhood_max_nodes
        )
