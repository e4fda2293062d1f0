"""The nested query, both ways: our GraphQL document (in-process or over HTTP) and the
hand-written Cypher baseline, and their answers put in one comparable form.

Both must hold the same cities, projects and targets before anything is timed: `compare` says
where they first differ, and a benchmark with a difference reports it and misses its goal,
whatever its ratio.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import strawberry
from strawberry.types import ExecutionResult

from bench.api import ApiBenchError
from bench.limits import raise_limits
from graph.engine import GraphEngine, Row
from graph.store import GraphStore
from hub.bootstrap import api_config, build_services
from hub.settings import Settings
from schema.build import build_schema
from schema.context import Context
from services.container import Services
from services.policy import ANONYMOUS

NESTED_CITIES = 100
PROJECTS_PAGE = 100  # the page maximum: every project of a city (synth cities have < 100)

# Our path: the GraphQL document a client sends.
NESTED_QUERY = """
query Nested($first: Int!, $projects: Int!) {
  cities(first: $first) {
    nodes {
      slug
      name
      country { code name }
      field { name }
      projects(first: $projects) {
        nodes { slug title sdgTargets { code } }
      }
    }
  }
}
"""

# The baseline: one hand-written Cypher query for the same data (values are parameters).
RAW_NESTED = (
    "MATCH (c:City) WITH c ORDER BY c.search_name, c.id LIMIT $first "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN c.id AS id, c.name AS name, k.id AS country, k.name AS country_name, "
    "f.name AS field, "
    "[(c)-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject) | {id: p.id, title: p.title, "
    "targets: [(p)-[:ADDRESSES]->(t:SDGTarget) | t.id]}] AS projects "
    "ORDER BY c.search_name, c.id"
)

Project = tuple[str, str, tuple[str, ...]]
CityRow = tuple[str, str, str | None, str | None, str | None, tuple[Project, ...]]


def variables(first: int) -> dict[str, int]:
    return {"first": first, "projects": PROJECTS_PAGE}


_SERVICES: dict[tuple[int, int], Services] = {}


def context_for(store: GraphStore, settings: Settings) -> Context:
    """A fresh request context over the services of `store`, built once as the app builds them."""
    key = (id(store), id(settings))
    if key not in _SERVICES:
        _SERVICES[key] = build_services(store, settings)
    services = _SERVICES[key]
    return Context(services, api_config(settings), ANONYMOUS, uuid.uuid4().hex)


async def execute_nested(
    schema: strawberry.Schema, store: GraphStore, settings: Settings, first: int
) -> dict[str, Any]:
    """Our path in-process: the document through the schema, with a fresh request context."""
    result = await schema.execute(
        NESTED_QUERY, variable_values=variables(first), context_value=context_for(store, settings)
    )
    if result.errors or result.data is None:
        raise ApiBenchError(f"the nested query failed: {[e.message for e in result.errors or []]}")
    return result.data


async def post_nested(client: httpx.AsyncClient, first: int) -> dict[str, Any]:
    """Our path over HTTP."""
    response = await client.post(
        "/graphql", json={"query": NESTED_QUERY, "variables": variables(first)}
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors") or not body.get("data"):
        raise ApiBenchError(f"the nested query failed over HTTP ({response.status_code}): {body}")
    data: dict[str, Any] = body["data"]
    return data


async def raw_nested(engine: GraphEngine, first: int) -> list[Row]:
    """The baseline: one Cypher query through the same engine."""
    return await engine.read(RAW_NESTED, {"first": first})


def canonical_graphql(data: Mapping[str, Any]) -> list[CityRow]:
    """Cities in answer order; each city's projects, and each project's targets, sorted."""
    rows: list[CityRow] = []
    for city in data["cities"]["nodes"]:
        country = city["country"] or {}
        creative_field = city["field"] or {}
        projects = tuple(
            sorted(
                (p["slug"], p["title"], tuple(sorted(t["code"] for t in p["sdgTargets"])))
                for p in city["projects"]["nodes"]
            )
        )
        rows.append(
            (
                city["slug"],
                city["name"],
                country.get("code"),
                country.get("name"),
                creative_field.get("name"),
                projects,
            )
        )
    return rows


def canonical_raw(rows: Sequence[Row]) -> list[CityRow]:
    return [
        (
            row["id"],
            row["name"],
            row["country"],
            row["country_name"],
            row["field"],
            tuple(
                sorted((p["id"], p["title"], tuple(sorted(p["targets"]))) for p in row["projects"])
            ),
        )
        for row in rows
    ]


def shape(rows: Sequence[CityRow]) -> str:
    projects = sum(len(r[5]) for r in rows)
    targets = sum(len(p[2]) for r in rows for p in r[5])
    return f"{len(rows)} cities, {projects} city-project pairs, {targets} project targets"


async def settings_for_nested(base: Settings, store: GraphStore) -> tuple[Settings, list[str]]:
    """`base`, with every query limit that refuses the nested query raised (and said so)."""

    async def probe(settings: Settings) -> ExecutionResult:
        return await build_schema(api_config(settings)).execute(
            NESTED_QUERY,
            variable_values=variables(NESTED_CITIES),
            context_value=context_for(store, settings),
        )

    return await raise_limits(base, probe)


def compare(ours: list[CityRow], raw: list[CityRow]) -> str | None:
    """None when both hold the same data; otherwise where they first differ."""
    if ours == raw:
        return None
    if len(ours) != len(raw):
        return f"ours {len(ours)} cities, raw {len(raw)}"
    for a, b in zip(ours, raw, strict=True):
        if a != b:
            return f"first difference at city {a[0]!r} / {b[0]!r}"
    return "unknown difference"
