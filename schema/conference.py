"""An Annual Conference of the network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.enums import ConferenceStatus
from schema.node import Node
from schema.relations import OUTGOING, many, one, via

if TYPE_CHECKING:
    from schema.city import City
    from schema.country import Country

CityT = Annotated["City", strawberry.lazy("schema.city")]
CountryT = Annotated["Country", strawberry.lazy("schema.country")]


HOST_CITIES = OUTGOING["Conference-HOSTED_BY-City"]
COUNTRY = OUTGOING["Conference-HELD_IN-Country"]


@strawberry.type(description="An Annual Conference, with its host.")
class Conference(Node):
    year: int
    edition: str | None
    host_city_name: str = strawberry.field(description="The host as the sources name it.")
    dates: str | None
    theme: str | None
    status: ConferenceStatus
    notes: str | None

    @classmethod
    def from_props(cls, props: Props) -> Conference:
        return cls(
            key=props["id"],
            label="Conference",
            year=props["year"],
            edition=props.get("edition"),
            host_city_name=props["host_city_name"],
            dates=props.get("dates"),
            theme=props.get("theme"),
            status=ConferenceStatus(props["status"]),
            notes=props.get("notes"),
        )

    @strawberry.field(
        description="The member cities that hosted (none for UNESCO headquarters).",
        metadata=via(HOST_CITIES),
    )
    def host_cities(self, info: Info[Context, None]) -> list[CityT]:
        from schema.city import City

        return many(info, HOST_CITIES, self.key, City.from_props)

    @strawberry.field(metadata=via(COUNTRY))
    def country(self, info: Info[Context, None]) -> CountryT | None:
        from schema.country import Country

        return one(info, COUNTRY, self.key, Country.from_props)
