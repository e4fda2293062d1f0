"""Contribution amounts and focal points' email and Slack id: visible to the secretariat and to
the city's own focal point only; null for anonymous callers, researchers and other cities'
focal points, whichever way the object is reached. Aggregates need a token."""

from __future__ import annotations

import csv
from collections import Counter
from typing import Any

import pytest

from graph.store import GraphStore
from schema.node import to_global_id
from services.policy import ANONYMOUS, Role, Viewer
from services.reference.dataset import DATA_DIR
from tests.schema.api import run
from tests.schema.fixtures_reading import (
    AMOUNTS,
    CONTACTS,
    reference_graph,
    small_graph,
)

__all__ = ["reference_graph", "small_graph"]

SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_secretariat")
RESEARCHER = Viewer(Role.RESEARCHER, token_id="tk_researcher")


def focal_point(city: str) -> Viewer:
    return Viewer(Role.FOCAL_POINT, city=city, token_id=f"tk_{city}")


VIEWERS = {
    "anonymous": ANONYMOUS,
    "researcher": RESEARCHER,
    "secretariat": SECRETARIAT,
    "focal-point-chiang-mai": focal_point("chiang-mai"),
    "focal-point-bogota": focal_point("bogota"),
    "focal-point-phuket": focal_point("phuket"),
}


def sees(viewer: str, city: str) -> bool:
    """The rule under test, spelled out."""
    return viewer in ("secretariat", f"focal-point-{city}")


CASES = [(viewer, city) for viewer in VIEWERS for city in AMOUNTS]
CASE_IDS = [f"{viewer}-reads-{city}" for viewer, city in CASES]

CITY = """
query($id: ID!) {
  city(id: $id) {
    contributions { nodes { year currency amount city { slug } } }
    focalPoints { nodes { name language email slackUserId } }
  }
}
"""


@pytest.mark.parametrize(("viewer", "city"), CASES, ids=CASE_IDS)
async def test_through_the_city(small_graph: GraphStore, viewer: str, city: str) -> None:
    data = await run(small_graph, CITY, {"id": city}, viewer=VIEWERS[viewer])
    [contribution] = data["city"]["contributions"]["nodes"]
    [person] = data["city"]["focalPoints"]["nodes"]
    _, name, email, slack = CONTACTS[city]
    # Public either way.
    assert contribution["year"] == 2023
    assert contribution["city"] == {"slug": city}
    assert (person["name"], person["language"]) == (name, "en")
    if sees(viewer, city):
        assert contribution["amount"] == AMOUNTS[city]
        assert (person["email"], person["slackUserId"]) == (email, slack)
    else:
        assert contribution["amount"] is None
        assert person["email"] is None
        assert person["slackUserId"] is None


NODES = """
query($contribution: ID!, $person: ID!) {
  contribution: node(id: $contribution) { ... on Contribution { amount } }
  person: node(id: $person) { ... on FocalPoint { email slackUserId } }
}
"""


@pytest.mark.parametrize(("viewer", "city"), CASES, ids=CASE_IDS)
async def test_through_global_ids(small_graph: GraphStore, viewer: str, city: str) -> None:
    # Reached without their city: the rule looks the city up.
    ids = {
        "contribution": to_global_id("Contribution", f"{city}:2023"),
        "person": to_global_id("FocalPoint", CONTACTS[city][0]),
    }
    data = await run(small_graph, NODES, ids, viewer=VIEWERS[viewer])
    visible = sees(viewer, city)
    assert data["contribution"]["amount"] == (AMOUNTS[city] if visible else None)
    assert data["person"]["email"] == (CONTACTS[city][2] if visible else None)
    assert data["person"]["slackUserId"] == (CONTACTS[city][3] if visible else None)


NEIGHBOURHOOD = """
query($id: ID!) {
  neighbourhood(id: $id, hops: 1) {
    ... on Subgraph { nodes { label node {
      ... on Contribution { amount }
      ... on FocalPoint { email slackUserId } } } }
  }
}
"""


@pytest.mark.parametrize(("viewer", "city"), CASES, ids=CASE_IDS)
async def test_through_a_neighbourhood(small_graph: GraphStore, viewer: str, city: str) -> None:
    data = await run(
        small_graph, NEIGHBOURHOOD, {"id": to_global_id("City", city)}, viewer=VIEWERS[viewer]
    )
    by_label = {n["label"]: n["node"] for n in data["neighbourhood"]["nodes"]}
    visible = sees(viewer, city)
    assert by_label["Contribution"]["amount"] == (AMOUNTS[city] if visible else None)
    assert by_label["FocalPoint"]["email"] == (CONTACTS[city][2] if visible else None)
    assert by_label["FocalPoint"]["slackUserId"] == (CONTACTS[city][3] if visible else None)


@pytest.mark.parametrize("viewer", list(VIEWERS))
async def test_a_listing_shows_each_city_its_own(small_graph: GraphStore, viewer: str) -> None:
    query = """
    { cities(first: 10) { nodes { slug
        contributions(first: 5) { nodes { amount } } focalPoints(first: 5) { nodes { email } } } } }
    """
    data = await run(small_graph, query, viewer=VIEWERS[viewer])
    amounts = {
        c["slug"]: [n["amount"] for n in c["contributions"]["nodes"]]
        for c in data["cities"]["nodes"]
    }
    emails = {
        c["slug"]: [n["email"] for n in c["focalPoints"]["nodes"]] for c in data["cities"]["nodes"]
    }
    for city, amount in AMOUNTS.items():
        assert amounts[city] == [amount if sees(viewer, city) else None]
        assert emails[city] == [CONTACTS[city][2] if sees(viewer, city) else None]


async def test_the_secret_values_appear_nowhere_in_an_anonymous_answer(
    small_graph: GraphStore,
) -> None:
    query = """
    query($id: ID!) {
      city(id: $id) { contributions { nodes { amount } } focalPoints { nodes { email } } }
      neighbourhood(id: $id, hops: 2) { ... on Subgraph { nodes { id label key name } } }
    }
    """
    for city in AMOUNTS:
        data = await run(small_graph, query, {"id": to_global_id("City", city)})
        text = repr(data)
        for other in AMOUNTS:
            _, _, email, slack = CONTACTS[other]
            assert str(AMOUNTS[other]) not in text
            assert email not in text
            assert slack not in text


# --- aggregates ----------------------------------------------------------------------------------

AGGREGATES = """
{ aggregates {
    __typename
    ... on ForbiddenError { message field }
    ... on Aggregates {
      memberCitiesPerField { field count }
      memberCitiesPerRegion { region count }
      projectsPerSdgGoal { goal count } } } }
"""


async def test_aggregates_are_forbidden_to_anonymous_callers(small_graph: GraphStore) -> None:
    data = await run(small_graph, AGGREGATES)
    assert data["aggregates"] == {
        "__typename": "ForbiddenError",
        "message": "aggregates are for researchers, focal points and the secretariat: "
        "send a bearer token",
        "field": ["aggregates"],
    }


@pytest.mark.parametrize("viewer", ["researcher", "secretariat", "focal-point-phuket"])
async def test_aggregates_count_for_every_token(small_graph: GraphStore, viewer: str) -> None:
    data = await run(small_graph, AGGREGATES, viewer=VIEWERS[viewer])
    found = data["aggregates"]
    assert found["__typename"] == "Aggregates"
    # Members only: the candidate Pistoia (design) is not counted.
    assert {r["field"]: r["count"] for r in found["memberCitiesPerField"]} == {
        "CRAFTS_AND_FOLK_ART": 3,
        "MUSIC": 1,
        "GASTRONOMY": 1,
        "DESIGN": 0,
    }
    assert {r["region"]: r["count"] for r in found["memberCitiesPerRegion"]} == {
        "ASIA_AND_THE_PACIFIC": 3,
        "LATIN_AMERICA_AND_THE_CARIBBEAN": 1,
        "EUROPE_AND_NORTH_AMERICA": 1,
    }
    assert {r["goal"]: r["count"] for r in found["projectsPerSdgGoal"]} == {4: 1, 11: 2, 17: 1}


async def test_aggregates_of_the_real_network_match_the_csvs(reference_graph: GraphStore) -> None:
    with (DATA_DIR / "uccn_cities.csv").open(newline="", encoding="utf-8") as handle:
        cities = list(csv.DictReader(handle))
    with (DATA_DIR / "countries.csv").open(newline="", encoding="utf-8") as handle:
        countries = {r["iso2"]: r for r in csv.DictReader(handle)}

    def region(iso2: str) -> str:
        row = countries[iso2]
        if not row["unesco_region"] and row["status"].startswith("Part of "):
            row = countries[row["status"].removeprefix("Part of ")]
        return row["unesco_region"].upper().replace(" ", "_")

    data: dict[str, Any] = (await run(reference_graph, AGGREGATES, viewer=RESEARCHER))["aggregates"]
    per_field = Counter(r["creative_field"].upper().replace(" ", "_") for r in cities)
    per_region = Counter(region(r["country_iso2"]) for r in cities)
    assert {r["field"]: r["count"] for r in data["memberCitiesPerField"]} == per_field
    assert {r["region"]: r["count"] for r in data["memberCitiesPerRegion"]} == per_region
    goals = data["projectsPerSdgGoal"]
    assert [g["goal"] for g in goals] == list(range(1, 18))
    assert all(g["count"] == 0 for g in goals)  # the reference data holds no project
