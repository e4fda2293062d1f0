"""The root query: thin resolvers that translate to store calls."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from schema.context import Context
from schema.types import City, GraphStats, LabelCount, TypeCount


@strawberry.type
class Query:
    @strawberry.field(description="Counts per label and relationship type.")
    async def stats(self, info: Info[Context, None]) -> GraphStats:
        counts = await info.context.store.counts()
        return GraphStats(
            nodes=[LabelCount(label=k, count=v) for k, v in sorted(counts.nodes.items())],
            relationships=[
                TypeCount(type=k, count=v) for k, v in sorted(counts.relationships.items())
            ],
        )

    @strawberry.field(description="One city by its slug id (`chiang-mai`), or null.")
    async def city(self, info: Info[Context, None], id: strawberry.ID) -> City | None:
        props = await info.context.store.get("City", str(id))
        if props is None:
            return None
        return City(
            id=strawberry.ID(props["id"]),
            name=props["name"],
            status=props["status"],
            designation_year=props.get("designation_year"),
            latitude=props.get("latitude"),
            longitude=props.get("longitude"),
        )
