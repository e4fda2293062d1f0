"""Counts for researchers and the secretariat: cities per field and region, projects per goal."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph.statements import aggregates
from schema.context import Context
from schema.enums import CreativeFieldCode, RegionCode


@strawberry.type
class FieldCount:
    field: CreativeFieldCode
    count: int


@strawberry.type
class RegionCount:
    region: RegionCode
    count: int


@strawberry.type
class GoalCount:
    goal: int
    count: int


@strawberry.type(description="Network-wide counts (member cities; all pilot projects).")
class Aggregates:
    @strawberry.field
    async def member_cities_per_field(self, info: Info[Context, None]) -> list[FieldCount]:
        rows = await info.context.store.run(aggregates.CITIES_PER_FIELD)
        return [FieldCount(field=CreativeFieldCode(r["key"]), count=r["count"]) for r in rows]

    @strawberry.field
    async def member_cities_per_region(self, info: Info[Context, None]) -> list[RegionCount]:
        rows = await info.context.store.run(aggregates.CITIES_PER_REGION)
        return [RegionCount(region=RegionCode(r["key"]), count=r["count"]) for r in rows]

    @strawberry.field
    async def projects_per_sdg_goal(self, info: Info[Context, None]) -> list[GoalCount]:
        rows = await info.context.store.run(aggregates.PROJECTS_PER_GOAL)
        return [GoalCount(goal=int(r["key"]), count=r["count"]) for r in rows]
