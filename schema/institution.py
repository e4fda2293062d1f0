"""A partner institution: university, NGO, company, city network, ..."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.connection import Connection
from schema.context import Context
from schema.enums import InstitutionKind
from schema.node import Node
from schema.relations import one_outgoing, outgoing, paged

if TYPE_CHECKING:
    from schema.city import City
    from schema.country import Country
    from schema.project import PilotProject

CityT = Annotated["City", strawberry.lazy("schema.city")]
CountryT = Annotated["Country", strawberry.lazy("schema.country")]
ProjectT = Annotated["PilotProject", strawberry.lazy("schema.project")]


@strawberry.type(description="A partner institution of cities and projects.")
class PartnerInstitution(Node):
    slug: str
    name: str
    kind: InstitutionKind
    website: str | None
    generated: bool

    @classmethod
    def from_props(cls, props: Props) -> PartnerInstitution:
        return cls(
            key=props["id"],
            label="PartnerInstitution",
            slug=props["id"],
            name=props["name"],
            kind=InstitutionKind(props["kind"]),
            website=props.get("website"),
            generated=bool(props.get("generated", False)),
        )

    @strawberry.field
    async def country(self, info: Info[Context, None]) -> CountryT | None:
        from schema.country import Country

        props = await one_outgoing(info, "PartnerInstitution-BASED_IN-Country", self.key)
        return Country.from_props(props) if props else None

    @strawberry.field(description="Cities the institution partners with.")
    async def partner_cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        found = await outgoing(info, "PartnerInstitution-PARTNERS_WITH-City", self.key)
        return paged(info, found, first, after, lambda n: City.from_props(n.props))

    @strawberry.field(description="Pilot projects the institution contributes to.")
    async def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        found = await outgoing(info, "PartnerInstitution-CONTRIBUTES_TO-PilotProject", self.key)
        return paged(info, found, first, after, lambda n: PilotProject.from_props(n.props))
