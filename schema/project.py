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
from schema.relations import incoming, one_outgoing, outgoing, paged

if TYPE_CHECKING:
    from schema.city import City
    from schema.field import CreativeField
    from schema.institution import PartnerInstitution
    from schema.sdg_target import SDGTarget

CityT = Annotated["City", strawberry.lazy("schema.city")]
FieldT = Annotated["CreativeField", strawberry.lazy("schema.field")]
InstitutionT = Annotated["PartnerInstitution", strawberry.lazy("schema.institution")]
TargetT = Annotated["SDGTarget", strawberry.lazy("schema.sdg_target")]


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

    @strawberry.field
    async def lead_city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        props = await one_outgoing(info, "PilotProject-LED_BY-City", self.key)
        return City.from_props(props) if props else None

    @strawberry.field(description="Cities taking part (besides the lead city).")
    async def cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        found = await incoming(info, "City-PARTICIPATES_IN-PilotProject", self.key)
        return paged(info, found, first, after, lambda n: City.from_props(n.props))

    @strawberry.field
    async def institutions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[InstitutionT]:
        from schema.institution import PartnerInstitution

        found = await incoming(info, "PartnerInstitution-CONTRIBUTES_TO-PilotProject", self.key)
        return paged(info, found, first, after, lambda n: PartnerInstitution.from_props(n.props))

    @strawberry.field
    async def fields(self, info: Info[Context, None]) -> list[FieldT]:
        from schema.field import CreativeField

        found = await outgoing(info, "PilotProject-IN_FIELD-CreativeField", self.key)
        return [CreativeField.from_props(n.props) for n in found]

    @strawberry.field
    async def sdg_targets(self, info: Info[Context, None]) -> list[TargetT]:
        from schema.sdg_target import SDGTarget

        found = await outgoing(info, "PilotProject-ADDRESSES-SDGTarget", self.key)
        return [SDGTarget.from_props(n.props) for n in found]
