"""A mentorship: a member city mentors a candidate city for two to three years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.enums import MentorshipStatus
from schema.node import Node
from schema.relations import OUTGOING, one, via

if TYPE_CHECKING:
    from schema.city import City

CityT = Annotated["City", strawberry.lazy("schema.city")]


MENTOR = OUTGOING["Mentorship-MENTOR-City"]
CANDIDATE = OUTGOING["Mentorship-CANDIDATE-City"]


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

    @strawberry.field(metadata=via(MENTOR))
    def mentor(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, MENTOR, self.key, City.from_props)

    @strawberry.field(metadata=via(CANDIDATE))
    def candidate(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, CANDIDATE, self.key, City.from_props)
