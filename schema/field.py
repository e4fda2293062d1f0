"""A creative field (subnetwork)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.connection import Connection
from schema.context import Context
from schema.enums import CreativeFieldCode
from schema.node import Node
from schema.relations import INCOMING, page, via

if TYPE_CHECKING:
    from schema.city import City
    from schema.project import PilotProject

CityT = Annotated["City", strawberry.lazy("schema.city")]
ProjectT = Annotated["PilotProject", strawberry.lazy("schema.project")]


CITIES = INCOMING["City-DESIGNATED_IN-CreativeField"]
PROJECTS = INCOMING["PilotProject-IN_FIELD-CreativeField"]


@strawberry.type(description="One of the eight creative fields.")
class CreativeField(Node):
    name: str
    code: CreativeFieldCode
    since_year: int | None

    @classmethod
    def from_props(cls, props: Props) -> CreativeField:
        return cls(
            key=props["id"],
            label="CreativeField",
            name=props["name"],
            code=CreativeFieldCode(props["id"]),
            since_year=props.get("since_year"),
        )

    @strawberry.field(description="Cities designated in this field.", metadata=via(CITIES))
    def cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        return page(info, CITIES, self.key, first, after, City.from_props)

    @strawberry.field(description="Pilot projects in this field.", metadata=via(PROJECTS))
    def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        return page(info, PROJECTS, self.key, first, after, PilotProject.from_props)
