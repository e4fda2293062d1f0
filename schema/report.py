"""A membership monitoring report, due every four years after designation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.context import Context
from schema.enums import ReportState
from schema.node import Node
from schema.relations import OUTGOING, one, via
from services.records import report_state

if TYPE_CHECKING:
    from schema.city import City

CityT = Annotated["City", strawberry.lazy("schema.city")]


CITY = OUTGOING["MonitoringReport-REPORT_OF-City"]


@strawberry.type(description="A membership monitoring report of one city for one cycle.")
class MonitoringReport(Node):
    cycle: int
    due_date: str
    submitted_date: str | None
    url: str | None
    city_key: strawberry.Private[str | None]

    @classmethod
    def of(cls, props: Props, city_key: str | None = None) -> MonitoringReport:
        return cls(
            key=props["id"],
            label="MonitoringReport",
            cycle=props["cycle"],
            due_date=props["due_date"],
            submitted_date=props.get("submitted_date"),
            url=props.get("url"),
            city_key=city_key,
        )

    @classmethod
    def from_props(cls, props: Props) -> MonitoringReport:
        return cls.of(props)

    @strawberry.field(description="Submitted, due, or overdue (past its due date, not submitted).")
    def state(self, info: Info[Context, None]) -> ReportState:
        today = info.context.services.clock.today()
        return ReportState(report_state(self.due_date, self.submitted_date, today).value)

    @strawberry.field(metadata=via(CITY))
    def city(self, info: Info[Context, None]) -> CityT | None:
        from schema.city import City

        return one(info, CITY, self.key, City.from_props)
