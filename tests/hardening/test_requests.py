"""Malformed and hostile requests (issue 13): each gets a 4xx in the GraphQL-over-HTTP error
shape, or an error naming the argument, never a 5xx, a stack trace or a stalled server."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.errors import GraphUnavailable
from graph.store import GraphStore
from hub.app import create_app
from hub.settings import Environment, Settings
from tests.schema.api import errors, execute, make_settings
from tests.schema.conftest import seed_network

JSON = "application/json"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def post(client: TestClient, body: bytes, **headers: str) -> Any:
    return client.post("/graphql", content=body, headers={"content-type": JSON, **headers})


# 4. Deeply nested JSON.


@pytest.mark.parametrize("depth", [100, 3000, 100_000])
def test_deeply_nested_json_in_a_body_is_a_bad_request(client: TestClient, depth: int) -> None:
    variables = "[" * depth + "]" * depth
    body = f'{{"query": "{{ __typename }}", "variables": {{"x": {variables}}}}}'.encode()
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "The request's JSON nests deeper than 64 levels."}]
    }


def test_deeply_nested_json_in_get_variables_is_a_bad_request(client: TestClient) -> None:
    variables = "[" * 3000 + "]" * 3000
    response = client.get("/graphql", params={"query": "{ __typename }", "variables": variables})
    assert response.status_code == 400
    assert "nests deeper" in response.json()["errors"][0]["message"]


def test_json_nested_within_the_limit_still_answers(client: TestClient) -> None:
    body = json.dumps({"query": "{ __typename }", "variables": {"x": [[[[1]]]]}}).encode()
    response = post(client, body)
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


# 8. Request bodies are bounded.


def test_a_body_over_the_limit_is_refused_with_413(settings: Settings) -> None:
    small = settings.model_copy(update={"api_max_body_bytes": 4096})
    with TestClient(create_app(small)) as client:
        comment = "#" + "x" * 5000 + "\n"
        body = json.dumps({"query": comment + "{ __typename }"}).encode()
        response = post(client, body)
        assert response.status_code == 413
        assert response.json() == {
            "errors": [
                {
                    "message": "The request body is larger than 4,096 bytes "
                    "(UCCN_API_MAX_BODY_BYTES)."
                }
            ]
        }
        # The same body streamed without a length is cut off just the same.
        streamed = client.post(
            "/graphql", content=iter([body[:3000], body[3000:]]), headers={"content-type": JSON}
        )
        assert streamed.status_code == 413
        fits = post(client, json.dumps({"query": "{ __typename }"}).encode())
        assert fits.status_code == 200


# 10. Readiness says whether, never where.


def test_readiness_without_the_engine_says_nothing_of_it(
    settings: Settings, store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def down() -> str:
        raise GraphUnavailable(f"cannot reach the server in {settings.graph_url}")

    monkeypatch.setattr(store, "ping", down)
    with TestClient(create_app(settings, store=store)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


# 5. Text no engine stores, in a query's arguments.

CITY = "query($id: ID!) { city(id: $id) { name } }"


@pytest.mark.parametrize("bad", ["chiang\x00mai", "\ud800", "x\x07", "a\x9fb"])
async def test_unstorable_text_in_an_argument_is_bad_input_naming_it(
    store: GraphStore, bad: str
) -> None:
    await store.write_data(seed_network())
    [error] = await errors(store, CITY, {"id": bad})
    assert error.message.startswith("id: must not contain")
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "id", "field": "city"}
    [literal] = await errors(store, '{ search(text: "a\\u0000b") { __typename } }')
    assert literal.extensions is not None
    assert literal.extensions["argument"] == "text"
    [nested] = await errors(
        store,
        "query($f: CityFilter) { cities(filter: $f) { totalCount } }",
        {"f": {"name": "bo\x00gota"}},
    )
    assert nested.extensions is not None
    assert nested.extensions["argument"] == "filter"


async def test_production_masks_nothing_of_a_bad_argument(store: GraphStore) -> None:
    production = make_settings(env=Environment.PRODUCTION)
    result = await execute(store, CITY, {"id": "x\x00"}, settings=production)
    assert result.errors is not None
    assert result.errors[0].message.startswith("id: must not contain a control character")


# 6. The cost estimate uses the values execution will use.

PAGE = "query($n: Int) { cities(first: $n) { nodes { name } } }"


async def test_a_float_first_is_costed_as_the_int_it_becomes(store: GraphStore) -> None:
    strict = make_settings(api_max_cost=150)
    as_int = await execute(store, PAGE, {"n": 100}, settings=strict)
    as_float = await execute(store, PAGE, {"n": 100.0}, settings=strict)
    assert as_int.errors is not None
    assert as_float.errors is not None
    assert [e.message for e in as_float.errors] == [e.message for e in as_int.errors]
    assert "query cost" in as_float.errors[0].message


# 11. An out-of-range Int is an Int error; cursors are parsed strictly.


@pytest.mark.parametrize("first", [2**31, -(2**31) - 1, 10**12])
async def test_an_int_out_of_range_is_reported_as_an_int(store: GraphStore, first: int) -> None:
    [error] = await errors(store, PAGE, {"n": first})
    assert "Int cannot represent non 32-bit signed integer value" in error.message
    assert "cost" not in error.message


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "after",
    [
        cursor("offset:1_0"),
        cursor("offset: 5"),
        cursor("offset:٣"),
        cursor("offset:05"),
        cursor("offset:+5"),
        cursor("offset:5") + "\n",
        "b2Zmc2V0OjU",  # offset:5 without its padding
    ],
)
async def test_a_cursor_not_written_by_the_api_is_refused(store: GraphStore, after: str) -> None:
    query = "query($a: String) { cities(first: 1, after: $a) { totalCount } }"
    [error] = await errors(store, query, {"a": after})
    assert error.message == f"after: {after!r} is not a cursor from this API"


async def test_a_cursor_of_the_api_still_pages(store: GraphStore) -> None:
    await store.write_data(seed_network())
    query = "query($a: String) { cities(first: 1, after: $a) { nodes { slug } } }"
    result = await execute(store, query, {"a": cursor("offset:0")})
    assert result.errors is None
    assert result.data is not None
    assert len(result.data["cities"]["nodes"]) == 1


# 7. A walk's cost follows its work.


async def test_many_deep_neighbourhoods_cost_more_than_the_limit(store: GraphStore) -> None:
    walk = (
        'n{i}: neighbourhood(id: "Q2l0eTpjaGlhbmctbWFp", hops: 3) '
        "{{ ... on Subgraph {{ truncated }} }}"
    )
    many = "{ " + " ".join(walk.format(i=i) for i in range(30)) + " }"
    [error] = await errors(store, many)
    assert "query cost" in error.message
    assert "UCCN_API_MAX_COST" in error.message
    one = "{ " + walk.format(i=0) + " }"
    assert (await execute(store, one)).errors is None
