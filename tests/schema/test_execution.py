"""The hub's executor (`schema.execution.HubExecutor`) answers exactly as graphql-core's own
(Strawberry's `StrawberryGraphQLCoreExecutionContext`): data, errors, their messages, paths and
locations, for every query document of the suite and the README, for generated documents, and
for a small schema built to take every way out of the short paths (nulls where the type says
non-null, values the type refuses, exceptions, awaitables, objects of the wrong type)."""

from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

import pytest
import strawberry
from hypothesis import given
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionResult

from graph.store import GraphStore
from hub.bootstrap import api_config
from schema.build import build_schema
from schema.execution import HubExecutor, leaves_of
from services.policy import ANONYMOUS
from tests.schema.api import context_for
from tests.schema.fixtures_reading import small_graph, synthetic_graph
from tests.schema.query_strategy import over_the_graph
from tests.schema.test_compiled_reads import (
    CHIANG_MAI,
    COMPILED,
    EDGE_CASES,
    GENERATED,
    QUERY_DOCUMENTS,
    SECRETARIAT,
    WALKS,
    sample_variables,
)

__all__ = ["small_graph", "synthetic_graph"]

HUB = build_schema(api_config(COMPILED))
LIBRARY = build_schema(api_config(COMPILED), library_execution=True)


def seen(result: ExecutionResult) -> dict[str, Any]:
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


async def both_ways(
    store: GraphStore, document: str, variables: dict[str, Any], viewer: Any = ANONYMOUS
) -> tuple[dict[str, Any], dict[str, Any]]:
    answers = []
    for schema in (HUB, LIBRARY):
        context = context_for(store, COMPILED, viewer)
        answers.append(
            seen(await schema.execute(document, variable_values=variables, context_value=context))
        )
    return answers[0], answers[1]


def test_the_hub_runs_its_own_executor_and_lean_resolvers() -> None:
    assert HUB.execution_context_class is HubExecutor
    assert LIBRARY.execution_context_class is StrawberryGraphQLCoreExecutionContext
    projects = HUB._schema.type_map["City"].fields["projects"]  # type: ignore[attr-defined]
    assert projects.resolve.__name__ == "lean"
    library = LIBRARY._schema.type_map["City"].fields["projects"]  # type: ignore[attr-defined]
    assert library.resolve.__name__ == "_resolver"


@strawberry.type
class ByAttribute:
    name: str


@strawberry.type
class ByItem:
    name: str


@strawberry.type
class Leaves:
    by_attribute: ByAttribute
    by_item: ByItem


def test_a_basic_field_is_read_as_strawberrys_resolver_reads_it() -> None:
    """With Strawberry's own resolving (`getattr`) a leaf is read with `attrgetter`; with
    another default resolver (here, items of a dict), through Strawberry's resolver."""
    plain = strawberry.Schema(query=Leaves)
    read, coerce = leaves_of(plain._schema.type_map["ByAttribute"])["name"]  # type: ignore[arg-type]
    assert isinstance(read, attrgetter)
    assert coerce(read(ByAttribute(name="Chiang Mai"))) == "Chiang Mai"
    by_item = strawberry.Schema(
        query=Leaves, config=StrawberryConfig(default_resolver=lambda source, name: source[name])
    )
    read, _ = leaves_of(by_item._schema.type_map["ByItem"])["name"]  # type: ignore[arg-type]
    assert not isinstance(read, attrgetter)
    assert read({"name": "Phuket"}) == "Phuket"


@pytest.mark.parametrize("document", QUERY_DOCUMENTS, ids=list(QUERY_DOCUMENTS.values()))
async def test_every_query_of_the_suite_answers_as_the_library(
    small_graph: GraphStore, synthetic_graph: GraphStore, document: str
) -> None:
    variables = sample_variables(document)
    for store, viewer in ((small_graph, CHIANG_MAI), (synthetic_graph, SECRETARIAT)):
        hub, library = await both_ways(store, document, variables, viewer)
        assert hub == library


@pytest.mark.parametrize("name", EDGE_CASES)
async def test_queries_at_the_edges_answer_as_the_library(
    synthetic_graph: GraphStore, name: str
) -> None:
    for viewer in (ANONYMOUS, CHIANG_MAI):
        hub, library = await both_ways(synthetic_graph, EDGE_CASES[name], {}, viewer)
        assert hub == library


@over_the_graph(60)
@given(document=GENERATED | WALKS)
async def test_generated_queries_answer_as_the_library(
    synthetic_graph: GraphStore, document: str
) -> None:
    hub, library = await both_ways(synthetic_graph, document, {}, SECRETARIAT)
    assert hub == library, document


# A schema made to leave the short paths every way they can be left.


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Inner(Named):
    name: str
    size: int | None = None


@strawberry.type
class Other(Named):
    name: str


@dataclass
class Stranger:
    """Not a type of the schema at all: `is_type_of` refuses it."""

    name: str


@dataclass
class Pending:
    """An awaitable value: a basic field may hold one, the executor awaits it."""

    value: Any

    def __await__(self) -> Any:
        yield from asyncio.sleep(0).__await__()
        return self.value


@strawberry.type
class Item:
    name: str  # None below: non-null violated
    maybe: str | None
    count: int  # "many": not an Int
    colour: Colour  # "blue": no such value
    broken: str  # an exception as the value
    later: str  # an awaitable value
    later_null: str  # an awaitable None
    inner: Inner
    maybe_inner: Inner | None
    inners: list[Inner]
    strict_inners: list[Inner | None]
    flag: bool = True
    ratio: float = 0.5
    tags: list[str] = field(default_factory=list)


def _items() -> list[Item]:
    good = Item(
        name="a",
        maybe=None,
        count=1,
        colour=Colour.RED,
        broken="fine",
        later=Pending("soon"),  # type: ignore[arg-type]
        later_null=Pending("there"),  # type: ignore[arg-type]
        inner=Inner(name="i", size=2),
        maybe_inner=None,
        inners=[Inner(name="j"), Inner(name="k", size=3)],
        strict_inners=[Inner(name="l"), None],
        tags=["x", "y"],
    )
    bad = Item(
        name=None,  # type: ignore[arg-type]
        maybe="m",
        count="many",  # type: ignore[arg-type]
        colour="blue",  # type: ignore[arg-type]
        broken=ValueError("refused"),  # type: ignore[arg-type]
        later=Pending("late"),  # type: ignore[arg-type]
        later_null=Pending(None),  # type: ignore[arg-type]
        inner=Stranger(name="wrong type"),  # type: ignore[arg-type]
        maybe_inner=Inner(name="there"),
        inners=[Inner(name="n"), None, Other(name="o"), Stranger("s")],  # type: ignore[list-item]
        strict_inners=[Other(name="p")],  # type: ignore[list-item]
        flag="yes",  # type: ignore[arg-type]
        ratio="half",  # type: ignore[arg-type]
    )
    # Lists of objects without items, completed in place.
    empty = replace(good, name="e", inners=[], strict_inners=[], tags=[])
    return [good, bad, empty]


@strawberry.type
class EdgeQuery:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return list(_items())

    @strawberry.field
    def first(self) -> Item:
        return _items()[0]

    @strawberry.field
    async def second(self) -> Item | None:
        return _items()[1]


EDGE_SCHEMAS = {
    executor: strawberry.Schema(query=EdgeQuery, execution_context_class=executor)
    for executor in (HubExecutor, StrawberryGraphQLCoreExecutionContext)
}
LEAVES = "name maybe count colour broken later laterNull flag ratio tags"
OBJECTS = "inner { name size } maybeInner { name } inners { name size } strictInners { name }"
EDGE_DOCUMENTS = {
    "leaves": f"{{ items {{ {LEAVES} }} }}",
    "objects": f"{{ items {{ {OBJECTS} }} }}",
    "everything, aliased twice": f"""{{ items {{ {LEAVES} {OBJECTS} again: name
        ... on Item {{ n: name count }} }} first {{ name inner {{ ... on Named {{ name }} }} }}
        second {{ {LEAVES} }} }}""",
    "a good item alone": f"{{ first {{ {LEAVES} {OBJECTS} __typename }} }}",
}


@pytest.mark.parametrize("name", EDGE_DOCUMENTS)
async def test_every_way_out_of_the_short_paths_answers_as_the_library(name: str) -> None:
    hub, library = [
        seen(await schema.execute(EDGE_DOCUMENTS[name])) for schema in EDGE_SCHEMAS.values()
    ]
    assert hub == library
    if name != "a good item alone":
        assert hub["errors"], hub  # the document does reach the ways out
    else:
        assert not hub["errors"], hub
        assert hub["data"]["first"]["later"] == "soon", hub
