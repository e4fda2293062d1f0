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
from schema.relations import OUTGOING, one, page, via

if TYPE_CHECKING:
    from schema.city import City
    from schema.country import Country
    from schema.project import PilotProject

CityT = Annotated["City", strawberry.lazy("schema.city")]
CountryT = Annotated["Country", strawberry.lazy("schema.country")]
ProjectT = Annotated["PilotProject", strawberry.lazy("schema.project")]


COUNTRY = OUTGOING["PartnerInstitution-BASED_IN-Country"]
PARTNER_CITIES = OUTGOING["PartnerInstitution-PARTNERS_WITH-City"]
PROJECTS = OUTGOING["PartnerInstitution-CONTRIBUTES_TO-PilotProject"]


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

    @strawberry.field(metadata=via(COUNTRY))
    def country(self, info: Info[Context, None]) -> CountryT | None:
        from schema.country import Country

        return one(info, COUNTRY, self.key, Country.from_props)

    @strawberry.field(
        description="Cities the institution partners with.",
        metadata=via(PARTNER_CITIES),
    )
    def partner_cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        return page(info, PARTNER_CITIES, self.key, first, after, City.from_props)

    @strawberry.field(
        description="Pilot projects the institution contributes to.",
        metadata=via(PROJECTS),
    )
    def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        return page(info, PROJECTS, self.key, first, after, PilotProject.from_props)
