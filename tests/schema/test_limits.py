"""Depth, alias, token and cost limits: refused before any resolver runs, naming the setting."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from graphql import get_introspection_query, parse
from graphql.utilities import get_operation_ast

from graph.store import GraphStore
from hub.bootstrap import api_config
from hub.settings import Settings
from schema.build import build_schema
from schema.limits import query_aliases, query_cost, query_depth
from services.policy import ANONYMOUS
from tests.schema.api import context_for

CALLS: list[str] = []


@strawberry.type
class Item:
    name: str

    @strawberry.field
    def children(self, first: int | None = None) -> list[Item]:
        CALLS.append("children")
        return [Item(name=f"{self.name}.{i}") for i in range(2 if first is None else first)]

    @strawberry.field
    def tags(self) -> list[str]:
        CALLS.append("tags")
        return ["a", "b"]


@strawberry.type
class ItemEdge:
    node: Item
    cursor: str


@strawberry.type
class ItemConnection:
    edges: list[ItemEdge]
    total_count: int

    @strawberry.field
    def nodes(self) -> list[Item]:
        return [edge.node for edge in self.edges]


@strawberry.type
class LimitsQuery:
    @strawberry.field
    def item(self) -> Item:
        CALLS.append("item")
        return Item(name="i")

    @strawberry.field
    def items(self, first: int | None = None) -> ItemConnection:
        CALLS.append("items")
        size = 2 if first is None else first
        edges = [ItemEdge(node=Item(name=f"i{n}"), cursor=str(n)) for n in range(size)]
        return ItemConnection(edges=edges, total_count=size)

    @strawberry.field
    def all_items(self) -> list[Item]:
        CALLS.append("allItems")
        return [Item(name="a")]

    @strawberry.field
    def echo(self, text: str = "hi") -> str:
        CALLS.append("echo")
        return text


@strawberry.type
class LimitsMutation:
    @strawberry.mutation
    def touch(self, first: int | None = None) -> list[Item]:
        CALLS.append("touch")
        return []


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    CALLS.clear()


def limited(settings: Settings, **limits: int) -> Settings:
    return settings.model_copy(update=limits)


async def run(
    settings: Settings,
    store: GraphStore,
    query: str,
    variables: dict[str, Any] | None = None,
    root: type = LimitsQuery,
) -> strawberry.types.ExecutionResult:
    schema = build_schema(api_config(settings), query=root, mutation=LimitsMutation)
    context = context_for(store, settings, ANONYMOUS, "r1")
    return await schema.execute(query, variable_values=variables, context_value=context)


def messages(result: strawberry.types.ExecutionResult) -> list[str]:
    return [error.message for error in result.errors or ()]


def cost(query: str, variables: dict[str, Any] | None = None, page_max: int = 50) -> int:
    schema = build_schema(
        api_config(Settings(_env_file=None)),  # type: ignore[call-arg]
        query=LimitsQuery,
        mutation=LimitsMutation,
    )
    document = parse(query)
    operation = get_operation_ast(document)
    assert operation is not None
    return query_cost(schema._schema, document, operation, variables, page_max)


# -- What each limit counts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ item { name } }", 2),
        ("{ __typename item { __typename } }", 3),
        ("{ item { ... on Item { name } } }", 2),
        # a list without `first` counts as the page maximum (50 here)
        ("{ allItems { name } }", 1 + 50 * 1),
        ("{ item { children { name } } }", 1 + (1 + 50 * 1)),
        # a list of leaves has no subtree to multiply
        ("{ item { tags } }", 2),
        # `first` multiplies the connection's subtree; its edges/nodes lists do not again
        (
            "{ items(first: 10) { totalCount edges { cursor node { name } } nodes { name } } }",
            1 + 10 * (1 + (1 + 1 + (1 + 1)) + (1 + 1)),
        ),
        ("{ item { children(first: null) { name } } }", 1 + (1 + 50 * 1)),
        # fragments are expanded where they are spread
        (
            "{ item { ...F } items(first: 2) { nodes { ...F } } }"
            " fragment F on Item { name children(first: 3) { name } }",
            (1 + 5) + (1 + 2 * (1 + 5)),
        ),
        # a variable's default applies when the request gives none
        ("query($n: Int = 4) { item { children(first: $n) { name } } }", 1 + (1 + 4)),
        ("mutation { touch(first: 3) { name } }", 1 + 3),
    ],
)
def test_cost_estimate(query: str, expected: int) -> None:
    assert cost(query) == expected


def test_cost_reads_variables() -> None:
    query = "query($n: Int = 4) { item { children(first: $n) { name } } }"
    assert cost(query, {"n": 7}) == 1 + (1 + 7)
    assert cost(query, {"n": None}) == 1 + (1 + 50)


def test_fragments_spread_many_times_are_counted_each_time_and_evaluated_once() -> None:
    # 2^30 leaves through 30 doubling fragments: counted exactly, in linear time.
    fragments = " ".join(
        f"fragment F{k} on Item {{ ...F{k - 1} ...F{k - 1} }}" for k in range(1, 31)
    )
    query = f"{{ item {{ ...F30 }} }} fragment F0 on Item {{ name }} {fragments}"
    assert cost(query) == 1 + 2**30
    document = parse(query)
    operation = get_operation_ast(document)
    assert operation is not None
    assert query_depth(operation, document) == 2
    assert query_aliases(operation, document) == 0


def test_depth_counts_nested_fields_through_fragments_but_not_introspection() -> None:
    document = parse(
        "{ item { ... on Item { children { ...C } } } __schema { types { fields { name } } } }"
        " fragment C on Item { children { name } }"
    )
    operation = get_operation_ast(document)
    assert operation is not None
    assert query_depth(operation, document) == 4


def test_aliases_count_every_spread() -> None:
    document = parse("{ a: echo b: item { ...F ...F } } fragment F on Item { c: name }")
    operation = get_operation_ast(document)
    assert operation is not None
    assert query_aliases(operation, document) == 4


# -- Refusals through execution: the message names the limit, no resolver runs ------------------


async def test_depth_over_the_limit_is_refused(settings: Settings, store: GraphStore) -> None:
    strict = limited(settings, api_max_depth=3)
    ok = await run(strict, store, "{ item { children { name } } }")
    assert ok.errors is None
    CALLS.clear()
    refused = await run(strict, store, "{ item { children { children { name } } } }")
    assert refused.data is None
    assert messages(refused) == ["query depth 4 exceeds the limit of 3 (UCCN_API_MAX_DEPTH)"]
    assert refused.errors is not None
    assert refused.errors[0].extensions == {
        "code": "QUERY_LIMIT_EXCEEDED",
        "limit": "UCCN_API_MAX_DEPTH",
        "max": 3,
    }
    assert CALLS == []


async def test_aliases_over_the_limit_are_refused(settings: Settings, store: GraphStore) -> None:
    strict = limited(settings, api_max_aliases=3)
    query = "{ a: echo b: item { ...F ...F } } fragment F on Item { c: name }"
    refused = await run(strict, store, query)
    assert messages(refused) == [
        "query alias count 4 exceeds the limit of 3 (UCCN_API_MAX_ALIASES)"
    ]
    assert CALLS == []


async def test_tokens_over_the_limit_are_refused(settings: Settings, store: GraphStore) -> None:
    strict = limited(settings, api_max_tokens=50)
    ok = await run(strict, store, "{ " + "echo " * 40 + "}")
    assert ok.errors is None
    CALLS.clear()
    refused = await run(strict, store, "{ " + "echo " * 60 + "}")
    assert messages(refused) == ["query token count exceeds the limit of 50 (UCCN_API_MAX_TOKENS)"]
    # comments count as tokens too, so padding cannot slip past
    padded = await run(strict, store, "{ echo }" + "\n#" * 60)
    assert messages(padded) == ["query token count exceeds the limit of 50 (UCCN_API_MAX_TOKENS)"]
    assert CALLS == []


async def test_cost_over_the_limit_is_refused(settings: Settings, store: GraphStore) -> None:
    # Lists without `first` are estimated as the default page (20): 1 + 20 × (1 + 20 × 1) + 1.
    strict = limited(settings, api_max_cost=400, api_page_max=100)
    refused = await run(strict, store, "{ item { children { children { name } } } }")
    assert messages(refused) == ["query cost 422 exceeds the limit of 400 (UCCN_API_MAX_COST)"]
    assert CALLS == []


async def test_cost_follows_each_requests_variables(settings: Settings, store: GraphStore) -> None:
    """The same document (cached parse and validation) is judged on each request's values."""
    strict = limited(settings, api_max_cost=1000)
    query = "query($n: Int!) { items(first: $n) { nodes { name } } }"
    ok = await run(strict, store, query, {"n": 3})
    assert ok.errors is None
    assert ok.data == {"items": {"nodes": [{"name": "i0"}, {"name": "i1"}, {"name": "i2"}]}}
    CALLS.clear()
    refused = await run(strict, store, query, {"n": 600})
    assert messages(refused) == ["query cost 1,201 exceeds the limit of 1,000 (UCCN_API_MAX_COST)"]
    assert CALLS == []
    again = await run(strict, store, query, {"n": 3})
    assert again.errors is None


async def test_cost_cache_judges_each_requests_variables(
    settings: Settings, store: GraphStore
) -> None:
    """One schema, so its caches serve every request: a cached estimate is only reused for the
    same `first` values, and a supplied null is not confused with an absent variable."""
    schema = build_schema(
        api_config(limited(settings, api_max_cost=1000)), query=LimitsQuery, mutation=LimitsMutation
    )
    query = "query($n: Int = 600) { items(first: $n) { nodes { name } } }"
    over = ["query cost 1,201 exceeds the limit of 1,000 (UCCN_API_MAX_COST)"]

    async def send(variables: dict[str, Any] | None) -> list[str]:
        context = context_for(store, settings, ANONYMOUS, "r1")
        result = await schema.execute(query, variable_values=variables, context_value=context)
        return messages(result)

    for _ in range(2):
        assert await send({"n": 3}) == []
        assert await send({"n": 600}) == over
        assert await send(None) == over  # the default, 600
        assert await send({"n": None}) == []  # null: served (and estimated) as the default page
        assert await send({"n": 3, "other": 600}) == []
    assert CALLS.count("items") == 6


async def test_a_passed_verdict_is_kept_only_for_its_operation(
    settings: Settings, store: GraphStore
) -> None:
    """An operation without variables that passed every check is not judged again (nothing a
    request adds can change the verdict); another operation of the same text still is, and so
    is one with variables."""
    schema = build_schema(
        api_config(limited(settings, api_max_cost=1000)), query=LimitsQuery, mutation=LimitsMutation
    )
    query = (
        "query Small { items(first: 3) { nodes { name } } } "
        "query Big { items(first: 600) { nodes { name } } } "
        "query Sized($n: Int!) { items(first: $n) { nodes { name } } }"
    )
    over = ["query cost 1,201 exceeds the limit of 1,000 (UCCN_API_MAX_COST)"]

    async def send(name: str, variables: dict[str, Any] | None = None) -> list[str]:
        context = context_for(store, settings, ANONYMOUS, "r1")
        result = await schema.execute(
            query, variable_values=variables, context_value=context, operation_name=name
        )
        return messages(result)

    for _ in range(3):
        assert await send("Small", {"n": 600}) == []
        assert await send("Big") == over
        assert await send("Sized", {"n": 3}) == []
        assert await send("Sized", {"n": 600}) == over
        assert await send("Sized") == [
            "Variable '$n' has invalid value: Expected a value of non-null type 'Int!' to be"
            " provided."
        ]
    assert CALLS.count("items") == 6


async def test_limits_apply_to_mutations(settings: Settings, store: GraphStore) -> None:
    strict = limited(settings, api_max_cost=100)
    refused = await run(strict, store, "mutation { touch(first: 200) { name } }")
    assert messages(refused) == ["query cost 201 exceeds the limit of 100 (UCCN_API_MAX_COST)"]
    assert CALLS == []


async def test_default_limits_let_graphiql_introspect(
    settings: Settings, store: GraphStore
) -> None:
    result = await run(settings, store, get_introspection_query(descriptions=True))
    assert result.errors is None
    assert result.data is not None


# -- The real schema ------------------------------------------------------------------------------


@pytest.fixture
def store_calls(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the store runs, recorded on the way to the real engine."""
    calls: list[str] = []
    original = store.run

    async def counting(statement: Any, **params: Any) -> Any:
        calls.append(statement.name)
        return await original(statement, **params)

    monkeypatch.setattr(store, "run", counting)
    return calls


async def test_real_schema_cost_refused_before_the_store(
    settings: Settings, store: GraphStore, store_calls: list[str]
) -> None:
    query = "{ stats { nodes { label count } relationships { type count } } }"
    context = context_for(store, settings, ANONYMOUS, "r1")
    ok = await build_schema(api_config(settings)).execute(query, context_value=context)
    assert ok.errors is None
    assert store_calls  # the control query does reach the store
    store_calls.clear()

    strict = limited(settings, api_max_cost=100)
    context = context_for(store, strict, ANONYMOUS, "r2")
    refused = await build_schema(api_config(strict)).execute(query, context_value=context)
    # stats 1 + two lists of label counts, 1 + 100 × 2 each
    assert messages(refused) == ["query cost 403 exceeds the limit of 100 (UCCN_API_MAX_COST)"]
    assert store_calls == []


async def test_real_schema_aliases_refused_before_the_store(
    settings: Settings, store: GraphStore, store_calls: list[str]
) -> None:
    query = "{ " + " ".join(f'c{n}: city(id: "c{n}") {{ name }}' for n in range(31)) + " }"
    context = context_for(store, settings, ANONYMOUS, "r1")
    refused = await build_schema(api_config(settings)).execute(query, context_value=context)
    assert messages(refused) == [
        "query alias count 31 exceeds the limit of 30 (UCCN_API_MAX_ALIASES)"
    ]
    assert store_calls == []
