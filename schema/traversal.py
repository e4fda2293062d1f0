"""Researchers' traversals: the shortest cooperation path and a bounded neighbourhood."""

from __future__ import annotations

import asyncio
import itertools

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.node import Node, to_global_id
from schema.registry import build_node
from services.traversal import Subgraph as FoundSubgraph


@strawberry.type(description="One hop: two cities joined by a project or an institution.")
class PathHop:
    from_node: strawberry.Private[tuple[str, str]]
    via_nodes: strawberry.Private[list[tuple[str, str]]]
    to_node: strawberry.Private[tuple[str, str]]

    @strawberry.field(name="from")
    async def from_(self, info: Info[Context, None]) -> Node:
        return await _load(info, self.from_node)

    @strawberry.field(
        description="The project or institution that makes the hop; when it takes more than one "
        "(a project and an institution contributing to it), the first: `nodes` has them all."
    )
    async def via(self, info: Info[Context, None]) -> Node:
        return await _load(info, self.via_nodes[0])

    @strawberry.field
    async def to(self, info: Info[Context, None]) -> Node:
        return await _load(info, self.to_node)


@strawberry.type(description="A shortest path of cooperation between two cities.")
class CooperationPath:
    found: bool
    length: int = strawberry.field(description="Relationships on the path (0 when not found).")
    path: strawberry.Private[list[tuple[str, str]]]

    @strawberry.field(description="The nodes on the path, in order.")
    async def nodes(self, info: Info[Context, None]) -> list[Node]:
        return await _load_all(info, self.path)

    @strawberry.field(description="City-to-city hops with what links them.")
    def hops(self) -> list[PathHop]:
        cities = [i for i, (label, _) in enumerate(self.path) if label == "City"]
        return [
            PathHop(
                from_node=self.path[start],
                via_nodes=self.path[start + 1 : end],
                to_node=self.path[end],
            )
            for start, end in itertools.pairwise(cities)
        ]


@strawberry.type(description="A node of a sub-graph.")
class GraphNode:
    id: strawberry.ID
    label: str
    key: str
    name: str | None

    @strawberry.field(description="The typed object (privacy rules apply).")
    async def node(self, info: Info[Context, None]) -> Node:
        return await _load(info, (self.label, self.key))


@strawberry.type(description="A directed relationship of a sub-graph, by node ids.")
class GraphEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str


@strawberry.type(description="The sub-graph around a node, bounded by hops and size.")
class Subgraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = strawberry.field(description="True when the size bound cut it short.")

    @classmethod
    def of(cls, found: FoundSubgraph) -> Subgraph:
        nodes = [
            GraphNode(
                id=to_global_id(n.label, n.key),
                label=n.label,
                key=n.key,
                name=n.props.get("name") or n.props.get("title") or n.props.get("short_title_en"),
            )
            for n in sorted(found.nodes.values(), key=lambda n: (n.label, n.key))
        ]
        edges = [
            GraphEdge(source=to_global_id(*e.source), target=to_global_id(*e.target), type=e.type)
            for e in sorted(found.edges, key=lambda e: (e.source, e.target, e.type))
        ]
        return cls(nodes=nodes, edges=edges, truncated=found.truncated)


async def _load(info: Info[Context, None], item: tuple[str, str]) -> Node:
    label, key = item
    props = await info.context.loaders.node(label).load(key)
    if props is None:
        raise LookupError(f"{label} {key} vanished")
    node: Node = build_node(label, props)
    return node


async def _load_all(info: Info[Context, None], items: list[tuple[str, str]]) -> list[Node]:
    """Together, so that each label's loader fetches them in one batch."""
    return list(await asyncio.gather(*(_load(info, item) for item in items)))
