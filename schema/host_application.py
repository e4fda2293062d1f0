"""A city's application to host an Annual Conference, with the capacity it declares."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.node import Node
from schema.relations import OUTGOING, one, via

if TYPE_CHECKING:
    from schema.city import City

CityT = Annotated["City", strawberry.lazy("schema.city")]

APPLIED_BY = OUTGOING["HostApplication-APPLIED_BY-City"]


@strawberry.type(description="An application to host the Annual Conference of a year.")
class HostApplication(Node):
    year: int
    venue_seats: int | None
    hotel_rooms: int | None
    airport_km: float | None = strawberry.field(description="Distance to an international airport.")
    submitted_date: date
    notes: str | None
    generated: bool

    @classmethod
    def from_props(cls, props: Props) -> HostApplication:
        return cls(
            key=props["id"],
            label="HostApplication",
            year=props["year"],
            venue_seats=props.get("venue_seats"),
            hotel_rooms=props.get("hotel_rooms"),
            airport_km=props.get("airport_km"),
            submitted_date=date.fromisoformat(props["submitted_date"]),
            notes=props.get("notes"),
            generated=bool(props.get("generated", False)),
        )

    @strawberry.field(metadata=via(APPLIED_BY))
    def city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, APPLIED_BY, self.key, City.from_props)
