"""The secretariat's whole-network answers through GraphQL stay answers when the graph holds a
bad record (issue 13, item 2): a city with two `IN_COUNTRY` edges used to turn
`proposeMentors`, `rankHostCandidates` and `checkApplications` into an internal error for
everyone ("duplicate mentor id")."""

from __future__ import annotations

import pytest

from graph.dataset import Link
from graph.store import GraphStore
from services.policy import Role, Viewer
from tests.schema.api import run
from tests.services.test_bad_records import network

SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_secretariat")

MENTORS = """{ proposeMentors(callYear: 2027) { __typename
  ... on MentorAssignment { pairs { candidateId mentorId }
    unmatched { candidateId reasons { code } } excludedMentors { mentorId reason { code } } } } }"""
HOSTS = """{ rankHostCandidates(year: 2027, asOf: "2026-03-02") { __typename
  ... on HostRanking { candidates { rank cityId } leftOut { cityId reason { code } } } } }"""
CALL = """{ checkApplications(callYear: 2027) { __typename
  ... on CallCheck { valid candidates violations { rule cityIds } } } }"""
RECOMMEND = """{ recommendPartners(city: "dakar") { __typename
  ... on PartnerRecommendations { items { partnerId } } } }"""


@pytest.fixture
async def graph(store: GraphStore) -> GraphStore:
    await store.write_data(network())
    await store.upsert_links("City-IN_COUNTRY-Country", [Link("bogota", "TH"), Link("cali", "TH")])
    return store


async def test_propose_mentors_answers_with_the_bad_records_left_out(graph: GraphStore) -> None:
    found = (await run(graph, MENTORS, viewer=SECRETARIAT))["proposeMentors"]
    assert found == {
        "__typename": "MentorAssignment",
        "pairs": [{"candidateId": "bamako", "mentorId": "dakar"}],
        "unmatched": [{"candidateId": "cali", "reasons": [{"code": "bad_record"}]}],
        "excludedMentors": [{"mentorId": "bogota", "reason": {"code": "bad_record"}}],
    }


async def test_rank_host_candidates_ranks_the_others(graph: GraphStore) -> None:
    found = (await run(graph, HOSTS, viewer=SECRETARIAT))["rankHostCandidates"]
    assert found == {
        "__typename": "HostRanking",
        "candidates": [{"rank": 1, "cityId": "dakar"}],
        "leftOut": [{"cityId": "bogota", "reason": {"code": "bad_record"}}],
    }


async def test_check_applications_names_the_bad_record(graph: GraphStore) -> None:
    found = (await run(graph, CALL, viewer=SECRETARIAT))["checkApplications"]
    assert found == {
        "__typename": "CallCheck",
        "valid": False,
        "candidates": 2,
        "violations": [{"rule": "bad_record", "cityIds": ["cali"]}],
    }


async def test_recommend_partners_never_proposes_the_bad_record(graph: GraphStore) -> None:
    found = (await run(graph, RECOMMEND))["recommendPartners"]
    assert found == {"__typename": "PartnerRecommendations", "items": [{"partnerId": "chiang-mai"}]}
