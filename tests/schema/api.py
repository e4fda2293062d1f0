"""Run a GraphQL document against the schema the app serves, as a given caller."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionResult

from graph.store import GraphStore
from hub.bootstrap import api_config, build_services
from hub.settings import Settings
from schema.build import build_schema
from schema.context import Context
from services.policy import ANONYMOUS, Viewer

_SCHEMAS: dict[str, strawberry.Schema] = {}


def make_settings(**overrides: Any) -> Settings:
    """Settings from nothing but their defaults (no `.env`), with `overrides`."""
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]


DEFAULT_SETTINGS = make_settings()


def context_for(
    store: GraphStore, settings: Settings, viewer: Viewer = ANONYMOUS, request_id: str = "test"
) -> Context:
    """A request's context as the app builds it: the services over `store`, the API's limits."""
    return Context(
        services=build_services(store, settings),
        api=api_config(settings),
        viewer=viewer,
        request_id=request_id,
    )


def schema_for(settings: Settings) -> strawberry.Schema:
    """One schema per distinct settings, built as the app builds it."""
    key = settings.model_dump_json()
    if key not in _SCHEMAS:
        _SCHEMAS[key] = build_schema(api_config(settings))
    return _SCHEMAS[key]


async def execute(
    store: GraphStore,
    query: str,
    variables: Mapping[str, Any] | None = None,
    viewer: Viewer = ANONYMOUS,
    settings: Settings | None = None,
) -> ExecutionResult:
    """The raw result, errors and all; a fresh Context (and DataLoaders) per call."""
    settings = settings or DEFAULT_SETTINGS
    context = context_for(store, settings, viewer)
    return await schema_for(settings).execute(
        query,
        variable_values=dict(variables) if variables is not None else None,
        context_value=context,
    )


async def run(
    store: GraphStore,
    query: str,
    variables: Mapping[str, Any] | None = None,
    viewer: Viewer = ANONYMOUS,
    settings: Settings | None = None,
    *,
    allow_errors: bool = False,
) -> dict[str, Any]:
    """The result's data; the request must succeed unless `allow_errors`."""
    result = await execute(store, query, variables, viewer, settings)
    if not allow_errors:
        assert result.errors is None, [e.formatted for e in result.errors or []]
    data: dict[str, Any] = result.data or {}
    return data


async def errors(
    store: GraphStore,
    query: str,
    variables: Mapping[str, Any] | None = None,
    viewer: Viewer = ANONYMOUS,
    settings: Settings | None = None,
) -> list[GraphQLError]:
    """The request's errors; there must be some."""
    result = await execute(store, query, variables, viewer, settings)
    assert result.errors, f"expected errors, got data {result.data}"
    return list(result.errors)
