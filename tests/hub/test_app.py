"""The ASGI app through HTTP, with its real lifespan opening the embedded store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from hub.app import create_app
from hub.settings import Environment, Settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_healthz_says_alive(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reaches_the_engine_and_says_nothing_of_where(
    client: TestClient, settings: Settings
) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
    folder = settings.graph_url.removeprefix("falkordb://")
    assert folder not in response.text
    assert settings.graph_name not in response.text


def test_graphql_stats_and_city(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ stats { nodes { label count } } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"stats": {"nodes": []}}}
    response = client.post("/graphql", json={"query": '{ city(id: "nowhere") { name } }'})
    assert response.json() == {"data": {"city": None}}


def test_graphiql_only_in_development(settings: Settings) -> None:
    with TestClient(create_app(settings)) as dev:
        assert "graphiql" in dev.get("/graphql", headers={"accept": "text/html"}).text.lower()
    production = settings.model_copy(update={"env": Environment.PRODUCTION})
    with TestClient(create_app(production)) as prod:
        page = prod.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" not in page.text.lower()
