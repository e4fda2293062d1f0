"""Production mode: no introspection, no suggestions, unexpected errors masked with the request id
(which is also logged, and sent as `x-request-id`). Development keeps messages, adds the id."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from enum import Enum
from typing import Any

import pytest
import strawberry
from graphql import GraphQLError
from starlette.testclient import TestClient

from graph.store import GraphStore
from hub.app import create_app
from hub.bootstrap import api_config
from hub.graphql_app import REQUEST_ID_HEADER
from hub.settings import Environment, Settings
from schema.build import build_schema
from services.policy import ANONYMOUS
from tests.schema.api import context_for


@strawberry.enum
class Colour(Enum):
    RED = "red"
    GREEN = "green"


@strawberry.type
class ProductionQuery:
    @strawberry.field
    def echo(self, text: str = "hi") -> str:
        return text

    @strawberry.field
    def paint(self, colour: Colour) -> str:
        return colour.value

    @strawberry.field
    def boom(self) -> str | None:
        raise RuntimeError("engine exploded at 10.0.0.7 with password hunter2")

    @strawberry.field
    def refuse(self) -> str | None:
        raise GraphQLError("first: must be between 0 and 100", extensions={"code": "BAD_INPUT"})


def production(settings: Settings) -> Settings:
    return settings.model_copy(update={"env": Environment.PRODUCTION})


async def run(
    settings: Settings, store: GraphStore, query: str, variables: dict[str, Any] | None = None
) -> strawberry.types.ExecutionResult:
    schema = build_schema(api_config(settings), query=ProductionQuery)
    context = context_for(store, settings, ANONYMOUS, "r1")
    return await schema.execute(query, variable_values=variables, context_value=context)


def formatted(result: strawberry.types.ExecutionResult) -> list[dict[str, Any]]:
    return [dict(error.formatted) for error in result.errors or ()]


# -- Introspection and suggestions ----------------------------------------------------------------


async def test_introspection_only_in_development(settings: Settings, store: GraphStore) -> None:
    query = "{ __schema { queryType { name } } }"
    dev = await run(settings, store, query)
    assert dev.errors is None
    assert dev.data == {"__schema": {"queryType": {"name": "ProductionQuery"}}}
    prod = await run(production(settings), store, query)
    assert prod.data is None
    assert prod.errors
    assert "introspection has been disabled" in prod.errors[0].message
    # __typename is not introspection of the schema, and clients rely on it
    typename = await run(production(settings), store, "{ __typename echo }")
    assert typename.data == {"__typename": "ProductionQuery", "echo": "hi"}


@pytest.mark.parametrize(
    ("query", "variables", "dev_message", "prod_message"),
    [
        (
            "{ ecko }",
            None,
            "Cannot query field 'ecko' on type 'ProductionQuery'. Did you mean 'echo'?",
            "Cannot query field 'ecko' on type 'ProductionQuery'.",
        ),
        (
            '{ echo(txt: "a") }',
            None,
            "Unknown argument 'txt' on field 'ProductionQuery.echo'. Did you mean 'text'?",
            "Unknown argument 'txt' on field 'ProductionQuery.echo'.",
        ),
        (
            "{ paint(colour: REDD) }",
            None,
            "Value 'REDD' does not exist in 'Colour' enum. Did you mean the enum value 'RED'?",
            "Value 'REDD' does not exist in 'Colour' enum.",
        ),
        # coerced while executing, not validating
        (
            "query($c: Colour!) { paint(colour: $c) }",
            {"c": "REDD"},
            "Variable '$c' has invalid value: Value 'REDD' does not exist in 'Colour' enum."
            " Did you mean the enum value 'RED'?",
            "Variable '$c' has invalid value: Value 'REDD' does not exist in 'Colour' enum.",
        ),
    ],
)
async def test_suggestions_only_in_development(
    settings: Settings,
    store: GraphStore,
    query: str,
    variables: dict[str, Any] | None,
    dev_message: str,
    prod_message: str,
) -> None:
    dev = await run(settings, store, query, variables)
    assert [e.message for e in dev.errors or ()] == [dev_message]
    prod = await run(production(settings), store, query, variables)
    assert [e.message for e in prod.errors or ()] == [prod_message]


# -- Masking --------------------------------------------------------------------------------------


async def test_production_masks_unexpected_errors_and_logs_them(
    settings: Settings, store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="schema.masking")
    result = await run(production(settings), store, "{ echo boom }")
    assert result.data == {"echo": "hi", "boom": None}
    assert formatted(result) == [
        {
            "message": "Internal error (request r1)",
            "locations": [{"line": 1, "column": 8}],
            "path": ["boom"],
            "extensions": {"requestId": "r1"},
        }
    ]
    assert "hunter2" not in str(formatted(result))
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "r1" in record.getMessage()
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)


async def test_development_keeps_the_message_and_adds_the_request_id(
    settings: Settings, store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="schema.masking")
    result = await run(settings, store, "{ boom }")
    [error] = formatted(result)
    assert error["message"] == "engine exploded at 10.0.0.7 with password hunter2"
    assert error["extensions"] == {"requestId": "r1"}
    assert any("r1" in r.getMessage() for r in caplog.records)


async def test_deliberate_errors_and_refusals_pass_through_in_production(
    settings: Settings, store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="schema.masking")
    result = await run(production(settings), store, "{ refuse }")
    [error] = formatted(result)
    assert error["message"] == "first: must be between 0 and 100"
    assert error["extensions"] == {"code": "BAD_INPUT"}
    strict = production(settings).model_copy(update={"api_max_depth": 2})
    schema = build_schema(api_config(strict))
    context = context_for(store, strict, ANONYMOUS, "r2")
    refused = await schema.execute(
        "{ stats { nodes { label count } } __typename }", context_value=context
    )
    assert refused.data is None
    # `stats { nodes { label } }` is 3 levels deep
    assert [e.message for e in refused.errors or ()] == [
        "query depth 3 exceeds the limit of 2 (UCCN_API_MAX_DEPTH)"
    ]
    # client errors are not logged as errors
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- Through HTTP ---------------------------------------------------------------------------------


@pytest.fixture
def production_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(production(settings))) as client:
        yield client


def test_http_refused_query_names_the_limit(production_client: TestClient) -> None:
    aliases = " ".join(f'c{n}: city(id: "c{n}") {{ name }}' for n in range(31))
    response = production_client.post("/graphql", json={"query": "{ " + aliases + " }"})
    body = response.json()
    assert body.get("data") is None
    assert [e["message"] for e in body["errors"]] == [
        "query alias count 31 exceeds the limit of 30 (UCCN_API_MAX_ALIASES)"
    ]
    assert body["errors"][0]["extensions"]["limit"] == "UCCN_API_MAX_ALIASES"
    assert response.headers[REQUEST_ID_HEADER]


def test_http_masked_error_carries_the_request_id(
    settings: Settings,
    store: GraphStore,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="schema.masking")

    async def broken(statement: Any, **params: Any) -> Any:
        raise ConnectionError("redis://10.0.0.7:6379 refused the connection")

    monkeypatch.setattr(store, "run", broken)
    with TestClient(create_app(production(settings), store=store)) as client:
        response = client.post("/graphql", json={"query": '{ city(id: "x") { name } }'})
    request_id = response.headers[REQUEST_ID_HEADER]
    assert request_id
    [error] = response.json()["errors"]
    assert error["message"] == f"Internal error (request {request_id})"
    assert error["extensions"] == {"requestId": request_id}
    assert "10.0.0.7" not in response.text
    [record] = caplog.records
    assert request_id in record.getMessage()
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], ConnectionError)
