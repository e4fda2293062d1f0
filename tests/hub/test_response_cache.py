"""The response cache over HTTP, through the ASGI app and its lifespan: an answer is kept until
the graph's version changes, per document, variables and what the caller may see; writes made
through another connection (as another process would) are seen at once."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.dataset import GraphData
from graph.store import GraphStore, GraphVersion
from hub.app import create_app
from hub.bootstrap import store_session
from hub.graphql_app import CACHE_HEADER
from hub.response_cache import ResponseCache, VersionReads
from hub.settings import Settings
from services.policy import ANONYMOUS, Role
from services.tokens import create_token
from tests.hub.conftest import build_sample_graph

CITY = {"query": "query City($id: ID!) { city(id: $id) { name population } }"}
EMAIL = {"query": '{ city(id: "chiang-mai") { focalPoints(first: 5) { nodes { name email } } } }'}


def _write(settings: Settings, data: GraphData) -> None:
    """A write through a store of its own, as another process would make it."""

    async def write() -> None:
        async with store_session(settings) as store:
            await store.write_data(data)

    asyncio.run(write())


def _token(settings: Settings, role: Role, city: str | None = None) -> str:
    async def create() -> str:
        async with store_session(settings) as store:
            return (await create_token(store, role, city, "test"))[1]

    return asyncio.run(create())


@pytest.fixture
def seeded(settings: Settings) -> Settings:
    _write(settings, build_sample_graph())
    return settings


@pytest.fixture
def client(seeded: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seeded)) as test_client:
        yield test_client


def _post(client: TestClient, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return client.post("/graphql", json=body, headers=headers)


def _city(client: TestClient, city: str = "chiang-mai") -> Any:
    return _post(client, {**CITY, "variables": {"id": city}})


def test_an_answer_is_kept_until_a_write_elsewhere_then_read_again(
    client: TestClient, seeded: Settings
) -> None:
    first = _city(client)
    assert first.json() == {"data": {"city": {"name": "Chiang Mai", "population": 127240}}}
    assert first.headers[CACHE_HEADER] == "miss"
    again = _city(client)
    assert again.headers[CACHE_HEADER] == "hit"
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["x-request-id"] != first.headers["x-request-id"]

    _write(seeded, GraphData(nodes={"City": [{"id": "chiang-mai", "population": 130000}]}))
    after = _city(client)
    assert after.headers[CACHE_HEADER] == "miss"
    assert after.json()["data"]["city"]["population"] == 130000
    assert _city(client).headers[CACHE_HEADER] == "hit"


def test_variables_and_documents_are_part_of_the_key(client: TestClient) -> None:
    assert _city(client).headers[CACHE_HEADER] == "miss"
    other = _city(client, "bogota")
    assert other.headers[CACHE_HEADER] == "miss"
    assert other.json()["data"]["city"]["name"] == "Bogotá"
    # Same variables written in another order or spacing are the same key.
    same = client.post(
        "/graphql",
        content=b'{"variables": {"id": "bogota"}, "query": ' + _json(CITY["query"]) + b"}",
        headers={"content-type": "application/json"},
    )
    assert same.headers[CACHE_HEADER] == "hit"
    renamed = _post(
        client, {"query": CITY["query"].replace("City(", "Town("), "variables": {"id": "bogota"}}
    )
    assert renamed.headers[CACHE_HEADER] == "miss"


def _json(text: str) -> bytes:
    return json.dumps(text).encode()


def test_what_a_caller_may_see_is_part_of_the_key(client: TestClient, seeded: Settings) -> None:
    own = _token(seeded, Role.FOCAL_POINT, "chiang-mai")
    other = _token(seeded, Role.FOCAL_POINT, "bogota")
    anonymous = _post(client, EMAIL)
    assert anonymous.json()["data"]["city"]["focalPoints"]["nodes"][0]["email"] is None
    mine = _post(client, EMAIL, own)
    assert mine.headers[CACHE_HEADER] == "miss"
    assert mine.json()["data"]["city"]["focalPoints"]["nodes"][0]["email"] == "somchai@example.org"
    theirs = _post(client, EMAIL, other)
    assert theirs.headers[CACHE_HEADER] == "miss"
    assert theirs.json()["data"]["city"]["focalPoints"]["nodes"][0]["email"] is None
    assert _post(client, EMAIL).headers[CACHE_HEADER] == "hit"
    assert _post(client, EMAIL, own).json() == mine.json()


def test_mutations_errors_and_time_kept_fields_are_not_kept(
    client: TestClient, seeded: Settings
) -> None:
    secretariat = _token(seeded, Role.SECRETARIAT)
    mutation = {
        "query": 'mutation { dismissRecommendation(input: {city: "chiang-mai", '
        'partner: "bogota"}) { __typename } }'
    }
    for _ in range(2):
        assert CACHE_HEADER not in _post(client, mutation, secretariat).headers
    invalid = {"query": '{ city(id: "chiang-mai") { name } noSuchField }'}
    country_id = base64.b64encode(b"Country:TH").decode()  # a field error: partial data
    bad_argument = {
        "query": f'{{ a: city(id: "chiang-mai") {{ name }} '
        f'b: city(id: "{country_id}") {{ name }} }}'
    }
    for failing in (invalid, bad_argument):
        for _ in range(2):
            response = _post(client, failing)
            assert response.json()["errors"]
            assert CACHE_HEADER not in response.headers
    assert _post(client, bad_argument).json()["data"] == {"a": {"name": "Chiang Mai"}, "b": None}
    recommend = {
        "query": "{ ...Partners } fragment Partners on Query { recommendPartners(city: "
        '"chiang-mai", first: 1) { __typename } }'
    }
    analytics = {"query": "{ ... on Query { networkStats { __typename } } }"}
    for time_kept in (recommend, analytics):
        for _ in range(2):
            response = _post(client, time_kept)
            assert response.json()["data"]
            assert CACHE_HEADER not in response.headers


def test_the_cache_can_be_turned_off_or_kept_small(seeded: Settings) -> None:
    off = seeded.model_copy(update={"api_response_cache": False})
    with TestClient(create_app(off)) as client:
        for _ in range(2):
            response = _city(client)
            assert response.json()["data"]["city"]["name"] == "Chiang Mai"
            assert CACHE_HEADER not in response.headers
    tiny = seeded.model_copy(update={"api_response_cache_bytes": 100})
    with TestClient(create_app(tiny)) as client:
        for _ in range(2):  # an answer heavier than the whole budget is never kept
            assert _city(client).headers[CACHE_HEADER] == "miss"


async def test_the_key_holds_the_day_and_the_graph_version(store: GraphStore) -> None:
    cache = ResponseCache(store, 2**20)
    parameters = {"query": CITY["query"], "variables": {"id": "x"}}
    today, tomorrow = dt.date(2026, 12, 1), dt.date(2026, 12, 2)
    first = await cache.key(parameters, ANONYMOUS, today)
    assert await cache.key(parameters, ANONYMOUS, today) == first
    assert await cache.key(parameters, ANONYMOUS, tomorrow) != first  # a report falls due
    await store.upsert_nodes("City", [{"id": "x", "name": "X"}])
    assert await cache.key(parameters, ANONYMOUS, today) != first


async def test_requests_arriving_together_share_one_read_of_the_version(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = 0
    version = store.version

    async def counted() -> GraphVersion:
        nonlocal reads
        reads += 1
        return await version()

    monkeypatch.setattr(store, "version", counted)
    versions = VersionReads(store)
    together = await asyncio.gather(*(versions.current() for _ in range(20)))
    assert len(set(together)) == 1
    assert reads == 1
    # A read under way when a write lands is not used by a request that came after the write.
    await store.upsert_nodes("City", [{"id": "x", "name": "X"}])
    assert (await versions.current()).version == together[0].version + 1
    assert reads == 2
