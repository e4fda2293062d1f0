"""An SDG target (`11.4`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from graph.statements.neighbours import TARGET_CITIES
from schema.connection import Connection
from schema.context import Context
from schema.enums import Language
from schema.node import Node
from schema.relations import INCOMING, OUTGOING, page, the_one, via

if TYPE_CHECKING:
    from schema.city import City
    from schema.project import PilotProject
    from schema.sdg_goal import SDGGoal

CityT = Annotated["City", strawberry.lazy("schema.city")]
ProjectT = Annotated["PilotProject", strawberry.lazy("schema.project")]
GoalT = Annotated["SDGGoal", strawberry.lazy("schema.sdg_goal")]


GOAL = OUTGOING["SDGTarget-OF_GOAL-SDGGoal"]
PROJECTS = INCOMING["PilotProject-ADDRESSES-SDGTarget"]


@strawberry.type(name="SDGTarget", description="One of the 169 SDG targets, by code (`11.4`).")
class SDGTarget(Node):
    code: str
    props: strawberry.Private[Props]

    @classmethod
    def from_props(cls, props: Props) -> SDGTarget:
        return cls(key=props["id"], label="SDGTarget", code=props["id"], props=props)

    @strawberry.field
    def title(self, language: Language = Language.EN) -> str:
        return str(self.props.get(f"title_{language.value}") or self.props["title_en"])

    @strawberry.field(metadata=via(GOAL))
    def goal(self, info: Info[Context, None]) -> GoalT:
        from schema.sdg_goal import SDGGoal

        return the_one(info, GOAL, self.key, SDGGoal.from_props)

    @strawberry.field(description="Pilot projects working on this target.", metadata=via(PROJECTS))
    def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        return page(info, PROJECTS, self.key, first, after, PilotProject.from_props)

    @strawberry.field(
        description="Cities that lead or join a project on this target.",
        metadata=via(TARGET_CITIES),
    )
    def cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CityT]:
        from schema.city import City

        return page(info, TARGET_CITIES, self.key, first, after, City.from_props)
