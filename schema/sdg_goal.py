"""A Sustainable Development Goal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.connection import Connection
from schema.context import Context
from schema.enums import Language
from schema.node import Node
from schema.relations import INCOMING, page, via

if TYPE_CHECKING:
    from schema.sdg_target import SDGTarget

TargetT = Annotated["SDGTarget", strawberry.lazy("schema.sdg_target")]


TARGETS = INCOMING["SDGTarget-OF_GOAL-SDGGoal"]


@strawberry.type(name="SDGGoal", description="One of the 17 Sustainable Development Goals.")
class SDGGoal(Node):
    number: int
    props: strawberry.Private[Props]

    @classmethod
    def from_props(cls, props: Props) -> SDGGoal:
        return cls(key=props["id"], label="SDGGoal", number=props["number"], props=props)

    @strawberry.field(description="Short title (`Sustainable cities and communities`).")
    def short_title(self, language: Language = Language.EN) -> str:
        return str(self.props.get(f"short_title_{language.value}") or self.props["short_title_en"])

    @strawberry.field(description="Full title.")
    def title(self, language: Language = Language.EN) -> str:
        return str(self.props.get(f"title_{language.value}") or self.props["title_en"])

    @strawberry.field(description="The goal's targets.", metadata=via(TARGETS))
    def targets(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[TargetT]:
        from schema.sdg_target import SDGTarget

        return page(
            info,
            TARGETS,
            self.key,
            first,
            after,
            SDGTarget.from_props,
            _target_order,
        )


def _target_order(props: Props) -> tuple[int, int, str]:
    goal, _, target = str(props["id"]).partition(".")
    return (int(goal), 0, f"{int(target):03d}") if target.isdigit() else (int(goal), 1, target)
