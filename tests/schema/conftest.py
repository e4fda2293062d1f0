"""Fixtures of the mutation tests: a small seeded network, callers of every role, and `api`,
which runs one mutation as a given caller against the schema the app serves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import strawberry

from graph.dataset import GraphData
from graph.store import GraphStore, fold_name
from hub.bootstrap import api_config
from hub.settings import Settings
from schema.build import build_schema
from schema.mutation import Mutation
from services.policy import Role, Viewer
from tests.schema.api import context_for

SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_secretariat")
RESEARCHER = Viewer(Role.RESEARCHER, token_id="tk_researcher")


def focal_point(city: str) -> Viewer:
    return Viewer(Role.FOCAL_POINT, city=city, token_id=f"tk_{city}")


CHIANG_MAI = focal_point("chiang-mai")
BOGOTA = focal_point("bogota")

_ERRORS = """
    ... on ValidationError { message field }
    ... on NotFoundError { message field id }
    ... on ForbiddenError { message field }
"""

# What each mutation's success shows.
SUCCESS_FIELDS: dict[str, str] = {
    "createProject": """
        ... on CreateProjectSuccess { created project { slug title summary startYear endYear
          status leadCity { slug } cities { nodes { slug } } invitedCities { nodes { slug } }
          institutions { nodes { slug } } fields { code } sdgTargets { code } } }
    """,
    "updateProject": """
        ... on UpdateProjectSuccess { project { slug title summary startYear endYear status
          leadCity { slug } cities { nodes { slug } } invitedCities { nodes { slug } }
          institutions { nodes { slug } } fields { code } sdgTargets { code } } }
    """,
    "answerInvitation": """
        ... on UpdateProjectSuccess { project { slug cities { nodes { slug } }
          invitedCities { nodes { slug } } } }
    """,
    "registerInstitution": """
        ... on RegisterInstitutionSuccess { created institution { slug name kind website
          country { code } partnerCities { nodes { slug } } } }
    """,
    "linkInstitution": """
        ... on LinkInstitutionSuccess { sinceYear institution { slug
          partnerCities { nodes { slug } } } city { slug } }
    """,
    "recordReportSubmission": """
        ... on RecordReportSubmissionSuccess { created report { cycle dueDate submittedDate
          url state city { slug } } }
    """,
    "recordContribution": """
        ... on RecordContributionSuccess { created contribution { year amount currency
          city { slug } } }
    """,
    "recordCandidate": """
        ... on RecordCandidateSuccess { created city { slug name status country { code }
          field { code } } mentorship { startYear endYear status mentor { slug }
          candidate { slug } } }
    """,
    "requestIntroduction": """
        ... on IntroductionSuccess { introduction { status partnerKind need requestedDate
          requestedBy { slug } toCity { slug } toInstitution { slug } } }
    """,
    "updateIntroduction": """
        ... on IntroductionSuccess { introduction { status updatedDate requestedBy { slug } } }
    """,
    "dismissRecommendation": """
        ... on DismissalSuccess { dismissal { partnerKind partnerId need city { slug } } }
    """,
    "recordHostApplication": """
        ... on HostApplicationSuccess { application { year venueSeats hotelRooms airportKm
          city { slug } } }
    """,
}
MUTATIONS = tuple(SUCCESS_FIELDS)


def document(mutation: str) -> str:
    """The mutation with `$input`, its success fields and every error member."""
    input_type = f"{mutation[0].upper()}{mutation[1:]}Input"
    return (
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename "
        f"{SUCCESS_FIELDS[mutation]} {_ERRORS} }} }}"
    )


def seed_network() -> GraphData:
    """Four member cities in three countries, fields, targets, one institution, one project
    led by Chiang Mai with Bogotá taking part, and a report of Chiang Mai that is due."""
    data = GraphData()
    for code, name in (("TH", "Thailand"), ("CO", "Colombia"), ("IT", "Italy")):
        data.add_node("Country", {"id": code, "name": name})
    for field_id, name, code in (
        ("crafts-and-folk-art", "Crafts and Folk Art", "CRAFTS_AND_FOLK_ART"),
        ("music", "Music", "MUSIC"),
        ("design", "Design", "DESIGN"),
    ):
        data.add_node("CreativeField", {"id": field_id, "name": name, "code": code})
    for city_id, name, country, field_id in (
        ("chiang-mai", "Chiang Mai", "TH", "crafts-and-folk-art"),
        ("bogota", "Bogotá", "CO", "music"),
        ("phuket", "Phuket", "TH", "gastronomy"),
        ("fabriano", "Fabriano", "IT", "crafts-and-folk-art"),
    ):
        city = {"id": city_id, "name": name, "search_name": fold_name(name), "status": "member"}
        data.add_node("City", city | {"designation_year": 2017})
        data.add_link("City-IN_COUNTRY-Country", city_id, country)
        if field_id != "gastronomy":
            data.add_link("City-DESIGNATED_IN-CreativeField", city_id, field_id, {"year": 2017})
    for target, goal in (("11.4", 11), ("4.7", 4), ("17.17", 17)):
        data.add_node("SDGTarget", {"id": target, "goal": goal, "title_en": f"Target {target}"})
    data.add_node(
        "PartnerInstitution",
        {
            "id": "chiang-mai-university",
            "name": "Chiang Mai University",
            "search_name": "chiang mai university",
            "kind": "university",
        },
    )
    data.add_link("PartnerInstitution-BASED_IN-Country", "chiang-mai-university", "TH")
    data.add_node(
        "PilotProject",
        {
            "id": "lanna-crafts-lab",
            "title": "Lanna Crafts Lab",
            "search_name": "lanna crafts lab",
            "summary": "Crafts and heritage",
            "start_year": 2022,
            "status": "active",
        },
    )
    data.add_link("PilotProject-LED_BY-City", "lanna-crafts-lab", "chiang-mai")
    data.add_link("City-PARTICIPATES_IN-PilotProject", "bogota", "lanna-crafts-lab")
    data.add_link(
        "PartnerInstitution-CONTRIBUTES_TO-PilotProject",
        "chiang-mai-university",
        "lanna-crafts-lab",
    )
    data.add_link("PilotProject-IN_FIELD-CreativeField", "lanna-crafts-lab", "crafts-and-folk-art")
    data.add_link("PilotProject-ADDRESSES-SDGTarget", "lanna-crafts-lab", "11.4")
    data.add_node(
        "MonitoringReport", {"id": "chiang-mai:2021", "cycle": 2021, "due_date": "2021-11-30"}
    )
    data.add_link("MonitoringReport-REPORT_OF-City", "chiang-mai:2021", "chiang-mai")
    data.add_node(
        "MonitoringReport", {"id": "bogota:2021", "cycle": 2021, "due_date": "2021-11-30"}
    )
    data.add_link("MonitoringReport-REPORT_OF-City", "bogota:2021", "bogota")
    intro = "chiang-mai:fabriano:2026-01-05"
    data.add_node(
        "Introduction",
        {
            "id": intro,
            "status": "requested",
            "partner_kind": "city",
            "requested_date": "2026-01-05",
        },
    )
    data.add_link("Introduction-REQUESTED_BY-City", intro, "chiang-mai")
    data.add_link("Introduction-TO_CITY-City", intro, "fabriano")
    # Bogotá's project, to which its focal point invited Chiang Mai: no tie until it accepts.
    data.add_node(
        "PilotProject",
        {
            "id": "bogota-sound-lab",
            "title": "Bogotá Sound Lab",
            "search_name": "bogota sound lab",
            "start_year": 2025,
            "status": "planned",
        },
    )
    data.add_link("PilotProject-LED_BY-City", "bogota-sound-lab", "bogota")
    data.add_link(
        "City-INVITED_TO-PilotProject",
        "chiang-mai",
        "bogota-sound-lab",
        {"invited_date": "2026-02-20"},
    )
    return data


@dataclass(slots=True)
class Api:
    store: GraphStore
    settings: Settings
    schema: strawberry.Schema

    async def execute(
        self, viewer: Viewer, document: str, variables: dict[str, Any] | None = None
    ) -> Any:
        context = context_for(self.store, self.settings, viewer, "test")
        return await self.schema.execute(document, variable_values=variables, context_value=context)

    async def call(self, viewer: Viewer, mutation: str, data: dict[str, Any]) -> dict[str, Any]:
        """The mutation's union result; the request itself must not fail."""
        result = await self.execute(viewer, document(mutation), {"input": data})
        assert result.errors is None, result.errors
        outcome: dict[str, Any] = result.data[mutation]
        return outcome

    async def snapshot(self) -> dict[str, Any]:
        """The whole graph, comparable: equal before and after means nothing changed."""
        return (await self.store.read_data()).canonical()


@pytest.fixture
async def api(store: GraphStore, settings: Settings) -> Api:
    await store.write_data(seed_network())
    return Api(store, settings, build_schema(api_config(settings), mutation=Mutation))
