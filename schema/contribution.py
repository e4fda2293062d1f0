"""A voluntary annual contribution; its amount is private to the city and the secretariat."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.node import Node
from schema.relations import OUTGOING, first_of, one, via
from services.policy import can_see_private

if TYPE_CHECKING:
    from schema.city import City

CityT = Annotated["City", strawberry.lazy("schema.city")]


CITY = OUTGOING["Contribution-CONTRIBUTION_OF-City"]


@strawberry.type(description="A city's voluntary contribution to UNESCO for one year.")
class Contribution(Node):
    year: int
    currency: str
    amount_value: strawberry.Private[float | None]
    city_key: strawberry.Private[str | None]

    @classmethod
    def of(cls, props: Props, city_key: str | None = None) -> Contribution:
        return cls(
            key=props["id"],
            label="Contribution",
            year=props["year"],
            currency=props.get("currency", "USD"),
            amount_value=props.get("amount"),
            city_key=city_key,
        )

    @classmethod
    def from_props(cls, props: Props) -> Contribution:
        return cls.of(props)

    async def _city_key(self, info: Info[Context, None]) -> str | None:
        if self.city_key is None:
            props = await first_of(info, CITY, self.key)
            self.city_key = str(props["id"]) if props else None
        return self.city_key

    @strawberry.field(description="Null unless you are the secretariat or this city's focal point.")
    async def amount(self, info: Info[Context, None]) -> float | None:
        if can_see_private(info.context.viewer, await self._city_key(info)):
            return self.amount_value
        return None

    @strawberry.field(metadata=via(CITY))
    def city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, CITY, self.key, City.from_props)
