"""GraphQL types of the foundation: graph counts and a city. The full API arrives with issue 3."""

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


@strawberry.type(description="A creative city: member, candidate or former.")
class City:
    id: strawberry.ID
    name: str
    status: str
    designation_year: int | None
    latitude: float | None
    longitude: float | None
