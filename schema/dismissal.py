"""A proposed partner a city found not relevant for a need: not proposed again for it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.enums import PartnerKind
from schema.node import Node
from schema.relations import OUTGOING, one, via

if TYPE_CHECKING:
    from schema.city import City

CityT = Annotated["City", strawberry.lazy("schema.city")]

DISMISSED_BY = OUTGOING["Dismissal-DISMISSED_BY-City"]


@strawberry.type(description="A recommendation a city marked as not relevant for one need.")
class Dismissal(Node):
    partner_kind: PartnerKind
    partner_id: str = strawberry.field(description="The partner's slug.")
    need: str = strawberry.field(description="The need, as a canonical key.")
    dismissed_date: date

    @classmethod
    def from_props(cls, props: Props) -> Dismissal:
        return cls(
            key=props["id"],
            label="Dismissal",
            partner_kind=PartnerKind(props["partner_kind"]),
            partner_id=props["partner_id"],
            need=props["need"],
            dismissed_date=date.fromisoformat(props["dismissed_date"]),
        )

    @strawberry.field(metadata=via(DISMISSED_BY))
    def city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, DISMISSED_BY, self.key, City.from_props)
