"""A mentorship: a member city mentors a candidate city for two to three years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.enums import MentorshipStatus
from schema.node import Node
from schema.relations import one_outgoing

if TYPE_CHECKING:
    from schema.city import City

CityT = Annotated["City", strawberry.lazy("schema.city")]


@strawberry.type(description="A member city mentoring a candidate city (cooperation mechanism).")
class Mentorship(Node):
    start_year: int
    end_year: int | None
    status: MentorshipStatus

    @classmethod
    def from_props(cls, props: Props) -> Mentorship:
        return cls(
            key=props["id"],
            label="Mentorship",
            start_year=props["start_year"],
            end_year=props.get("end_year"),
            status=MentorshipStatus(props["status"]),
        )

    @strawberry.field
    async def mentor(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        props = await one_outgoing(info, "Mentorship-MENTOR-City", self.key)
        return City.from_props(props) if props else None

    @strawberry.field
    async def candidate(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        props = await one_outgoing(info, "Mentorship-CANDIDATE-City", self.key)
        return City.from_props(props) if props else None
