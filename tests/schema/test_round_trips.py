"""Database round trips per request are bounded by the query's depth, not by the number of
objects: each level of a query is one batched statement per relationship (per-request
DataLoaders). The store's engine is wrapped in one that counts its calls; the real FalkorDB
still answers every one of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from graph.dialect import Dialect
from graph.engine import GraphEngine, Row
from graph.schema import SchemaSpec
from graph.store import GraphStore
from services.policy import Role, Viewer
from tests.schema.api import make_settings, run
from tests.schema.fixtures_reading import small_graph, synthetic_graph

__all__ = ["small_graph", "synthetic_graph"]

# The nested queries below are far over the default cost limit (100 cities × 100 projects ×
# their targets); the limit is not what these tests are about.
# The level-by-level walk these tests count (compiled reads: tests/schema/test_compiled_reads.py).
SETTINGS = make_settings(api_max_cost=10_000_000, api_compiled_reads=False)
SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_test")


class CountingEngine:
    """Passes every call to the real engine and counts the round trips."""

    def __init__(self, inner: GraphEngine) -> None:
        self.inner = inner
        self.dialect: Dialect = inner.dialect
        self.reads: list[str] = []
        self.writes: list[str] = []

    @property
    def round_trips(self) -> int:
        return len(self.reads) + len(self.writes)

    def reset(self) -> None:
        self.reads.clear()
        self.writes.clear()

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        self.reads.append(cypher)
        return await self.inner.read(cypher, params)

    async def write(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        self.writes.append(cypher)
        return await self.inner.write(cypher, params)

    async def ensure_schema(self, schema: SchemaSpec) -> None:
        await self.inner.ensure_schema(schema)

    async def drop_all(self) -> None:
        raise AssertionError("the counted store only reads")

    async def ping(self) -> str:
        return await self.inner.ping()

    async def close(self) -> None:
        """The wrapped store stays open: the session fixture closes it."""


@pytest.fixture
def counted(synthetic_graph: GraphStore) -> tuple[GraphStore, CountingEngine]:
    engine = CountingEngine(synthetic_graph.engine)
    return GraphStore(engine), engine


NESTED = """
query($first: Int!) {
  cities(first: $first, filter: {generated: true}) {
    nodes {
      name
      country { code }
      field { code }
      projects(first: 100) { nodes { title sdgTargets { code } } }
    }
  }
}
"""


async def measure(
    counted: tuple[GraphStore, CountingEngine],
    query: str,
    variables: dict[str, Any] | None = None,
    viewer: Viewer | None = None,
) -> tuple[int, dict[str, Any]]:
    store, engine = counted
    engine.reset()
    if viewer is None:
        data = await run(store, query, variables, settings=SETTINGS)
    else:
        data = await run(store, query, variables, viewer=viewer, settings=SETTINGS)
    assert not engine.writes, "reading never writes"
    return engine.round_trips, data


def _shape(data: dict[str, Any]) -> tuple[int, int, int]:
    cities = data["cities"]["nodes"]
    projects = [p for c in cities for p in c["projects"]["nodes"]]
    targets = [t for p in projects for t in p["sdgTargets"]]
    return len(cities), len(projects), len(targets)


async def test_ten_or_a_hundred_cities_cost_the_same_round_trips(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    few, few_data = await measure(counted, NESTED, {"first": 10})
    many, many_data = await measure(counted, NESTED, {"first": 100})
    cities, projects, targets = _shape(many_data)
    # The graph is big enough that one query per object would show: hundreds of objects.
    assert cities == 100
    assert projects > 200
    assert targets > projects
    assert all(c["country"] and c["field"] for c in many_data["cities"]["nodes"])
    assert _shape(few_data)[0] == 10
    # One listing, then one statement per relationship per level: country, field, projects,
    # and the projects' targets.
    assert few == many == 5


async def test_every_level_adds_one_round_trip_per_relationship(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    deeper = NESTED.replace("sdgTargets { code }", "sdgTargets { code goal { number } }")
    deepest = deeper.replace("country { code }", "country { code region { code } }")
    base, _ = await measure(counted, NESTED, {"first": 100})
    one_more, data = await measure(counted, deeper, {"first": 100})
    two_more, _ = await measure(counted, deepest, {"first": 100})
    assert (base, one_more, two_more) == (5, 6, 7)
    goals = {
        t["goal"]["number"]
        for c in data["cities"]["nodes"]
        for p in c["projects"]["nodes"]
        for t in p["sdgTargets"]
    }
    assert len(goals) > 1


async def test_the_same_objects_reached_twice_are_loaded_once(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    # A city's cooperating cities, each with its own country: cities repeat across the level,
    # and each level still costs one statement per relationship.
    query = """
    { cities(first: 100, filter: {generated: true}) { nodes {
        country { code }
        cooperatingCities(first: 100) { nodes { country { code } field { code } } } } } }
    """
    trips, data = await measure(counted, query)
    partners = [p for c in data["cities"]["nodes"] for p in c["cooperatingCities"]["nodes"]]
    assert len(partners) > 100
    # The listing; the cities' countries and cooperating cities; then the partners' countries
    # and fields (the country loader is asked again, one level down).
    assert trips == 5


async def test_private_fields_cost_no_round_trip_per_object(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    query = """
    query($first: Int!) { cities(first: $first, filter: {generated: true}) { nodes {
        contributions(first: 100) { nodes { year amount } }
        focalPoints(first: 100) { nodes { name email } } } } }
    """
    few, _ = await measure(counted, query, {"first": 10}, SECRETARIAT)
    many, data = await measure(counted, query, {"first": 100}, SECRETARIAT)
    amounts = [
        c["amount"] for city in data["cities"]["nodes"] for c in city["contributions"]["nodes"]
    ]
    assert len(amounts) > 100
    assert all(a is not None for a in amounts)
    assert few == many == 3


async def test_a_node_list_by_global_ids_is_one_batch(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    listing = await run(counted[0], "{ cities(first: 50) { nodes { id } } }")
    ids = [n["id"] for n in listing["cities"]["nodes"]]
    fields = " ".join(f'n{i}: node(id: "{gid}") {{ id }}' for i, gid in enumerate(ids[:25]))
    trips, data = await measure(counted, f"{{ {fields} }}")
    assert [data[f"n{i}"]["id"] for i in range(25)] == ids[:25]
    assert trips == 1


async def test_loaders_do_not_outlive_their_request(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    query = '{ city(id: "chiang-mai") { name country { code } } }'
    first, _ = await measure(counted, query)
    second, _ = await measure(counted, query)
    assert first == second == 2  # nothing was answered from the previous request's cache


async def test_a_path_loads_its_nodes_in_one_batch_per_label(small_graph: GraphStore) -> None:
    engine = CountingEngine(small_graph.engine)
    query = """
    { path(from: "chiang-mai", to: "sukhothai", maxHops: 6) { ... on CooperationPath {
        length nodes { id } hops { from { id } via { id } to { id } } } } }
    """
    data = await run(GraphStore(engine), query, settings=SETTINGS)
    assert data["path"]["length"] == 6
    assert len(data["path"]["nodes"]) == 7
    # Do both ends exist; the path; then its nodes: cities, projects and institutions, one
    # batch each (the hops find them in the loaders' cache).
    assert engine.round_trips == 2 + 3


async def test_a_neighbourhood_costs_one_round_trip_per_hop_and_label(
    small_graph: GraphStore,
) -> None:
    engine = CountingEngine(small_graph.engine)
    query = """
    { neighbourhood(id: "UGlsb3RQcm9qZWN0OmNyYWZ0cy1sYWI=", hops: 1) {
        ... on Subgraph { nodes { key } } } }
    """
    data = await run(GraphStore(engine), query, settings=SETTINGS)
    labels = {"City", "CreativeField", "SDGTarget"}  # what Crafts Lab links to
    assert len(data["neighbourhood"]["nodes"]) == 5
    # The start node; the first hop from the project; then one walk per label of the
    # outermost nodes, for the edges among them.
    assert engine.round_trips == 1 + 1 + len(labels)
