"""The prefetch walk: a root field loads every relation its query selects, level by level, so
the relation resolvers answer without loading anything themselves.

`schema.relations._later` is the one place a relation resolver loads on its own; the tests
count its calls (a fallback is still correct, only slower, so nothing else would show it)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from graphql import GraphQLObjectType

from graph.engine import GraphEngine, Row
from graph.store import GraphStore
from schema import relations
from schema.prefetch import DEFINITION, RelationIndex
from services.policy import Role, Viewer
from tests.schema.api import errors, make_settings, run, schema_for
from tests.schema.fixtures_reading import synthetic_graph
from tests.schema.test_round_trips import CountingEngine

__all__ = ["synthetic_graph"]

# The level-by-level walk these tests count (compiled reads: tests/schema/test_compiled_reads.py).
SETTINGS = make_settings(api_max_cost=10_000_000, api_compiled_reads=False)
RELATION_CALL = re.compile(r"\breturn (one|the_one|many|page)\(")
SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_test")

# A way from a root field to a page of objects of each type: (query prefix, closing braces,
# statements it costs). Every type with a relation field is reachable from one of these.
ROOTS: dict[str, tuple[str, str, int]] = {
    "City": ("cities(first: 100, filter: {generated: true}) { nodes {", "} }", 1),
    "Country": ("countries(first: 100) { nodes {", "} }", 1),
    "Region": ("regions { nodes {", "} }", 1),
    "CreativeField": ("fields { nodes {", "} }", 1),
    "PartnerInstitution": ("institutions(first: 100) { nodes {", "} }", 1),
    "PilotProject": ("projects(first: 100) { nodes {", "} }", 1),
    "SDGGoal": ("sdgGoals { nodes {", "} }", 1),
    "SDGTarget": ("sdgGoals { nodes { targets(first: 100) { nodes {", "} } } }", 2),
    "Conference": ("conferences(first: 100) { nodes {", "} }", 1),
    "MonitoringReport": (
        "cities(first: 100, filter: {generated: true}) { nodes { reports { nodes {",
        "} } } }",
        2,
    ),
    "Contribution": (
        "cities(first: 100, filter: {generated: true}) { nodes { contributions { nodes {",
        "} } } }",
        2,
    ),
    "FocalPoint": (
        "cities(first: 100, filter: {generated: true}) { nodes { focalPoints { nodes {",
        "} } } }",
        2,
    ),
    "Mentorship": (
        "cities(first: 100, filter: {generated: true}) { nodes { mentorships { nodes {",
        "} } } }",
        2,
    ),
    "Introduction": (
        "cities(first: 100, filter: {generated: true}) { nodes { introductions { nodes {",
        "} } } }",
        2,
    ),
    "Dismissal": (
        "cities(first: 100, filter: {generated: true}) { nodes { dismissals { nodes {",
        "} } } }",
        2,
    ),
    "HostApplication": (
        "cities(first: 100, filter: {generated: true}) { nodes { hostApplications { nodes {",
        "} } } }",
        2,
    ),
}


# Relations the generated cities do not have: reached from the real objects that do.
ROOT_FOR: dict[tuple[str, str], tuple[str, str, int]] = {
    ("City", "conferencesHosted"): (
        "conferences(first: 100) { nodes { hostCities {",
        "} } }",
        2,
    ),
}


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each relation resolver that had to load by itself, by statement name."""
    calls: list[str] = []
    original = relations._later

    async def counted(loader: Any, node_id: str, then: Callable[[Any], Any]) -> Any:
        calls.append(node_id)
        return await original(loader, node_id, then)

    monkeypatch.setattr(relations, "_later", counted)
    return calls


@pytest.fixture
def counted(synthetic_graph: GraphStore) -> tuple[GraphStore, CountingEngine]:
    engine = CountingEngine(synthetic_graph.engine)
    return GraphStore(engine), engine


def relation_fields() -> list[tuple[str, str, bool]]:
    index: RelationIndex = schema_for(SETTINGS).relations  # type: ignore[attr-defined]
    return sorted((owner, name, rel.paged) for (owner, name), rel in index.fields.items())


def test_every_relation_field_is_known_to_the_walk() -> None:
    """Every resolver that answers through `schema.relations` is declared with `via(…)`."""
    schema = schema_for(SETTINGS)
    answering: set[tuple[str, str]] = set()
    for type_ in schema._schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            resolver = getattr((field.extensions or {}).get(DEFINITION), "base_resolver", None)
            if resolver is not None and RELATION_CALL.search(
                inspect.getsource(resolver.wrapped_func)
            ):
                answering.add((type_.name, name))
    found = {(owner, name) for owner, name, _ in relation_fields()}
    assert found == answering
    # A sample of each kind: one, the one, list, connection, two-hop.
    assert {
        ("City", "country"),
        ("SDGTarget", "goal"),
        ("PilotProject", "sdgTargets"),
        ("City", "projects"),
        ("City", "cooperatingCities"),
    } <= found
    assert {owner for owner, _ in found} == set(ROOTS)


@pytest.mark.parametrize(("owner", "name", "paged"), relation_fields())
async def test_every_relation_resolves_from_the_walk(
    counted: tuple[GraphStore, CountingEngine],
    fallbacks: list[str],
    owner: str,
    name: str,
    paged: bool,
) -> None:
    store, engine = counted
    prefix, suffix, cost = ROOT_FOR.get((owner, name), ROOTS[owner])
    selection = f"{name}(first: 100) {{ nodes {{ id }} }}" if paged else f"{name} {{ id }}"
    engine.reset()
    data = await run(
        store, f"{{ {prefix} id {selection} {suffix} }}", viewer=SECRETARIAT, settings=SETTINGS
    )
    assert fallbacks == []
    # The listing (and the way down), then the relation: one statement, whatever the objects.
    assert engine.round_trips == cost + 1
    assert _found(data, name), f"the test graph has no {owner}.{name} to show"


def _found(data: Any, name: str) -> bool:
    """Whether `name` holds something anywhere in the answer."""
    if isinstance(data, dict):
        return any(
            (key == name and value not in (None, [], {"nodes": []})) or _found(value, name)
            for key, value in data.items()
        )
    if isinstance(data, list):
        return any(_found(item, name) for item in data)
    return False


NESTED = """
{ cities(first: 50, filter: {generated: true}) { nodes {
    name country { code region { code } } field { code }
    projects(first: 100) { nodes { title sdgTargets { code goal { number } } } } } } }
"""

SPREAD = """
fragment Place on City { country { code region { code } } field { code } }
fragment Work on PilotProject { title sdgTargets { code ... on SDGTarget { goal { number } } } }
{ cities(first: 50, filter: {generated: true}) { edges { node {
    name ...Place
    projects(first: 100) { edges { node { ...Work } } } } } } }
"""


async def test_fragments_and_edges_are_walked_like_plain_fields(
    counted: tuple[GraphStore, CountingEngine], fallbacks: list[str]
) -> None:
    store, engine = counted
    engine.reset()
    plain = await run(store, NESTED, settings=SETTINGS)
    plain_trips = engine.round_trips
    engine.reset()
    spread = await run(store, SPREAD, settings=SETTINGS)
    assert fallbacks == []
    assert engine.round_trips == plain_trips == 7
    assert [e["node"]["country"] for e in spread["cities"]["edges"]] == [
        c["country"] for c in plain["cities"]["nodes"]
    ]
    targets = [
        t
        for e in spread["cities"]["edges"]
        for p in e["node"]["projects"]["edges"]
        for t in p["node"]["sdgTargets"]
    ]
    assert targets
    assert all(t["goal"]["number"] for t in targets)


async def test_the_walk_loads_only_the_page_each_connection_shows(
    synthetic_graph: GraphStore, fallbacks: list[str]
) -> None:
    engine = RecordingEngine(synthetic_graph.engine)
    query = """
    { cities(first: 100, filter: {generated: true}) { nodes {
        two: projects(first: 2) { nodes { slug sdgTargets { code } } }
        more: projects(first: 3, after: "b2Zmc2V0OjE=") { nodes { slug sdgTargets { code } } }
    } } }
    """
    data = await run(GraphStore(engine), query, settings=SETTINGS)
    assert fallbacks == []
    cities = data["cities"]["nodes"]
    shown = {p["slug"] for c in cities for key in ("two", "more") for p in c[key]["nodes"]}
    assert len(shown) > 100
    # One level down, the walk asked for the targets of the projects the pages show, no more.
    asked = [params["ids"] for cypher, params in engine.calls if "[:ADDRESSES]->(b" in cypher]
    assert len(asked) == 1
    assert set(asked[0]) == shown


class RecordingEngine(CountingEngine):
    """Also keeps each read's parameters."""

    def __init__(self, inner: GraphEngine) -> None:
        super().__init__(inner)
        self.calls: list[tuple[str, Mapping[str, Any]]] = []

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        self.calls.append((cypher, dict(params)))
        return await super().read(cypher, params)


async def test_skipped_and_excluded_fields_cost_nothing(
    counted: tuple[GraphStore, CountingEngine], fallbacks: list[str]
) -> None:
    store, engine = counted
    query = """
    query($no: Boolean!) { cities(first: 20, filter: {generated: true}) { nodes {
        name country @skip(if: true) { code } field @include(if: $no) { code }
        projects(first: 5) @include(if: true) { nodes { id } } } } }
    """
    engine.reset()
    data = await run(store, query, {"no": False}, settings=SETTINGS)
    assert fallbacks == []
    assert engine.round_trips == 2  # the listing and the projects
    assert all("country" not in c and "field" not in c for c in data["cities"]["nodes"])


async def test_fragments_on_other_types_load_nothing_for_them(
    counted: tuple[GraphStore, CountingEngine], fallbacks: list[str]
) -> None:
    store, engine = counted
    listing = await run(store, "{ cities(first: 1) { nodes { id } } }")
    city_id = listing["cities"]["nodes"][0]["id"]
    query = f"""
    {{ node(id: "{city_id}") {{ id
        ... on City {{ country {{ code }} }}
        ... on Country {{ region {{ code }} }}
        ... on Node {{ ... on City {{ field {{ code }} }} }} }} }}
    """
    engine.reset()
    data = await run(store, query, settings=SETTINGS)
    assert fallbacks == []
    assert data["node"]["country"]["code"]
    assert data["node"]["field"]["code"]
    assert engine.round_trips == 3  # the node, its country and its field; no region


async def test_a_bad_page_deep_down_is_reported_at_its_path(
    counted: tuple[GraphStore, CountingEngine],
) -> None:
    store, _ = counted
    query = "{ cities(first: 2) { nodes { name projects(first: 101) { totalCount } } } }"
    found = await errors(store, query, settings=SETTINGS)
    # The first city's error nulls the list (its items are non-null), so it is the only one.
    assert [(e.path, e.message) for e in found] == [
        (["cities", "nodes", 0, "projects"], "first: must be between 0 and 100 (got 101)")
    ]


async def test_a_relation_outside_the_walk_still_loads_in_one_batch(
    counted: tuple[GraphStore, CountingEngine], fallbacks: list[str]
) -> None:
    # Search hits are not walked: their relations load through the resolvers, batched.
    store, engine = counted
    engine.reset()
    data = await run(
        store,
        '{ search(text: "san", first: 20) { ... on City { country { code } } } }',
        settings=SETTINGS,
    )
    cities = [hit for hit in data["search"] if hit]
    assert len(cities) > 1
    assert all(c["country"]["code"] for c in cities)
    assert len(fallbacks) == len(cities)
    assert engine.reads.count(engine.reads[-1]) == 1  # the countries: one statement for all
