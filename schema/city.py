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
from schema.relations import INCOMING, OUTGOING, one, page, via

if TYPE_CHECKING:
    from schema.conference import Conference
    from schema.contribution import Contribution
    from schema.country import Country
    from schema.dismissal import Dismissal
    from schema.field import CreativeField
    from schema.focal_point import FocalPoint
    from schema.host_application import HostApplication
    from schema.institution import PartnerInstitution
    from schema.introduction import Introduction
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
IntroductionT = Annotated["Introduction", strawberry.lazy("schema.introduction")]
DismissalT = Annotated["Dismissal", strawberry.lazy("schema.dismissal")]
HostApplicationT = Annotated["HostApplication", strawberry.lazy("schema.host_application")]


COUNTRY = OUTGOING["City-IN_COUNTRY-Country"]
FIELD = OUTGOING["City-DESIGNATED_IN-CreativeField"]
PARTNER_INSTITUTIONS = INCOMING["PartnerInstitution-PARTNERS_WITH-City"]
INVITATIONS = OUTGOING["City-INVITED_TO-PilotProject"]
REPORTS = INCOMING["MonitoringReport-REPORT_OF-City"]
CONTRIBUTIONS = INCOMING["Contribution-CONTRIBUTION_OF-City"]
FOCAL_POINTS = INCOMING["FocalPoint-REPRESENTS-City"]
CONFERENCES_HOSTED = INCOMING["Conference-HOSTED_BY-City"]

INTRODUCTIONS = INCOMING["Introduction-REQUESTED_BY-City"]
DISMISSALS = INCOMING["Dismissal-DISMISSED_BY-City"]
HOST_APPLICATIONS = INCOMING["HostApplication-APPLIED_BY-City"]


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
    call_year: int | None = strawberry.field(
        description="For a candidate: the call for applications it applies in."
    )
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
            call_year=props.get("call_year"),
            generated=bool(props.get("generated", False)),
        )

    @strawberry.field(metadata=via(COUNTRY))
    def country(self, info: Info[Context, None]) -> CountryT | None:
        from schema.country import Country

        return one(info, COUNTRY, self.key, Country.from_props)

    @strawberry.field(
        description="The creative field the city is designated in (or applies to).",
        metadata=via(FIELD),
    )
    def field(self, info: Info[Context, None]) -> FieldT | None:
        from schema.field import CreativeField

        return one(info, FIELD, self.key, CreativeField.from_props)

    @strawberry.field(
        description="Pilot projects the city leads or takes part in.",
        metadata=via(CITY_PROJECTS),
    )
    def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        return page(info, CITY_PROJECTS, self.key, first, after, PilotProject.from_props)

    @strawberry.field(
        description="Projects the city is invited to and has not answered yet.",
        metadata=via(INVITATIONS),
    )
    def invitations(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectT]:
        from schema.project import PilotProject

        return page(info, INVITATIONS, self.key, first, after, PilotProject.from_props)

    @strawberry.field(
        description="Institutions in a standing partnership with the city.",
        metadata=via(PARTNER_INSTITUTIONS),
    )
    def partner_institutions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[InstitutionT]:
        from schema.institution import PartnerInstitution

        return page(
            info, PARTNER_INSTITUTIONS, self.key, first, after, PartnerInstitution.from_props
        )

    @strawberry.field(
        description="Cities that share at least one pilot project with this one.",
        metadata=via(COOPERATING_CITIES),
    )
    def cooperating_cities(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[City]:
        return page(info, COOPERATING_CITIES, self.key, first, after, City.from_props)

    @strawberry.field(
        description="Membership monitoring reports, every four years.",
        metadata=via(REPORTS),
    )
    def reports(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ReportT]:
        from schema.report import MonitoringReport

        return page(
            info, REPORTS, self.key, first, after, lambda p: MonitoringReport.of(p, self.key)
        )

    @strawberry.field(
        description="Voluntary annual contributions (amounts are private).",
        metadata=via(CONTRIBUTIONS),
    )
    def contributions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ContributionT]:
        from schema.contribution import Contribution

        return page(
            info, CONTRIBUTIONS, self.key, first, after, lambda p: Contribution.of(p, self.key)
        )

    @strawberry.field(
        description="Mentorships, as mentor or as candidate.",
        metadata=via(CITY_MENTORSHIPS),
    )
    def mentorships(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[MentorshipT]:
        from schema.mentorship import Mentorship

        return page(info, CITY_MENTORSHIPS, self.key, first, after, Mentorship.from_props)

    @strawberry.field(
        description="The city's focal points (contact details are private).",
        metadata=via(FOCAL_POINTS),
    )
    def focal_points(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[FocalPointT]:
        from schema.focal_point import FocalPoint

        return page(
            info, FOCAL_POINTS, self.key, first, after, lambda p: FocalPoint.of(p, self.key)
        )

    @strawberry.field(
        description="Annual Conferences the city hosted.",
        metadata=via(CONFERENCES_HOSTED),
    )
    def conferences_hosted(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ConferenceT]:
        from schema.conference import Conference

        return page(info, CONFERENCES_HOSTED, self.key, first, after, Conference.from_props)

    @strawberry.field(description="Introductions the city asked for.", metadata=via(INTRODUCTIONS))
    def introductions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[IntroductionT]:
        from schema.introduction import Introduction

        return page(info, INTRODUCTIONS, self.key, first, after, Introduction.from_props)

    @strawberry.field(
        description="Proposed partners the city found not relevant.", metadata=via(DISMISSALS)
    )
    def dismissals(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[DismissalT]:
        from schema.dismissal import Dismissal

        return page(info, DISMISSALS, self.key, first, after, Dismissal.from_props)

    @strawberry.field(
        description="Applications to host an Annual Conference.", metadata=via(HOST_APPLICATIONS)
    )
    def host_applications(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[HostApplicationT]:
        from schema.host_application import HostApplication

        return page(info, HOST_APPLICATIONS, self.key, first, after, HostApplication.from_props)
