"""A creative city: member, candidate or former."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from graph.statements.neighbours import CITY_MENTORSHIPS, CITY_PROJECTS, COOPERATING_CITIES
from schema.connection import Connection
from schema.context import Context
from schema.enums import CityStatus
from schema.node import Node
from schema.relations import custom, incoming, one_outgoing, paged

if TYPE_CHECKING:
    from schema.conference import Conference
    from schema.contribution import Contribution
    from schema.country import Country
    from schema.field import CreativeField
    from schema.focal_point import FocalPoint
    from schema.institution import PartnerInstitution
    from schema.mentorship import Mentorship
    from schema.project import PilotProject
    from schema.report import MonitoringReport

CountryT = Annotated["Country", strawberry.lazy("schema.country")]
FieldT = Annotated["CreativeField", strawberry.lazy("schema.field")]
ProjectT = Annotated["PilotProject", strawberry.lazy("schema.project")]
InstitutionT = Annotated["PartnerInstitution", strawberry.lazy("schema.institution")]
ReportT = Annotated["MonitoringReport", strawberry.lazy("schema.report")]
ContributionT = Annotated["Contribution", strawberry.lazy("schema.contribution")]
MentorshipT = Annotated["Mentorship", strawberry.lazy("schema.mentorship")]
FocalPointT = Annotated["FocalPoint", strawberry.lazy("schema.focal_point")]
ConferenceT = Annotated["Conference", strawberry.lazy("schema.conference")]


@strawberry.type(description="A creative city of the network.")
class City(Node):
    slug: str = strawberry.field(description="Stable id (`chiang-mai`).")
    name: str
    status: CityStatus
    designation_year: int | None
    latitude: float | None
    longitude: float | None
    population: int | None
    unesco_url: str | None
    generated: bool = strawberry.field(description="True for synthetic data, never real.")

    @classmethod
    def from_props(cls, props: Props) -> City:
        return cls(
            key=props["id"],
            label="City",
            slug=props["id"],
            name=props["name"],
            status=CityStatus(props.get("status", "member")),
            designation_year=props.get("designation_year"),
            latitude=props.get("latitude"),
            longitude=props.get("longitude"),
            population=props.get("population"),
            unesco_url=props.get("unesco_url"),
            generated=bool(props.get("generated", False)),
        )

    @strawberry.field
    async def country(self, info: Info[Context, None]) -> CountryT | None:
        from schema.country import Country

        props = await one_outgoing(info, "City-IN_COUNTRY-Country", self.key)
        return Country.from_props(props) if props else None

    @strawberry.field(description="The creative field the city is designated in (or applies to).")
    async def field(self, info: Info[Context, None]) -> FieldT | None:
        from schema.field import CreativeField

        props = await one_outgoing(info, "City-DESIGNATED_IN-CreativeField", self.key)
        return CreativeField.from_props(props) if props else None

    @strawberry.field(description="Pilot projects the city leads or takes part in.")
    async def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        found = await custom(info, CITY_PROJECTS, self.key)
        return paged(info, found, first, after, lambda n: PilotProject.from_props(n.props))

    @strawberry.field(description="Institutions in a standing partnership with the city.")
    async def partner_institutions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[InstitutionT]:
        from schema.institution import PartnerInstitution

        found = await incoming(info, "PartnerInstitution-PARTNERS_WITH-City", self.key)
        return paged(info, found, first, after, lambda n: PartnerInstitution.from_props(n.props))

    @strawberry.field(description="Cities that share at least one pilot project with this one.")
    async def cooperating_cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[City]:
        found = await custom(info, COOPERATING_CITIES, self.key)
        return paged(info, found, first, after, lambda n: City.from_props(n.props))

    @strawberry.field(description="Membership monitoring reports, every four years.")
    async def reports(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ReportT]:
        from schema.report import MonitoringReport

        found = await incoming(info, "MonitoringReport-REPORT_OF-City", self.key)
        return paged(info, found, first, after, lambda n: MonitoringReport.of(n.props, self.key))

    @strawberry.field(description="Voluntary annual contributions (amounts are private).")
    async def contributions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ContributionT]:
        from schema.contribution import Contribution

        found = await incoming(info, "Contribution-CONTRIBUTION_OF-City", self.key)
        return paged(info, found, first, after, lambda n: Contribution.of(n.props, self.key))

    @strawberry.field(description="Mentorships, as mentor or as candidate.")
    async def mentorships(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[MentorshipT]:
        from schema.mentorship import Mentorship

        found = await custom(info, CITY_MENTORSHIPS, self.key)
        return paged(info, found, first, after, lambda n: Mentorship.from_props(n.props))

    @strawberry.field(description="The city's focal points (contact details are private).")
    async def focal_points(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[FocalPointT]:
        from schema.focal_point import FocalPoint

        found = await incoming(info, "FocalPoint-REPRESENTS-City", self.key)
        return paged(info, found, first, after, lambda n: FocalPoint.of(n.props, self.key))

    @strawberry.field(description="Annual Conferences the city hosted.")
    async def conferences_hosted(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ConferenceT]:
        from schema.conference import Conference

        found = await incoming(info, "Conference-HOSTED_BY-City", self.key)
        return paged(info, found, first, after, lambda n: Conference.from_props(n.props))
