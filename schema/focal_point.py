"""A city's focal point; contact details are private to the city and the secretariat."""

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


CITY = OUTGOING["FocalPoint-REPRESENTS-City"]


@strawberry.type(description="The person who speaks for a city in the network.")
class FocalPoint(Node):
    name: str
    language: str | None
    contact: strawberry.Private[Props]
    city_key: strawberry.Private[str | None]

    @classmethod
    def of(cls, props: Props, city_key: str | None = None) -> FocalPoint:
        contact = {"email": props.get("email"), "slack_user_id": props.get("slack_user_id")}
        return cls(
            key=props["id"],
            label="FocalPoint",
            name=props["name"],
            language=props.get("language"),
            contact=contact,
            city_key=city_key,
        )

    @classmethod
    def from_props(cls, props: Props) -> FocalPoint:
        return cls.of(props)

    async def _visible(self, info: Info[Context, None]) -> bool:
        if self.city_key is None:
            props = await first_of(info, CITY, self.key)
            self.city_key = str(props["id"]) if props else None
        return can_see_private(info.context.viewer, self.city_key)

    @strawberry.field(description="Null unless you are the secretariat or this city's focal point.")
    async def email(self, info: Info[Context, None]) -> str | None:
        return self.contact["email"] if await self._visible(info) else None

    @strawberry.field(description="Null unless you are the secretariat or this city's focal point.")
    async def slack_user_id(self, info: Info[Context, None]) -> str | None:
        return self.contact["slack_user_id"] if await self._visible(info) else None

    @strawberry.field(metadata=via(CITY))
    def city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, CITY, self.key, City.from_props)
