"""Cursor pagination at its edges: `first` bounds, cursors, page walks, pageInfo, totalCount."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from graph.store import GraphStore
from tests.schema.api import errors, make_settings, run
from tests.schema.fixtures_reading import reference_graph

__all__ = ["reference_graph"]

CITIES = """
query($first: Int, $after: String) {
  cities(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}
"""

TOTAL_CITIES = 405


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


async def page(store: GraphStore, first: int | None, after: str | None = None) -> dict[str, Any]:
    data = await run(store, CITIES, {"first": first, "after": after})
    cities: dict[str, Any] = data["cities"]
    return cities


async def every_slug(store: GraphStore) -> list[str]:
    """The full ordered list, straight from the graph, in the listing's order (name, then id)."""
    rows = await store.engine.read(
        "MATCH (n:City) RETURN n.id AS id ORDER BY n.search_name, n.id", {}
    )
    return [str(r["id"]) for r in rows]


async def test_the_default_page_is_twenty(reference_graph: GraphStore) -> None:
    got = await page(reference_graph, None)
    assert len(got["edges"]) == 20
    assert got["totalCount"] == TOTAL_CITIES
    assert [e["node"]["slug"] for e in got["edges"]] == (await every_slug(reference_graph))[:20]


async def test_first_zero_gives_the_total_and_no_edges(reference_graph: GraphStore) -> None:
    got = await page(reference_graph, 0)
    assert got["edges"] == []
    assert got["totalCount"] == TOTAL_CITIES
    assert got["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }


async def test_first_one_hundred_is_allowed(reference_graph: GraphStore) -> None:
    got = await page(reference_graph, 100)
    assert len(got["edges"]) == 100
    assert got["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize("first", [101, 150, -1, -100])
async def test_first_out_of_bounds_is_a_clear_error(
    reference_graph: GraphStore, first: int
) -> None:
    [error] = await errors(reference_graph, CITIES, {"first": first})
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "first"}
    assert error.message == f"first: must be between 0 and 100 (got {first})"
    assert error.path == ["cities"]


async def test_the_bound_follows_the_setting(reference_graph: GraphStore) -> None:
    settings = make_settings(api_page_max=10)
    got = await run(reference_graph, CITIES, {"first": 10}, settings=settings)
    assert len(got["cities"]["edges"]) == 10
    [error] = await errors(reference_graph, CITIES, {"first": 11}, settings=settings)
    assert error.message == "first: must be between 0 and 10 (got 11)"


@pytest.mark.parametrize(
    "query",
    [
        '{ country(code: "IT") { cities(first: 101) { totalCount } } }',
        "{ fields(first: 101) { totalCount } }",
        "{ regions(first: -1) { totalCount } }",
        "{ countries(first: 101) { totalCount } }",
        "{ conferences(first: 101) { totalCount } }",
        "{ sdgGoals(first: 101) { totalCount } }",
        '{ sdgTarget(code: "11.4") { projects(first: 101) { totalCount } } }',
    ],
)
async def test_every_connection_has_the_bound(reference_graph: GraphStore, query: str) -> None:
    [error] = await errors(reference_graph, query)
    assert error.extensions is not None
    assert error.extensions["argument"] == "first"
    assert "between 0 and 100" in error.message


@pytest.mark.parametrize("first", [0, 101])
async def test_search_has_the_bound_too(reference_graph: GraphStore, first: int) -> None:
    query = 'query($first: Int!) { search(text: "chiang", first: $first) { __typename } }'
    [error] = await errors(reference_graph, query, {"first": first})
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "first"}
    assert "100" in error.message


@pytest.mark.parametrize(
    "after",
    [
        "not a cursor",
        "!!!",
        "b2Zmc2V0",  # "offset" without the colon
        cursor("offset:"),
        cursor("offset:x"),
        cursor("offset:-1"),
        cursor("offset:1.5"),
        cursor("page:3"),
        cursor("offset:99999999999999999999"),
        cursor("offset:9223372036854775800"),
        "%%%%",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
async def test_a_bad_cursor_is_a_clear_error(reference_graph: GraphStore, after: str) -> None:
    [error] = await errors(reference_graph, CITIES, {"first": 5, "after": after})
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "after"}
    assert error.message == f"after: {after!r} is not a cursor from this API"


async def test_a_cursor_past_the_end_gives_an_empty_last_page(
    reference_graph: GraphStore,
) -> None:
    got = await page(reference_graph, 10, cursor(f"offset:{TOTAL_CITIES + 50}"))
    assert got["edges"] == []
    assert got["totalCount"] == TOTAL_CITIES
    assert got["pageInfo"]["hasNextPage"] is False
    assert got["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.parametrize("size", [1, 37, 100])
async def test_walking_every_page_gives_each_city_once_in_order(
    reference_graph: GraphStore, size: int
) -> None:
    expected = await every_slug(reference_graph)
    assert len(expected) == TOTAL_CITIES
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        got = await page(reference_graph, size, after)
        pages += 1
        edges = got["edges"]
        info = got["pageInfo"]
        assert got["totalCount"] == TOTAL_CITIES  # stable from page to page
        assert info["hasPreviousPage"] is (after is not None)
        assert info["startCursor"] == edges[0]["cursor"]
        assert info["endCursor"] == edges[-1]["cursor"]
        seen.extend(e["node"]["slug"] for e in edges)
        if not info["hasNextPage"]:
            break
        assert len(edges) == size  # only the last page may be short
        after = info["endCursor"]
    assert seen == expected
    assert pages == -(-TOTAL_CITIES // size)


async def test_every_edge_cursor_resumes_right_after_its_edge(
    reference_graph: GraphStore,
) -> None:
    first = await page(reference_graph, 30)
    slugs = await every_slug(reference_graph)
    for i in (0, 13, 29):
        resumed = await page(reference_graph, 3, first["edges"][i]["cursor"])
        assert [e["node"]["slug"] for e in resumed["edges"]] == slugs[i + 1 : i + 4]


async def test_the_last_page_exactly_full_has_no_next_page(reference_graph: GraphStore) -> None:
    before_last = cursor(f"offset:{TOTAL_CITIES - 6}")  # five cities remain after it
    got = await page(reference_graph, 5, before_last)
    assert len(got["edges"]) == 5
    assert got["pageInfo"]["hasNextPage"] is False
    one_more = await page(reference_graph, 5, cursor(f"offset:{TOTAL_CITIES - 7}"))
    assert one_more["pageInfo"]["hasNextPage"] is True


async def test_nested_connections_page_the_same_way(reference_graph: GraphStore) -> None:
    query = """
    query($after: String) {
      country(code: "IT") {
        cities(first: 4, after: $after) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage endCursor }
          nodes { slug }
        }
      }
    }
    """
    everything = await run(
        reference_graph,
        '{ country(code: "IT") { cities(first: 100) { totalCount nodes { slug } } } }',
    )
    expected = [n["slug"] for n in everything["country"]["cities"]["nodes"]]
    assert len(expected) == everything["country"]["cities"]["totalCount"] > 4
    seen: list[str] = []
    after: str | None = None
    while True:
        got = (await run(reference_graph, query, {"after": after}))["country"]["cities"]
        assert got["totalCount"] == len(expected)
        assert got["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen.extend(n["slug"] for n in got["nodes"])
        if not got["pageInfo"]["hasNextPage"]:
            break
        after = got["pageInfo"]["endCursor"]
    assert seen == expected
    assert len(set(seen)) == len(seen)


async def test_a_bad_cursor_in_a_nested_connection_fails_only_that_field(
    reference_graph: GraphStore,
) -> None:
    query = """
    { italy: country(code: "IT") { name cities(after: "nope") { totalCount } }
      thailand: country(code: "TH") { name } }
    """
    [error] = await errors(reference_graph, query)
    assert error.path == ["italy", "cities"]
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "after"}


@pytest.mark.parametrize("root", ["cities", "regions", "fields", "conferences", "sdgGoals"])
async def test_an_unfiltered_listing_of_an_empty_graph_is_empty(
    store: GraphStore, root: str
) -> None:
    # The top-k page has no row to return when the label has no node: its total is counted.
    for first in (0, 5):
        data = await run(store, f"{{ {root}(first: {first}) {{ totalCount nodes {{ id }} }} }}")
        assert data[root] == {"totalCount": 0, "nodes": []}
