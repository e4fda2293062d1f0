"""A country or territory (ISO 3166-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.connection import Connection
from schema.context import Context
from schema.node import Node
from schema.relations import INCOMING, OUTGOING, one, page, via

if TYPE_CHECKING:
    from schema.city import City
    from schema.region import Region

CityT = Annotated["City", strawberry.lazy("schema.city")]
RegionT = Annotated["Region", strawberry.lazy("schema.region")]


REGION = OUTGOING["Country-IN_REGION-Region"]
CITIES = INCOMING["City-IN_COUNTRY-Country"]


@strawberry.type(description="A country or territory, keyed by its ISO 3166-1 alpha-2 code.")
class Country(Node):
    code: str
    iso3: str | None
    name: str
    name_fr: str | None
    global_south: bool | None
    least_developed: bool | None
    small_island_developing_state: bool | None
    region_source: str | None = strawberry.field(
        description="Where the UNESCO region comes from, when it was filled in by the hub."
    )

    @classmethod
    def from_props(cls, props: Props) -> Country:
        return cls(
            key=props["id"],
            label="Country",
            code=props["id"],
            iso3=props.get("iso3"),
            name=props["name"],
            name_fr=props.get("name_fr"),
            global_south=props.get("global_south"),
            least_developed=props.get("ldc"),
            small_island_developing_state=props.get("sids"),
            region_source=props.get("region_source"),
        )

    @strawberry.field(metadata=via(REGION))
    def region(self, info: Info[Context, None]) -> RegionT | None:
        from schema.region import Region

        return one(info, REGION, self.key, Region.from_props)

    @strawberry.field(
        description="The member, candidate and former cities of the country.",
        metadata=via(CITIES),
    )
    def cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        return page(info, CITIES, self.key, first, after, City.from_props)
