"""An introduction a city asked for, to a proposed partner, and how it went."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.enums import IntroductionStatus, PartnerKind
from schema.node import Node
from schema.relations import OUTGOING, first_of, one, via
from services.policy import can_see_private

if TYPE_CHECKING:
    from schema.city import City
    from schema.institution import PartnerInstitution

CityT = Annotated["City", strawberry.lazy("schema.city")]
InstitutionT = Annotated["PartnerInstitution", strawberry.lazy("schema.institution")]

REQUESTED_BY = OUTGOING["Introduction-REQUESTED_BY-City"]
TO_CITY = OUTGOING["Introduction-TO_CITY-City"]
TO_INSTITUTION = OUTGOING["Introduction-TO_INSTITUTION-PartnerInstitution"]


@strawberry.type(description="A city's request to be introduced to a partner, and its outcome.")
class Introduction(Node):
    status: IntroductionStatus
    partner_kind: PartnerKind
    need: str | None = strawberry.field(description="The need it answered, as a canonical key.")
    requested_date: date
    updated_date: date | None
    generated: bool
    note_text: strawberry.Private[str | None]

    @classmethod
    def from_props(cls, props: Props) -> Introduction:
        updated = props.get("updated_date")
        return cls(
            key=props["id"],
            label="Introduction",
            status=IntroductionStatus(props["status"]),
            partner_kind=PartnerKind(props["partner_kind"]),
            need=props.get("need"),
            requested_date=date.fromisoformat(props["requested_date"]),
            updated_date=date.fromisoformat(updated) if updated else None,
            generated=bool(props.get("generated", False)),
            note_text=props.get("note"),
        )

    @strawberry.field(description="Null unless you are the secretariat or the asking city.")
    async def note(self, info: Info[Context, None]) -> str | None:
        asking = await first_of(info, REQUESTED_BY, self.key)
        city = str(asking["id"]) if asking else None
        return self.note_text if can_see_private(info.context.viewer, city) else None

    @strawberry.field(metadata=via(REQUESTED_BY))
    def requested_by(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, REQUESTED_BY, self.key, City.from_props)

    @strawberry.field(metadata=via(TO_CITY), description="The partner city, when it is one.")
    def to_city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, TO_CITY, self.key, City.from_props)

    @strawberry.field(
        metadata=via(TO_INSTITUTION), description="The partner institution, when it is one."
    )
    def to_institution(self, info: Info[Context, None]) -> InstitutionT | None:
        from schema.institution import PartnerInstitution

        return one(info, TO_INSTITUTION, self.key, PartnerInstitution.from_props)
