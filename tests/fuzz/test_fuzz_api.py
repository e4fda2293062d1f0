"""Fuzzing the whole API (issue 13): documents generated from the schema itself
(hypothesis-graphql: every query and mutation root field, with arguments of every type, NUL
bytes included) are sent over HTTP to the production app, anonymously and as the secretariat,
on a seeded graph. No answer may be a 5xx or an error the API did not mean: in production an
unexpected exception is masked as "Internal error (request …)", so none may appear.

In CI each test gets `UCCN_FUZZ_EXAMPLES` examples (default 250, about a minute in all);
`make fuzz` runs the same tests for about ten minutes (see the Makefile).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import from_schema, nodes
from starlette.testclient import TestClient

from hub.app import create_app
from hub.bootstrap import api_config, open_store
from hub.settings import Environment, Settings
from schema.build import build_schema
from schema.mutation import Mutation
from services.policy import Role
from services.tokens import create_token
from tests.conftest import embedded_url, unique_graph_name
from tests.schema.conftest import seed_network

EXAMPLES = int(os.environ.get("UCCN_FUZZ_EXAMPLES", "250"))
INTERNAL = "Internal error"
DATES = st.dates(dt.date(1890, 1, 1), dt.date(2110, 12, 31)).map(
    lambda day: nodes.String(day.isoformat())
)


def production_settings(graph_dir: Path, tmp_path: Path) -> Settings:
    return Settings(
        env=Environment.PRODUCTION,
        graph_url=embedded_url(graph_dir),
        graph_name=unique_graph_name(),
        backup_dir=tmp_path / "backups",
        _env_file=None,  # type: ignore[call-arg]
    )


async def _seed(settings: Settings) -> str:
    store = await open_store(settings)
    try:
        await store.setup_schema()
        await store.write_data(seed_network())
        _, token = await create_token(store, Role.SECRETARIAT, label="fuzz")
        return token
    finally:
        await store.close()


@pytest.fixture(scope="module")
def served(
    graph_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, str]]:
    settings = production_settings(graph_dir, tmp_path_factory.mktemp("fuzz"))
    token = asyncio.run(_seed(settings))
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client, token


SDL = graphql.print_schema(
    build_schema(api_config(Settings(_env_file=None)), mutation=Mutation)._schema  # type: ignore[call-arg]
)
DOCUMENTS = from_schema(SDL, custom_scalars={"Date": DATES}, codec=None)


def check(client: TestClient, document: str, headers: dict[str, str]) -> None:
    response = client.post("/graphql", json={"query": document}, headers=headers)
    assert response.status_code < 500, (document, response.status_code, response.text[:500])
    body = response.json()
    messages = [e.get("message", "") for e in body.get("errors", [])]
    unexpected = [m for m in messages if m.startswith(INTERNAL)]
    assert not unexpected, (document, messages)
    # Expected refusals are union members; a failed write never leaves a 200 without data.
    if response.status_code == 200:
        assert "data" in body or messages, document


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@FUZZ
@given(document=DOCUMENTS)
def test_anonymous_callers_never_break_the_api(
    served: tuple[TestClient, str], document: str
) -> None:
    client, _ = served
    check(client, document, {})


@FUZZ
@given(document=DOCUMENTS)
def test_the_secretariat_never_breaks_the_api(
    served: tuple[TestClient, str], document: str
) -> None:
    client, token = served
    check(client, document, {"authorization": f"Bearer {token}"})


@FUZZ
@given(
    variables=st.dictionaries(
        st.text(max_size=5),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=3), inner, max_size=3)
            ),
            max_leaves=20,
        ),
        max_size=3,
    )
)
def test_any_json_variables_are_answered(
    served: tuple[TestClient, str], variables: dict[str, object]
) -> None:
    client, _ = served
    query = (
        "query($id: ID!, $n: Int, $f: CityFilter) "
        "{ city(id: $id) { name } cities(first: $n, filter: $f) { totalCount } }"
    )
    response = client.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": variables}, allow_nan=True).encode(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code < 500, (variables, response.text[:500])
    assert not any(
        e.get("message", "").startswith(INTERNAL) for e in response.json().get("errors", [])
    )
