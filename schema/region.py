"""A UNESCO region."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.connection import Connection
from schema.context import Context
from schema.enums import RegionCode
from schema.node import Node
from schema.relations import INCOMING, page, via

if TYPE_CHECKING:
    from schema.country import Country

CountryT = Annotated["Country", strawberry.lazy("schema.country")]


COUNTRIES = INCOMING["Country-IN_REGION-Region"]


@strawberry.type(description="One of UNESCO's five regions.")
class Region(Node):
    name: str
    code: RegionCode

    @classmethod
    def from_props(cls, props: Props) -> Region:
        return cls(
            key=props["id"], label="Region", name=props["name"], code=RegionCode(props["id"])
        )

    @strawberry.field(
        description="Countries and territories in the region.",
        metadata=via(COUNTRIES),
    )
    def countries(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CountryT]:
        from schema.country import Country

        return page(info, COUNTRIES, self.key, first, after, Country.from_props)
