"""A pilot project: what cities do together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.connection import Connection
from schema.context import Context
from schema.enums import ProjectStatus
from schema.node import Node
from schema.relations import INCOMING, OUTGOING, many, one, page, via

if TYPE_CHECKING:
    from schema.city import City
    from schema.field import CreativeField
    from schema.institution import PartnerInstitution
    from schema.sdg_target import SDGTarget

CityT = Annotated["City", strawberry.lazy("schema.city")]
FieldT = Annotated["CreativeField", strawberry.lazy("schema.field")]
InstitutionT = Annotated["PartnerInstitution", strawberry.lazy("schema.institution")]
TargetT = Annotated["SDGTarget", strawberry.lazy("schema.sdg_target")]


LEAD_CITY = OUTGOING["PilotProject-LED_BY-City"]
CITIES = INCOMING["City-PARTICIPATES_IN-PilotProject"]
INVITED = INCOMING["City-INVITED_TO-PilotProject"]
INSTITUTIONS = INCOMING["PartnerInstitution-CONTRIBUTES_TO-PilotProject"]
FIELDS = OUTGOING["PilotProject-IN_FIELD-CreativeField"]
SDG_TARGETS = OUTGOING["PilotProject-ADDRESSES-SDGTarget"]


@strawberry.type(description="A pilot project led by one city, joined by cities and institutions.")
class PilotProject(Node):
    slug: str
    title: str
    summary: str | None
    start_year: int
    end_year: int | None
    status: ProjectStatus
    generated: bool

    @classmethod
    def from_props(cls, props: Props) -> PilotProject:
        return cls(
            key=props["id"],
            label="PilotProject",
            slug=props["id"],
            title=props["title"],
            summary=props.get("summary"),
            start_year=props["start_year"],
            end_year=props.get("end_year"),
            status=ProjectStatus(props["status"]),
            generated=bool(props.get("generated", False)),
        )

    @strawberry.field(metadata=via(LEAD_CITY))
    def lead_city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, LEAD_CITY, self.key, City.from_props)

    @strawberry.field(
        description="Cities taking part (besides the lead city).",
        metadata=via(CITIES),
    )
    def cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        return page(info, CITIES, self.key, first, after, City.from_props)

    @strawberry.field(
        description="Cities invited to take part that have not answered yet: no tie until they "
        "accept.",
        metadata=via(INVITED),
    )
    def invited_cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        return page(info, INVITED, self.key, first, after, City.from_props)

    @strawberry.field(metadata=via(INSTITUTIONS))
    def institutions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[InstitutionT]:
        from schema.institution import PartnerInstitution

        return page(info, INSTITUTIONS, self.key, first, after, PartnerInstitution.from_props)

    @strawberry.field(metadata=via(FIELDS))
    def fields(self, info: Info[Context, None]) -> list[FieldT]:
        from schema.field import CreativeField

        return many(info, FIELDS, self.key, CreativeField.from_props)

    @strawberry.field(metadata=via(SDG_TARGETS))
    def sdg_targets(self, info: Info[Context, None]) -> list[TargetT]:
        from schema.sdg_target import SDGTarget

        return many(info, SDG_TARGETS, self.key, SDGTarget.from_props)
