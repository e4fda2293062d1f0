"""The brain through the GraphQL API, on hand-built graphs where the right answer is known, and
on the demo graph (`uccn load --demo`)."""

from __future__ import annotations

from typing import Any

import pytest

from graph.dataset import GraphData
from graph.store import GraphStore
from schema.mutation import Mutation
from services.policy import ANONYMOUS, Role, Viewer
from services.reference.dataset import load_reference_data
from services.reference.loading import load_reference
from services.synth.demo import demo_layer
from tests.schema.api import make_settings

SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_s")
CHIANG_MAI = Viewer(Role.FOCAL_POINT, token_id="tk_cm", city="chiang-mai")
SETTINGS = make_settings(api_max_cost=100_000, mentor_max_candidates=1)

RECOMMEND = """
query($city: ID!, $need: NeedInput, $first: Int!) {
  recommendPartners(city: $city, need: $need, first: $first) {
    __typename
    ... on PartnerRecommendations {
      needKey withoutProjectData restsOnGeneratedData considered notes { code }
      items { kind partnerId name score restsOnGeneratedData
        reasons { code text params { name value } }
        breakdown { name weight value contribution }
        partner { __typename
          ... on City { slug country { code } }
          ... on PartnerInstitution { slug country { code } } } }
    }
    ... on ValidationError { message field }
    ... on NotFoundError { message field id }
  }
}
"""


async def run(
    store: GraphStore,
    query: str,
    variables: dict[str, Any] | None = None,
    viewer: Viewer = ANONYMOUS,
) -> dict[str, Any]:
    from hub.bootstrap import api_config
    from schema.build import build_schema
    from tests.schema.api import context_for

    schema = build_schema(api_config(SETTINGS), mutation=Mutation)
    result = await schema.execute(
        query,
        variable_values=variables,
        context_value=context_for(store, SETTINGS, viewer, "t"),
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def network(with_projects: bool = True) -> GraphData:
    """Chiang Mai works with Bogotá on 11.4. Dakar (Africa, Global South) and Phuket (Chiang
    Mai's own country) also work on 11.4; Fabriano has no project; Lyon works on 4.7 only."""
    data = GraphData()
    for region, name, code in (
        ("asia-and-the-pacific", "Asia and the Pacific", "ASIA_AND_THE_PACIFIC"),
        ("africa", "Africa", "AFRICA"),
        ("europe-and-north-america", "Europe and North America", "EUROPE_AND_NORTH_AMERICA"),
        (
            "latin-america-and-the-caribbean",
            "Latin America and the Caribbean",
            "LATIN_AMERICA_AND_THE_CARIBBEAN",
        ),
    ):
        data.add_node("Region", {"id": region, "name": name, "code": code})
    for code, name, region, south in (
        ("TH", "Thailand", "asia-and-the-pacific", True),
        ("CO", "Colombia", "latin-america-and-the-caribbean", True),
        ("SN", "Senegal", "africa", True),
        ("IT", "Italy", "europe-and-north-america", False),
        ("FR", "France", "europe-and-north-america", False),
    ):
        data.add_node("Country", {"id": code, "name": name, "global_south": south})
        data.add_link("Country-IN_REGION-Region", code, region)
    for field, name, code in (
        ("crafts-and-folk-art", "Crafts and Folk Art", "CRAFTS_AND_FOLK_ART"),
        ("music", "Music", "MUSIC"),
        ("media-arts", "Media Arts", "MEDIA_ARTS"),
        ("gastronomy", "Gastronomy", "GASTRONOMY"),
    ):
        data.add_node("CreativeField", {"id": field, "name": name, "code": code})
    for target in ("11.4", "11.3", "4.7"):
        data.add_node(
            "SDGTarget", {"id": target, "goal": int(target.split(".")[0]), "title_en": target}
        )
    cities = (
        ("chiang-mai", "Chiang Mai", "TH", "crafts-and-folk-art", "member", None),
        ("bogota", "Bogotá", "CO", "music", "member", None),
        ("dakar", "Dakar", "SN", "media-arts", "member", None),
        ("phuket", "Phuket", "TH", "gastronomy", "member", None),
        ("fabriano", "Fabriano", "IT", "crafts-and-folk-art", "member", None),
        ("lyon", "Lyon", "FR", "media-arts", "member", None),
        ("thies", "Thiès", "SN", "music", "candidate", 2027),
        ("nantes", "Nantes", "FR", "media-arts", "candidate", 2027),
    )
    for city, name, country, field, status, call in cities:
        props: dict[str, Any] = {"id": city, "name": name, "status": status}
        if call:
            props["call_year"] = call
        data.add_node("City", props)
        data.add_link("City-IN_COUNTRY-Country", city, country)
        data.add_link("City-DESIGNATED_IN-CreativeField", city, field)
    if with_projects:
        for project, lead, others, target in (
            ("heritage-lab", "chiang-mai", ["bogota"], "11.4"),
            ("dakar-heritage", "dakar", [], "11.4"),
            ("phuket-old-town", "phuket", [], "11.4"),
            ("lyon-learning", "lyon", [], "4.7"),
        ):
            data.add_node(
                "PilotProject",
                {"id": project, "title": project, "start_year": 2025, "status": "active"},
            )
            data.add_link("PilotProject-LED_BY-City", project, lead)
            for other in others:
                data.add_link("City-PARTICIPATES_IN-PilotProject", other, project)
            data.add_link("PilotProject-ADDRESSES-SDGTarget", project, target)
    return data


@pytest.fixture
async def graph(store: GraphStore) -> GraphStore:
    await store.write_data(network())
    return store


def ids(data: dict[str, Any]) -> list[str]:
    return [i["partnerId"] for i in data["recommendPartners"]["items"]]


async def recommend(
    store: GraphStore, need: dict[str, Any] | None = None, first: int = 10, city: str = "chiang-mai"
) -> dict[str, Any]:
    data = await run(store, RECOMMEND, {"city": city, "need": need, "first": first})
    result: dict[str, Any] = data["recommendPartners"]
    return result


async def test_the_best_partner_for_a_need_is_known(graph: GraphStore) -> None:
    found = await recommend(graph, {"sdgTargets": ["11.4"], "kinds": ["CITY"]})
    assert found["__typename"] == "PartnerRecommendations"
    order = [i["partnerId"] for i in found["items"]]
    # Dakar: the target, another field, Africa, Global South, a first region. Phuket shares the
    # target but is in Chiang Mai's own country. Lyon and Fabriano do not work on 11.4.
    assert order[0] == "dakar"
    assert order.index("phuket") < order.index("fabriano")
    assert "bogota" not in order  # already a partner
    assert "chiang-mai" not in order
    assert "thies" not in order  # candidates are not members yet
    dakar = found["items"][0]
    parts = {p["name"]: p["value"] for p in dakar["breakdown"]}
    assert parts["thematic"] == 1.0
    assert parts["balance"] == 1.0
    codes = {r["code"] for r in dakar["reasons"]}
    assert {"shared_target", "first_in_region", "global_south", "complementary_field"} <= codes
    texts = [r["text"] for r in dakar["reasons"]]
    assert "Would be your first partner in Africa" in texts
    assert "Media Arts complements your Crafts and Folk Art" in texts
    assert abs(sum(p["contribution"] for p in dakar["breakdown"]) - dakar["score"]) < 1e-5
    phuket = next(i for i in found["items"] if i["partnerId"] == "phuket")
    assert "same_country" in {r["code"] for r in phuket["reasons"]}
    assert dakar["partner"] == {"__typename": "City", "slug": "dakar", "country": {"code": "SN"}}
    assert found["restsOnGeneratedData"] is False


async def test_dismissed_partners_are_not_proposed_again_for_the_same_need(
    graph: GraphStore,
) -> None:
    need = {"sdgTargets": ["11.4"], "kinds": ["CITY"]}
    dismissed = await run(
        graph,
        """mutation($input: DismissRecommendationInput!) { dismissRecommendation(input: $input) {
            __typename ... on DismissalSuccess { dismissal { need partnerId } } } }""",
        {"input": {"city": "chiang-mai", "partner": "dakar", "need": need}},
        CHIANG_MAI,
    )
    assert dismissed["dismissRecommendation"]["dismissal"] == {
        "need": "targets=11.4",
        "partnerId": "dakar",
    }
    assert "dakar" not in [i["partnerId"] for i in (await recommend(graph, need))["items"]]
    # Another need: Dakar may be relevant again.
    other = await recommend(graph, {"sdgTargets": ["11.3", "11.4"], "kinds": ["CITY"]})
    assert "dakar" in [i["partnerId"] for i in other["items"]]


async def test_introductions_leave_the_list_and_fruitful_ones_strengthen_similar_partners(
    graph: GraphStore,
) -> None:
    before = await recommend(graph, {"kinds": ["CITY"]})
    lyon_before = next(i for i in before["items"] if i["partnerId"] == "lyon")
    asked = await run(
        graph,
        """mutation($input: RequestIntroductionInput!) { requestIntroduction(input: $input) {
            __typename ... on IntroductionSuccess { introduction { id status need } } } }""",
        {"input": {"from": "chiang-mai", "to": "dakar", "note": "heritage and media"}},
        CHIANG_MAI,
    )
    introduction = asked["requestIntroduction"]["introduction"]
    assert introduction["status"] == "REQUESTED"
    after = await recommend(graph, {"kinds": ["CITY"]})
    assert "dakar" not in [i["partnerId"] for i in after["items"]]
    updated = await run(
        graph,
        """mutation($input: UpdateIntroductionInput!) { updateIntroduction(input: $input) {
            __typename ... on IntroductionSuccess { introduction { status } } } }""",
        {"input": {"id": introduction["id"], "status": "BECAME_PROJECT"}},
        SECRETARIAT,
    )
    assert updated["updateIntroduction"]["introduction"]["status"] == "BECAME_PROJECT"
    fruitful = await recommend(graph, {"kinds": ["CITY"]})
    lyon = next(i for i in fruitful["items"] if i["partnerId"] == "lyon")
    # Lyon is a Media Arts city, like Dakar, whose introduction became a project.
    assert {p["name"]: p["value"] for p in lyon["breakdown"]}["feedback"] == 1.0
    assert "like_fruitful" in {r["code"] for r in lyon["reasons"]}
    assert lyon["score"] > lyon_before["score"]


async def test_without_project_data_recommendations_still_come_and_say_so(
    store: GraphStore,
) -> None:
    await store.write_data(network(with_projects=False))
    found = await recommend(store, {"kinds": ["CITY"]}, first=3)
    assert found["withoutProjectData"] is True
    assert found["notes"] == [{"code": "without_project_data"}]
    assert len(found["items"]) == 3
    for item in found["items"]:
        assert {p["name"]: p["value"] for p in item["breakdown"]}["thematic"] == 0.0
        assert item["reasons"]
    # Balance and geography: the African, Global South city comes first.
    assert found["items"][0]["partnerId"] == "dakar"


@pytest.mark.parametrize(
    ("variables", "typename", "field"),
    [
        ({"need": {"sdgTargets": ["99.9"]}}, "ValidationError", ["need", "sdgTargets", "0"]),
        ({"city": "atlantis"}, "NotFoundError", ["city"]),
        ({"first": 0}, "ValidationError", ["first"]),
        ({"first": 101}, "ValidationError", ["first"]),
        ({"need": {"kinds": []}}, "ValidationError", ["need", "kinds"]),
    ],
)
async def test_bad_input_is_named(
    graph: GraphStore, variables: dict[str, Any], typename: str, field: list[str]
) -> None:
    full = {"city": "chiang-mai", "need": None, "first": 5, **variables}
    found = (await run(graph, RECOMMEND, full))["recommendPartners"]
    assert found["__typename"] == typename
    assert found["field"] == field
    assert found["message"]


MENTORS = """{ proposeMentors(callYear: 2027) { __typename
  ... on MentorAssignment { pairs { candidateId mentorId reasons { code } }
    unmatched { candidateId reasons { code } } excludedMentors { mentorId reason { code } } }
  ... on ForbiddenError { message } } }"""

HOSTS = """query($year: Int!) { rankHostCandidates(year: $year) { __typename
  ... on HostRanking { asOf candidates { rank cityId score reasons { code text } } }
  ... on ForbiddenError { message } } }"""

CALL = """query($year: Int!) { checkApplications(callYear: $year) { __typename
  ... on CallCheck { valid candidates violations { rule cityIds message } }
  ... on ForbiddenError { message } } }"""


@pytest.mark.parametrize("query", [MENTORS, HOSTS, CALL])
async def test_the_secretariats_tools_are_the_secretariats(graph: GraphStore, query: str) -> None:
    for viewer in (ANONYMOUS, CHIANG_MAI):
        data = await run(graph, query, {"year": 2027} if "$year" in query else None, viewer)
        assert next(iter(data.values()))["__typename"] == "ForbiddenError"


async def test_a_scarce_mentor_goes_to_the_african_candidate(graph: GraphStore) -> None:
    # Only Dakar can mentor (the others have an overdue report), once (mentor_max_candidates=1).
    late = GraphData()
    for city in ("chiang-mai", "bogota", "phuket", "fabriano", "lyon"):
        late.add_node(
            "MonitoringReport", {"id": f"{city}:2020", "cycle": 2020, "due_date": "2020-11-30"}
        )
        late.add_link("MonitoringReport-REPORT_OF-City", f"{city}:2020", city)
    # Not due yet, so not overdue: Dakar stays in good standing.
    late.add_node("MonitoringReport", {"id": "dakar:2099", "cycle": 2099, "due_date": "2099-11-30"})
    late.add_link("MonitoringReport-REPORT_OF-City", "dakar:2099", "dakar")
    await graph.write_data(late)
    found = (await run(graph, MENTORS, viewer=SECRETARIAT))["proposeMentors"]
    assert [(p["candidateId"], p["mentorId"]) for p in found["pairs"]] == [("thies", "dakar")]
    assert {r["code"] for r in found["pairs"][0]["reasons"]} == {"different_field", "same_region"}
    assert [u["candidateId"] for u in found["unmatched"]] == ["nantes"]
    excluded = {m["mentorId"]: m["reason"]["code"] for m in found["excludedMentors"]}
    assert excluded["lyon"] == "not_in_good_standing"


async def test_host_ranking_reads_only_the_history_before_the_year(graph: GraphStore) -> None:
    extra = GraphData()
    for year, city in ((2026, "dakar"), (2027, "dakar"), (2027, "fabriano")):
        extra.add_node(
            "HostApplication",
            {
                "id": f"{year}:{city}",
                "year": year,
                "venue_seats": 900,
                "hotel_rooms": 1200,
                "airport_km": 20.0,
                "submitted_date": f"{year - 1}-02-01",
            },
        )
        extra.add_link("HostApplication-APPLIED_BY-City", f"{year}:{city}", city)
    extra.add_node(
        "Conference",
        {"id": "2026-dakar", "year": 2026, "host_city_name": "Dakar", "status": "held"},
    )
    extra.add_link("Conference-HOSTED_BY-City", "2026-dakar", "dakar")
    extra.add_link("Conference-HELD_IN-Country", "2026-dakar", "SN")
    await graph.write_data(extra)
    then = (await run(graph, HOSTS, {"year": 2026}, SECRETARIAT))["rankHostCandidates"]
    assert [c["cityId"] for c in then["candidates"]] == ["dakar"]
    assert "region_never_hosted" in {r["code"] for r in then["candidates"][0]["reasons"]}
    assert then["asOf"] == "2025-12-31"
    later = (await run(graph, HOSTS, {"year": 2027}, SECRETARIAT))["rankHostCandidates"]
    dakar = next(c for c in later["candidates"] if c["cityId"] == "dakar")
    codes = {r["code"] for r in dakar["reasons"]}
    assert "hosted_before" in codes
    assert "region_rotation" in codes
    assert [c["rank"] for c in later["candidates"]] == [1, 2]


async def test_a_calls_candidates_are_checked_against_the_rules(graph: GraphStore) -> None:
    more = GraphData()
    more.add_node(
        "City", {"id": "kaolack", "name": "Kaolack", "status": "candidate", "call_year": 2027}
    )
    more.add_link("City-IN_COUNTRY-Country", "kaolack", "SN")
    more.add_link("City-DESIGNATED_IN-CreativeField", "kaolack", "music")
    more.add_node(
        "City", {"id": "ziguinchor", "name": "Ziguinchor", "status": "candidate", "call_year": 2027}
    )
    more.add_link("City-IN_COUNTRY-Country", "ziguinchor", "SN")
    more.add_link("City-DESIGNATED_IN-CreativeField", "ziguinchor", "music")
    await graph.write_data(more)
    found = (await run(graph, CALL, {"year": 2027}, SECRETARIAT))["checkApplications"]
    assert found["valid"] is False
    assert found["candidates"] == 4
    assert [(v["rule"], v["cityIds"]) for v in found["violations"]] == [
        ("per_country", ["kaolack", "thies", "ziguinchor"])
    ]
    off = (await run(graph, CALL, {"year": 2026}, SECRETARIAT))["checkApplications"]
    assert [v["rule"] for v in off["violations"]] == ["calendar"]


async def test_on_the_demo_graph_chiang_mai_gets_partners_for_heritage(store: GraphStore) -> None:
    await load_reference(store)
    await store.write_data(demo_layer(load_reference_data()))
    found = await recommend(store, {"sdgTargets": ["11.4"]}, first=100)
    assert len(found["items"]) == 100
    assert sum(item["kind"] == "CITY" for item in found["items"]) >= 10
    assert all(item["reasons"] for item in found["items"])
    ties = await run(
        store,
        """{ city(id: "chiang-mai") {
            cooperatingCities(first: 100) { nodes { slug } }
            partnerInstitutions(first: 100) { nodes { slug } }
            projects(first: 100) { nodes { institutions(first: 100) { nodes { slug } } } } } }""",
    )
    city = ties["city"]
    existing = {c["slug"] for c in city["cooperatingCities"]["nodes"]}
    existing |= {i["slug"] for i in city["partnerInstitutions"]["nodes"]}
    existing |= {i["slug"] for p in city["projects"]["nodes"] for i in p["institutions"]["nodes"]}
    assert existing, "the demo layer gives Chiang Mai partners to leave out"
    assert not existing & set(ids({"recommendPartners": found}))
    assert found["restsOnGeneratedData"] is True
    assert any(
        r["code"] == "shared_target" and "11.4" in r["text"]
        for item in found["items"]
        for r in item["reasons"]
    )
    # Diversified: no more than two per country.
    countries = [item["partner"]["country"]["code"] for item in found["items"]]
    assert max(countries.count(c) for c in countries) <= 2
