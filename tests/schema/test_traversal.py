"""`path` and `neighbourhood` on the hand-built network, where the answers are known: the path
is spelled out in `reading_network()`, and neighbourhoods are checked against a breadth-first
walk of the same data done here in plain Python."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from graph.dataset import GraphData
from graph.model import REL_BY_KEY
from graph.store import GraphStore
from schema.node import from_global_id, to_global_id
from tests.schema.api import make_settings, run
from tests.schema.fixtures_reading import reading_network, small_graph

__all__ = ["small_graph"]

Key = tuple[str, str]
Edge = tuple[Key, Key, str]

PATH = """
query($from: ID!, $to: ID!, $maxHops: Int!) {
  path(from: $from, to: $to, maxHops: $maxHops) {
    __typename
    ... on CooperationPath {
      found length
      nodes { __typename id }
      hops { from { id } via { __typename id } to { id } }
    }
    ... on NotFoundError { message field id }
    ... on ValidationError { message field }
  }
}
"""


def gid(label: str, key: str) -> str:
    return str(to_global_id(label, key))


def city(key: str) -> str:
    return gid("City", key)


async def path(store: GraphStore, start: str, end: str, max_hops: int = 4) -> dict[str, Any]:
    data = await run(store, PATH, {"from": start, "to": end, "maxHops": max_hops})
    found: dict[str, Any] = data["path"]
    return found


# --- path ----------------------------------------------------------------------------------------


async def test_the_shortest_path_through_projects_and_an_institution(
    small_graph: GraphStore,
) -> None:
    got = await path(small_graph, "chiang-mai", "sukhothai", max_hops=6)
    assert got["__typename"] == "CooperationPath"
    assert got["found"] is True
    assert got["length"] == 6
    assert [(n["__typename"], n["id"]) for n in got["nodes"]] == [
        ("City", city("chiang-mai")),
        ("PilotProject", gid("PilotProject", "crafts-lab")),
        ("City", city("bogota")),
        ("PilotProject", gid("PilotProject", "music-bridge")),
        ("City", city("fabriano")),
        ("PartnerInstitution", gid("PartnerInstitution", "paper-guild")),
        ("City", city("sukhothai")),
    ]
    hops = [(h["from"]["id"], h["via"], h["to"]["id"]) for h in got["hops"]]
    assert hops == [
        (
            city("chiang-mai"),
            {"__typename": "PilotProject", "id": gid("PilotProject", "crafts-lab")},
            city("bogota"),
        ),
        (
            city("bogota"),
            {"__typename": "PilotProject", "id": gid("PilotProject", "music-bridge")},
            city("fabriano"),
        ),
        (
            city("fabriano"),
            {"__typename": "PartnerInstitution", "id": gid("PartnerInstitution", "paper-guild")},
            city("sukhothai"),
        ),
    ]


async def test_the_path_reads_the_same_backwards(small_graph: GraphStore) -> None:
    there = await path(small_graph, "chiang-mai", "sukhothai", max_hops=6)
    back = await path(small_graph, "sukhothai", "chiang-mai", max_hops=6)
    assert [n["id"] for n in back["nodes"]] == [n["id"] for n in reversed(there["nodes"])]


async def test_a_hop_through_a_project_and_an_institution(small_graph: GraphStore) -> None:
    # Phuket leads Island Food, which the Silk Institute contributes to; the institute
    # partners with Pistoia. Three relationships, one city-to-city hop.
    got = await path(small_graph, "phuket", "pistoia", max_hops=3)
    assert (got["found"], got["length"]) == (True, 3)
    [hop] = got["hops"]
    assert hop["from"]["id"] == city("phuket")
    assert hop["to"]["id"] == city("pistoia")
    # `via` is the first link; the path's nodes hold both.
    assert hop["via"] == {"__typename": "PilotProject", "id": gid("PilotProject", "island-food")}
    assert [n["id"] for n in got["nodes"]] == [
        city("phuket"),
        gid("PilotProject", "island-food"),
        gid("PartnerInstitution", "silk-institute"),
        city("pistoia"),
    ]


@pytest.mark.parametrize(
    ("start", "end", "max_hops", "length"),
    [
        ("chiang-mai", "bogota", 1, None),
        ("chiang-mai", "bogota", 2, 2),
        ("chiang-mai", "fabriano", 3, None),
        ("chiang-mai", "fabriano", 4, 4),
        ("chiang-mai", "sukhothai", 4, None),  # the default bound
        ("chiang-mai", "sukhothai", 5, None),
        ("chiang-mai", "sukhothai", 6, 6),
        ("phuket", "pistoia", 2, None),
        ("chiang-mai", "phuket", 6, None),  # no cooperation at all
        ("chiang-mai", "pistoia", 6, None),  # a mentorship is not a cooperation path
    ],
)
async def test_max_hops_bounds_the_path(
    small_graph: GraphStore, start: str, end: str, max_hops: int, length: int | None
) -> None:
    got = await path(small_graph, start, end, max_hops)
    assert got["__typename"] == "CooperationPath"
    if length is None:
        assert got == {
            "__typename": "CooperationPath",
            "found": False,
            "length": 0,
            "nodes": [],
            "hops": [],
        }
    else:
        assert (got["found"], got["length"], len(got["nodes"])) == (True, length, length + 1)


async def test_a_city_is_connected_to_itself(small_graph: GraphStore) -> None:
    got = await path(small_graph, "phuket", city("phuket"))
    assert got == {
        "__typename": "CooperationPath",
        "found": True,
        "length": 0,
        "nodes": [{"__typename": "City", "id": city("phuket")}],
        "hops": [],
    }


async def test_max_hops_defaults_to_four(small_graph: GraphStore) -> None:
    query = """
    { near: path(from: "chiang-mai", to: "fabriano") { ... on CooperationPath { found } }
      far: path(from: "chiang-mai", to: "sukhothai") { ... on CooperationPath { found } } }
    """
    assert await run(small_graph, query) == {"near": {"found": True}, "far": {"found": False}}


async def test_cities_may_be_given_by_global_id(small_graph: GraphStore) -> None:
    got = await path(small_graph, city("chiang-mai"), city("bogota"), max_hops=2)
    assert (got["found"], got["length"]) == (True, 2)


@pytest.mark.parametrize(
    ("start", "end", "field", "missing"),
    [
        ("atlantis", "bogota", "from", "atlantis"),
        ("bogota", "atlantis", "to", "atlantis"),
        (gid("City", "atlantis"), "bogota", "from", "atlantis"),
        ("paper-guild", "bogota", "from", "paper-guild"),  # an institution's slug, not a city's
    ],
)
async def test_an_unknown_city_is_not_found(
    small_graph: GraphStore, start: str, end: str, field: str, missing: str
) -> None:
    got = await path(small_graph, start, end)
    assert got["__typename"] == "NotFoundError"
    assert got["field"] == [field]
    assert got["id"] == missing
    assert repr(missing) in got["message"]


async def test_an_id_of_another_type_is_a_validation_error(small_graph: GraphStore) -> None:
    got = await path(small_graph, gid("Country", "TH"), "bogota")
    assert got["__typename"] == "ValidationError"
    assert got["field"] == ["from"]
    assert "Country" in got["message"]


@pytest.mark.parametrize("max_hops", [0, -1, 7, 100])
async def test_max_hops_out_of_bounds_is_a_validation_error(
    small_graph: GraphStore, max_hops: int
) -> None:
    got = await path(small_graph, "chiang-mai", "bogota", max_hops)
    assert got == {
        "__typename": "ValidationError",
        "message": "maxHops must be between 1 and 6",
        "field": ["maxHops"],
    }


# --- neighbourhood -------------------------------------------------------------------------------

NEIGHBOURHOOD = """
query($id: ID!, $hops: Int!) {
  neighbourhood(id: $id, hops: $hops) {
    __typename
    ... on Subgraph {
      truncated
      nodes { id label key name node { __typename id } }
      edges { source target type }
    }
    ... on NotFoundError { message field id }
    ... on ValidationError { message field }
  }
}
"""


def _adjacency() -> tuple[dict[Key, set[Key]], set[Edge]]:
    """The hand-built network as undirected adjacency and directed typed edges."""
    data = reading_network()
    adjacent: dict[Key, set[Key]] = defaultdict(set)
    edges: set[Edge] = set()
    for key, links in data.links.items():
        rel = REL_BY_KEY[key]
        for link in links:
            source, target = (rel.start, link.start), (rel.end, link.end)
            adjacent[source].add(target)
            adjacent[target].add(source)
            edges.add((source, target, rel.type))
    return adjacent, edges


def expected_neighbourhood(start: Key, hops: int) -> tuple[set[Key], set[Edge]]:
    """Nodes within `hops` of `start` (breadth first) and every edge among them."""
    adjacent, edges = _adjacency()
    seen = {start}
    frontier = {start}
    for _ in range(hops):
        frontier = {n for f in frontier for n in adjacent[f]} - seen
        seen |= frontier
    return seen, {e for e in edges if e[0] in seen and e[1] in seen}


async def neighbourhood(
    store: GraphStore, start: Key, hops: int, max_nodes: int | None = None
) -> dict[str, Any]:
    settings = None if max_nodes is None else make_settings(api_neighbourhood_max_nodes=max_nodes)
    data = await run(store, NEIGHBOURHOOD, {"id": gid(*start), "hops": hops}, settings=settings)
    found: dict[str, Any] = data["neighbourhood"]
    return found


def _key(global_id: str) -> Key:
    decoded = from_global_id(global_id)
    assert decoded is not None, global_id
    return decoded


def as_sets(found: dict[str, Any]) -> tuple[set[Key], set[Edge]]:
    nodes = {(n["label"], n["key"]) for n in found["nodes"]}
    assert len(nodes) == len(found["nodes"])  # each node once
    edges = {(_key(e["source"]), _key(e["target"]), e["type"]) for e in found["edges"]}
    assert len(edges) == len(found["edges"])
    return nodes, edges


START_POINTS = [
    ("City", "chiang-mai"),
    ("City", "pistoia"),
    ("PilotProject", "music-bridge"),
    ("Country", "TH"),
    ("SDGTarget", "11.4"),
    ("FocalPoint", "bogota-ana"),
]


@pytest.mark.parametrize("hops", [1, 2, 3])
@pytest.mark.parametrize("start", START_POINTS, ids=lambda s: f"{s[0]}:{s[1]}")
async def test_neighbourhood_within_hops(small_graph: GraphStore, start: Key, hops: int) -> None:
    found = await neighbourhood(small_graph, start, hops)
    assert found["__typename"] == "Subgraph"
    assert found["truncated"] is False
    nodes, edges = as_sets(found)
    expected_nodes, expected_edges = expected_neighbourhood(start, hops)
    assert nodes == expected_nodes
    assert edges == expected_edges


async def test_neighbourhood_nodes_are_typed_and_named(small_graph: GraphStore) -> None:
    found = await neighbourhood(small_graph, ("City", "chiang-mai"), 1)
    by_key = {(n["label"], n["key"]): n for n in found["nodes"]}
    assert by_key[("City", "chiang-mai")]["name"] == "Chiang Mai"
    assert by_key[("PilotProject", "crafts-lab")]["name"] == "Crafts Lab"
    assert by_key[("Contribution", "chiang-mai:2023")]["name"] is None
    for node in found["nodes"]:
        assert node["id"] == gid(node["label"], node["key"])
        assert node["node"]["id"] == node["id"]
    typenames = {n["label"]: n["node"]["__typename"] for n in found["nodes"]}
    assert typenames["PilotProject"] == "PilotProject"
    assert typenames["CreativeField"] == "CreativeField"


async def test_hops_grow_the_neighbourhood(small_graph: GraphStore) -> None:
    sizes = []
    for hops in (1, 2, 3):
        found = await neighbourhood(small_graph, ("City", "pistoia"), hops)
        sizes.append(len(found["nodes"]))
    assert sizes[0] < sizes[1] < sizes[2]


@pytest.mark.parametrize("max_nodes", [10, 12])
async def test_the_size_bound_truncates(small_graph: GraphStore, max_nodes: int) -> None:
    start = ("City", "chiang-mai")
    everything, _ = expected_neighbourhood(start, 3)
    assert len(everything) > max_nodes
    found = await neighbourhood(small_graph, start, 3, max_nodes=max_nodes)
    assert found["truncated"] is True
    nodes, edges = as_sets(found)
    assert len(nodes) == max_nodes
    assert start in nodes
    assert nodes <= everything
    # The nearest come first: every node one hop away is kept before any farther one.
    one_hop, _ = expected_neighbourhood(start, 1)
    assert one_hop <= nodes
    # Edges only among the nodes kept.
    assert all(source in nodes and target in nodes for source, target, _ in edges)


async def test_a_neighbourhood_within_the_bound_is_whole(small_graph: GraphStore) -> None:
    start = ("City", "pistoia")
    expected, _ = expected_neighbourhood(start, 1)
    found = await neighbourhood(small_graph, start, 1, max_nodes=len(expected) + 5)
    assert found["truncated"] is False
    assert as_sets(found)[0] == expected


async def test_a_walk_cut_short_by_its_row_limit_says_so(store: GraphStore) -> None:
    # Region R holds countries A and B, A part of B. With at most 10 nodes a walk reads at
    # most 200 rows a query: A's 250 cities come before its PART_OF edge to B, whose row is
    # cut; the answer must not pass for whole.
    data = GraphData()
    data.add_node("Region", {"id": "africa", "name": "Africa"})
    for country in ("A1", "B1"):
        data.add_node("Country", {"id": country, "name": country})
        data.add_link("Country-IN_REGION-Region", country, "africa")
    data.add_link("Country-PART_OF-Country", "A1", "B1")
    for i in range(250):
        data.add_node("City", {"id": f"c{i:03d}", "name": f"C{i}", "status": "member"})
        data.add_link("City-IN_COUNTRY-Country", f"c{i:03d}", "A1")
    await store.write_data(data)
    found = await neighbourhood(store, ("Region", "africa"), 1, max_nodes=10)
    nodes, _ = as_sets(found)
    assert nodes == {("Region", "africa"), ("Country", "A1"), ("Country", "B1")}
    assert found["truncated"] is True
    whole = await neighbourhood(store, ("Region", "africa"), 1, max_nodes=20)
    assert whole["truncated"] is False
    assert (("Country", "A1"), ("Country", "B1"), "PART_OF") in as_sets(whole)[1]


@pytest.mark.parametrize("hops", [0, -1, 4, 10])
async def test_hops_out_of_bounds_is_a_validation_error(small_graph: GraphStore, hops: int) -> None:
    found = await neighbourhood(small_graph, ("City", "chiang-mai"), hops)
    assert found == {
        "__typename": "ValidationError",
        "message": "hops must be between 1 and 3",
        "field": ["hops"],
    }


@pytest.mark.parametrize(
    "node_id",
    [
        gid("City", "atlantis"),
        gid("PilotProject", "chiang-mai"),  # a city's key under another label
        "chiang-mai",  # a slug is not a global id
        gid("ApiToken", "tk_anything"),  # credentials are no node of the API
        "",
    ],
)
async def test_an_unknown_node_is_not_found(small_graph: GraphStore, node_id: str) -> None:
    data = await run(small_graph, NEIGHBOURHOOD, {"id": node_id, "hops": 1})
    found = data["neighbourhood"]
    assert found["__typename"] == "NotFoundError"
    assert found["field"] == ["id"]
    assert found["id"] == node_id


@pytest.mark.parametrize("hops", [1, 2, 3])
async def test_api_tokens_never_appear(small_graph: GraphStore, hops: int) -> None:
    # The fixture's token speaks for Chiang Mai: one hop from it, in the graph.
    rows = await small_graph.engine.read(
        "MATCH (t:ApiToken)-[:SPEAKS_FOR]->(c:City) RETURN t.id AS id, c.id AS city", {}
    )
    [token] = rows
    assert token["city"] == "chiang-mai"
    for start in (("City", "chiang-mai"), ("Country", "TH"), ("FocalPoint", "chiang-mai-somchai")):
        found = await neighbourhood(small_graph, start, hops)
        text = repr(found)
        assert "ApiToken" not in text
        assert "SPEAKS_FOR" not in text
        assert token["id"] not in text
        assert all(n["label"] != "ApiToken" for n in found["nodes"])
