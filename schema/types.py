"""Graph counts: how many nodes per label and relationships per type."""

from __future__ import annotations

import strawberry


@strawberry.type(description="How many nodes carry one label.")
class LabelCount:
    label: str
    count: int


@strawberry.type(description="How many relationships have one type.")
class TypeCount:
    type: str
    count: int


@strawberry.type(description="Counts per label and relationship type in the cooperation graph.")
class GraphStats:
    nodes: list[LabelCount]
    relationships: list[TypeCount]
