"""Network analytics through the GraphQL API, on a hand-made network in the real store, checked
against NetworkX computing the same figures from the same facts on its own."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pytest

from graph.store import GraphStore
from services.policy import ANONYMOUS, SECRETARIAT, Viewer
from tests.research.networks import Network
from tests.schema.api import run
from tests.schema.conftest import CHIANG_MAI, RESEARCHER

ERRORS = "... on ForbiddenError { message field } ... on ValidationError { message field }"
STATS = f"""
query($asOf: Int, $filter: AnalyticsFilter) {{ networkStats(asOf: $asOf, filter: $filter) {{
  ... on NetworkStats {{ asOf members ties weight density components largestComponent
    isolatedCities crossFieldShare northSouthShare southSouthShare africaOrArabStatesShare
    tiesByRegionPair {{ regionA regionB ties weight }} degreeDistribution {{ degree cities }} }}
  {ERRORS} }} }}
"""
CENTRALITY = f"""
query($measure: CentralityMeasure!, $top: Int, $asOf: Int) {{
  centrality(measure: $measure, top: $top, asOf: $asOf) {{
    ... on CentralityRanking {{ measure members items {{ rank cityId score degree
      city {{ name }} }} }}
    {ERRORS} }} }}
"""
COMMUNITIES = f"""
query($asOf: Int) {{ communities(asOf: $asOf) {{
  ... on CommunityStructure {{ modularity count communities {{ rank size members(first: 50)
    fields {{ field count }} regions {{ region count }} }} }}
  {ERRORS} }} }}
"""
BROKERS = f"""
query($top: Int, $asOf: Int, $kind: PartnerKind) {{ brokers(top: $top, asOf: $asOf, kind: $kind) {{
  ... on BrokerRanking {{ members items {{ rank kind brokerId name partners fields regions
    bridgedPairs }} }}
  {ERRORS} }} }}
"""
YEARS = [None, 2010, 2015, 2018, 2019, 2025]
AFRICA_OR_ARAB = {"africa", "arab-states"}


async def _ask(
    store: GraphStore, query: str, viewer: Viewer = RESEARCHER, **variables: Any
) -> dict[str, Any]:
    data = await run(store, query, variables, viewer=viewer)
    (answer,) = data.values()
    assert isinstance(answer, dict)
    return answer


def _share(graph: nx.Graph, test: Any) -> float:
    edges = list(graph.edges)
    return sum(1 for a, b in edges if test(graph.nodes[a], graph.nodes[b])) / len(edges)


@pytest.mark.parametrize("as_of", YEARS)
async def test_network_stats_match_networkx(
    loaded: GraphStore, network: Network, as_of: int | None
) -> None:
    stats = await _ask(loaded, STATS, asOf=as_of)
    g = network.networkx(as_of)
    assert stats["asOf"] == as_of
    assert stats["members"] == g.number_of_nodes()
    assert stats["ties"] == g.number_of_edges() > 0
    assert stats["weight"] == g.size(weight="weight")
    assert stats["density"] == pytest.approx(nx.density(g))
    assert stats["components"] == nx.number_connected_components(g)
    assert stats["largestComponent"] == max(len(c) for c in nx.connected_components(g))
    assert stats["isolatedCities"] == nx.number_of_isolates(g)
    assert stats["crossFieldShare"] == pytest.approx(
        _share(g, lambda a, b: a["field"] != b["field"])
    )
    assert stats["northSouthShare"] == pytest.approx(
        _share(g, lambda a, b: a["south"] != b["south"])
    )
    assert stats["southSouthShare"] == pytest.approx(
        _share(g, lambda a, b: a["south"] and b["south"])
    )
    assert stats["africaOrArabStatesShare"] == pytest.approx(
        _share(g, lambda a, b: {a["region"], b["region"]} & AFRICA_OR_ARAB != set())
    )
    expected_pairs: Counter[tuple[str, str]] = Counter()
    expected_weight: Counter[tuple[str, str]] = Counter()
    for a, b, w in g.edges(data="weight"):
        key = tuple(sorted((g.nodes[a]["region"], g.nodes[b]["region"])))
        expected_pairs[key] += 1
        expected_weight[key] += w
    pairs = {
        (p["regionA"].lower().replace("_", "-"), p["regionB"].lower().replace("_", "-")): (
            p["ties"],
            p["weight"],
        )
        for p in stats["tiesByRegionPair"]
    }
    assert pairs == {k: (n, expected_weight[k]) for k, n in expected_pairs.items()}
    histogram = Counter(d for _, d in g.degree())
    assert {(d["degree"], d["cities"]) for d in stats["degreeDistribution"]} == set(
        histogram.items()
    )


async def test_the_year_replays_growth(loaded: GraphStore) -> None:
    members = [(await _ask(loaded, STATS, asOf=year))["members"] for year in range(2004, 2027)]
    assert members == sorted(members)
    assert members[0] == 0
    assert members[-1] == 10
    assert (await _ask(loaded, STATS, asOf=2010))["members"] == 2  # Bologna 2006, Kanazawa 2009


async def test_a_filter_keeps_the_ties_among_the_cities_it_selects(
    loaded: GraphStore, network: Network
) -> None:
    south = await _ask(loaded, STATS, filter={"globalSouth": True})
    g = network.networkx()
    chosen = g.subgraph([n for n, d in g.nodes(data=True) if d["south"]])
    assert (south["members"], south["ties"]) == (chosen.number_of_nodes(), chosen.number_of_edges())
    assert south["southSouthShare"] == 1.0
    crafts = await _ask(loaded, STATS, filter={"fields": ["CRAFTS_AND_FOLK_ART"]})
    assert crafts["crossFieldShare"] == 0.0
    assert crafts["members"] == 4


def _networkx_scores(g: nx.Graph, measure: str) -> dict[str, float]:
    if measure == "DEGREE":
        return dict(nx.degree_centrality(g))
    if measure == "BETWEENNESS":
        return dict(nx.betweenness_centrality(g))
    if measure == "PAGERANK":
        return dict(nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000))
    giant = g.subgraph(max(nx.connected_components(g), key=len))
    found = nx.eigenvector_centrality(giant, weight="weight", tol=1e-12, max_iter=10_000)
    return {n: found.get(n, 0.0) for n in g}


@pytest.mark.parametrize("measure", ["DEGREE", "BETWEENNESS", "PAGERANK", "EIGENVECTOR"])
@pytest.mark.parametrize("as_of", [None, 2019])
async def test_centrality_matches_networkx(
    loaded: GraphStore, network: Network, measure: str, as_of: int | None
) -> None:
    ranking = await _ask(loaded, CENTRALITY, measure=measure, top=100, asOf=as_of)
    g = network.networkx(as_of)
    expected = _networkx_scores(g, measure)
    assert ranking["members"] == len(expected)
    found = {item["cityId"]: item["score"] for item in ranking["items"]}
    assert found == pytest.approx(expected, abs=1e-6)
    scores = [item["score"] for item in ranking["items"]]
    assert scores == sorted(scores, reverse=True)
    assert [item["rank"] for item in ranking["items"]] == list(range(1, len(expected) + 1))
    assert all(item["degree"] == g.degree(item["cityId"]) for item in ranking["items"])
    top3 = await _ask(loaded, CENTRALITY, measure=measure, top=3, asOf=as_of)
    assert [i["cityId"] for i in top3["items"]] == [i["cityId"] for i in ranking["items"][:3]]
    assert [i["score"] for i in top3["items"]] == pytest.approx(scores[:3])


async def test_the_bridge_city_has_the_highest_betweenness(loaded: GraphStore) -> None:
    ranking = await _ask(loaded, CENTRALITY, measure="BETWEENNESS", top=2)
    assert {i["cityId"] for i in ranking["items"]} == {"fabriano", "marrakech"}
    assert ranking["items"][0]["city"]["name"] in {"Fabriano", "Marrakech"}


async def test_communities_are_the_two_groups_with_networkx_modularity(
    loaded: GraphStore, network: Network
) -> None:
    found = await _ask(loaded, COMMUNITIES)
    groups = [set(c["members"]) for c in found["communities"]]
    assert groups == [
        {"chiang-mai", "bangkok", "kanazawa", "fabriano", "bologna"},
        {"dakar", "saint-louis", "marrakech", "rabat"},
    ]
    assert found["count"] == 2
    assert [c["size"] for c in found["communities"]] == [5, 4]
    g = network.networkx()
    partition = [*groups, {"bogota"}]
    assert found["modularity"] == pytest.approx(nx.community.modularity(g, partition))
    louvain = nx.community.louvain_communities(g, weight="weight", seed=1)
    assert found["modularity"] >= nx.community.modularity(g, louvain) - 1e-9
    second = found["communities"][1]
    assert {r["region"] for r in second["regions"]} == {"AFRICA", "ARAB_STATES"}


def _bridged(cities: set[str], g: nx.Graph, network: Network) -> int:
    """Pairs of partners that differ in field or region, counted pair by pair."""
    nodes = {c.id: c for c in network.cities}
    count = 0
    ordered = sorted(cities)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            ca, cb = nodes[a], nodes[b]
            if ca.field != cb.field or g.nodes[a]["region"] != g.nodes[b]["region"]:
                count += 1
    return count


async def test_brokers_count_the_pairs_they_bridge(loaded: GraphStore, network: Network) -> None:
    ranking = await _ask(loaded, BROKERS, top=100)
    g = network.networkx()
    expected = {("CITY", c): _bridged(set(g[c]), g, network) for c in g if g.degree(c) >= 2}
    cmu = {"chiang-mai", "kanazawa", "fabriano", "marrakech", "dakar", "bogota"}
    expected[("INSTITUTION", "cmu")] = _bridged(cmu, g, network)
    found = {(b["kind"], b["brokerId"]): b["bridgedPairs"] for b in ranking["items"]}
    assert found == expected
    assert ranking["items"][0]["brokerId"] == "cmu"  # six partners in all five regions
    cmu_row = ranking["items"][0]
    assert (cmu_row["partners"], cmu_row["regions"]) == (6, 5)
    pairs = [b["bridgedPairs"] for b in ranking["items"]]
    assert pairs == sorted(pairs, reverse=True)
    # Before its partnerships and projects with them, the institution bridges less.
    early = await _ask(loaded, BROKERS, top=100, asOf=2018, kind="INSTITUTION")
    assert [(b["brokerId"], b["partners"]) for b in early["items"]] == [("cmu", 3)]


@pytest.mark.parametrize("viewer", [ANONYMOUS, CHIANG_MAI], ids=["anonymous", "focal-point"])
@pytest.mark.parametrize("query", [STATS, COMMUNITIES, BROKERS])
async def test_only_researchers_and_the_secretariat_may_ask(
    loaded: GraphStore, viewer: Viewer, query: str
) -> None:
    answer = await _ask(loaded, query, viewer=viewer)
    assert "researchers and the secretariat" in answer["message"]
    denied = await _ask(loaded, CENTRALITY, viewer=viewer, measure="DEGREE")
    assert "researchers and the secretariat" in denied["message"]
    assert "message" not in await _ask(loaded, query, viewer=SECRETARIAT)
    assert (await _ask(loaded, STATS, viewer=SECRETARIAT))["members"] == 10


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (STATS, {"asOf": 2003}, ["asOf"]),
        (STATS, {"asOf": 9999}, ["asOf"]),
        (CENTRALITY, {"measure": "DEGREE", "top": 0}, ["top"]),
        (CENTRALITY, {"measure": "DEGREE", "top": 101}, ["top"]),
        (BROKERS, {"top": -1}, ["top"]),
    ],
)
async def test_bad_arguments_are_validation_errors(
    loaded: GraphStore, query: str, variables: dict[str, Any], field: list[str]
) -> None:
    answer = await _ask(loaded, query, **variables)
    assert answer["field"] == field
    assert "must be" in answer["message"]
