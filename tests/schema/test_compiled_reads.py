"""Compiled reads (`schema.compiled`): a root field reads the relations its query selects in
one statement, and the answer is the level-by-level walk's answer, whatever the query.

Equivalence is checked three ways, each running a document twice against the same seeded
graph (compiled reads on, then off) and comparing the whole result, data and errors:
every GraphQL query document written in tests/ and the README, a generator of documents over
the schema (hypothesis-graphql), and the queries below that aim at what the plan must leave to
the walk (windows, fragments, unions, directives, depth)."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import graphql
import pytest
from hypothesis import given
from hypothesis_graphql import from_schema
from strawberry.types import ExecutionResult

from graph.store import GraphStore
from schema.compiled import DEPTH
from services.policy import ANONYMOUS, Role, Viewer
from tests.schema.api import execute, make_settings, schema_for
from tests.schema.fixtures_reading import small_graph, synthetic_graph
from tests.schema.query_strategy import over_the_graph, queries
from tests.schema.test_round_trips import NESTED, CountingEngine

__all__ = ["small_graph", "synthetic_graph"]

REPO = Path(__file__).resolve().parents[2]
COMPILED = make_settings(api_max_cost=10_000_000)
WALKED = make_settings(api_max_cost=10_000_000, api_compiled_reads=False)
SECRETARIAT = Viewer(Role.SECRETARIAT, token_id="tk_test")
CHIANG_MAI = Viewer(Role.FOCAL_POINT, city="chiang-mai", token_id="tk_cm")
VIEWERS = {"anonymous": ANONYMOUS, "secretariat": SECRETARIAT, "focal point": CHIANG_MAI}
# A value for a variable of each named type, when a document's variables are not known.
SAMPLE_VALUES: dict[str, Any] = {
    "Int": 5,
    "Boolean": True,
    "String": "chiang-mai",
    "ID": "chiang-mai",
}


async def both(
    store: GraphStore,
    document: str,
    variables: Mapping[str, Any] | None = None,
    viewer: Viewer = ANONYMOUS,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The compiled and the walked result of one document, each as the client would see it."""
    compiled = await execute(store, document, variables, viewer, COMPILED)
    walked = await execute(store, document, variables, viewer, WALKED)
    return _seen(compiled), _seen(walked)


def _seen(result: ExecutionResult) -> dict[str, Any]:
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


def _strings(path: Path) -> Iterator[str]:
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value
    else:
        yield from re.findall(r"```graphql\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def _query_documents() -> dict[str, str]:
    """Every string in tests/ and every README graphql block that is a valid query document."""
    schema = schema_for(COMPILED)._schema
    found: dict[str, str] = {}
    sources = [*sorted((REPO / "tests").rglob("*.py")), REPO / "README.md"]
    for path in sources:
        for text in _strings(path):
            if "{" not in text:
                continue
            try:
                document = graphql.parse(text)
            except graphql.GraphQLError:
                continue
            operations = [
                d for d in document.definitions if isinstance(d, graphql.OperationDefinitionNode)
            ]
            if not operations or any(
                o.operation is not graphql.OperationType.QUERY for o in operations
            ):
                continue
            if len(operations) > 1 or graphql.validate(schema, document):
                continue
            found.setdefault(text, f"{path.relative_to(REPO)}:{len(found)}")
    return found


QUERY_DOCUMENTS = _query_documents()


def sample_variables(document: str) -> dict[str, Any]:
    """Values for the document's variables without a default, by their named type."""
    values: dict[str, Any] = {}
    for definition in graphql.parse(document).definitions:
        if isinstance(definition, graphql.OperationDefinitionNode):
            for variable in definition.variable_definitions or ():
                named = variable.type
                while isinstance(named, graphql.ListTypeNode | graphql.NonNullTypeNode):
                    named = named.type
                assert isinstance(named, graphql.NamedTypeNode)
                if variable.default_value is None and named.name.value in SAMPLE_VALUES:
                    values[variable.variable.name.value] = SAMPLE_VALUES[named.name.value]
    return values


def test_the_suite_holds_many_query_documents() -> None:
    # A guard on the collector itself: the suite reads its graph through well over 100
    # documents, and the nested ones the benchmark measures are among them.
    assert len(QUERY_DOCUMENTS) > 100
    assert NESTED in QUERY_DOCUMENTS


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("document", QUERY_DOCUMENTS, ids=list(QUERY_DOCUMENTS.values()))
async def test_every_query_of_the_suite_answers_the_same_compiled(
    small_graph: GraphStore, synthetic_graph: GraphStore, document: str, viewer: str
) -> None:
    variables = sample_variables(document)
    for store in (small_graph, synthetic_graph):
        compiled, walked = await both(store, document, variables, VIEWERS[viewer])
        assert compiled == walked


EDGE_CASES = {
    "windows and cursors": """{ cities(first: 30, filter: {generated: true}) { nodes {
        two: projects(first: 2) { edges { cursor node { slug sdgTargets { code } } } }
        more: projects(first: 3, after: "b2Zmc2V0OjE=") { pageInfo { hasNextPage endCursor }
          nodes { slug cities(first: 1) { totalCount nodes { slug } } } } } } }""",
    "one relation, two windows": """{ cities(first: 40, filter: {generated: true}) { nodes {
        one: projects(first: 1) { nodes { slug sdgTargets { code } } }
        rest: projects(first: 100, after: "b2Zmc2V0OjA=") { nodes { slug sdgTargets { code }
          cities(first: 2) { nodes { slug projects(first: 1) { nodes { slug } } } } } } } } }""",
    "a bad window": """{ cities(first: 5, filter: {generated: true}) { nodes {
        projects(first: -1) { nodes { slug } } country { code } } } }""",
    "fragments and directives": """query($yes: Boolean = true, $no: Boolean = false) {
        cities(first: 20, filter: {generated: true}) { nodes { ...C } } }
        fragment C on City { slug country @include(if: $yes) { code region { code } }
          field @skip(if: $yes) { code } ... on Node { id }
          projects(first: 5) @include(if: $no) { nodes { slug } }
          cooperatingCities(first: 4) { nodes { slug ... on City { country { name } } } } }""",
    "deeper than the plan": """{ cities(first: 10, filter: {generated: true}) { nodes {
        country { cities(first: 3) { nodes { slug country { region { code } } } } } } } }""",
    "one node": """{ city(id: "chiang-mai") { name country { code cities(first: 3) { nodes {
        slug } } } projects(first: 100) { nodes { slug sdgTargets { code } } }
        focalPoints { nodes { name email } } contributions { nodes { year amount } } } }""",
    "private relations": """{ cities(first: 20) { nodes { slug
        focalPoints { nodes { name email } } contributions { nodes { year amount } }
        introductions { nodes { need } } dismissals { nodes { need partnerId } }
        hostApplications { nodes { year } } reports { nodes { cycle state } } } } }""",
}


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("name", EDGE_CASES)
async def test_queries_at_the_plans_edges_answer_the_same(
    small_graph: GraphStore, synthetic_graph: GraphStore, name: str, viewer: str
) -> None:
    for store in (small_graph, synthetic_graph):
        document = EDGE_CASES[name]
        if store is small_graph:  # every city of the small graph, none of them generated
            document = document.replace(", filter: {generated: true}", "")
        compiled, walked = await both(store, document, viewer=VIEWERS[viewer])
        assert compiled == walked
        # Each answers something (a bad window is an error, bubbling up to a null `data`).
        assert compiled["errors"] if name == "a bad window" else compiled["data"], compiled


QUERY_ROOTS = ["cities", "city", "countries", "projects", "institutions", "node", "sdgGoals"]
# Any document over the graph's root fields (hypothesis-graphql), and documents that walk it.
GENERATED = from_schema(
    graphql.print_schema(schema_for(COMPILED)._schema), fields=QUERY_ROOTS, codec=None
)
WALKS = queries(schema_for(COMPILED)._schema, schema_for(COMPILED).relations)  # type: ignore[attr-defined]


@over_the_graph(int(os.environ.get("UCCN_COMPILED_EXAMPLES", "150")))
@given(document=GENERATED | WALKS)
async def test_generated_queries_answer_the_same_compiled(
    synthetic_graph: GraphStore, document: str
) -> None:
    for viewer in (ANONYMOUS, SECRETARIAT):
        compiled, walked = await both(synthetic_graph, document, viewer=viewer)
        assert compiled == walked, document


async def counted_trips(store: GraphStore, document: str, variables: dict[str, Any]) -> int:
    engine = CountingEngine(store.engine)
    result = await execute(GraphStore(engine), document, variables, SECRETARIAT, COMPILED)
    assert result.errors is None, result.errors
    return engine.round_trips


async def test_a_nested_read_is_the_listing_and_one_statement(
    synthetic_graph: GraphStore,
) -> None:
    deeper = NESTED.replace("sdgTargets { code }", "sdgTargets { code goal { number } }")
    deepest = deeper.replace("country { code }", "country { code region { code } }")
    for document in (NESTED, deeper, deepest):
        assert await counted_trips(synthetic_graph, document, {"first": 10}) == 2
        assert await counted_trips(synthetic_graph, document, {"first": 100}) == 2


async def test_levels_below_the_plan_are_walked(synthetic_graph: GraphStore) -> None:
    # DEPTH relation levels compile; each level below costs one walked statement.
    assert DEPTH == 3
    document = """{ cities(first: 10, filter: {generated: true}) { nodes {
        projects(first: 3) { nodes { sdgTargets { goal { targets(first: 2) { nodes {
          code } } } } } } } } }"""
    assert await counted_trips(synthetic_graph, document, {}) == 3
