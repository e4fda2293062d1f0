"""Compiled reads: the relations a root field's selection walks, read in one statement.

Before the prefetch walk (`schema.prefetch`) loads a query's neighbour lists level by level, a
root field translates its selection into a `graph.compiled.Plan` (the relation fields selected
on its nodes, through fragments and `@include`/`@skip`, and recursively below them, up to
`DEPTH` levels), runs the one statement compiled from it and primes the request's DataLoaders
with every neighbour list it read. The walk then finds those lists loaded and sends nothing for
them; what the plan left out (a relation without a compiled path, a level below `DEPTH`, a
field under a union or an interface, a window that is an error) the walk or the resolver loads
as before. The resolvers answer from the same loaders either way, so data, errors, windows,
cursors and privacy are theirs: nothing here decides what a caller sees.

Below a connection the statement reads the neighbours of the page the walk would follow; the
plan still stops at `DEPTH` levels and `MAX_RELATIONS` relations, to keep one statement of a
bounded size (below, the walk goes on as before). Each relation reads only the properties the
operation's fields need (`read_columns`): the lists primed are the ones every resolver of the
request reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import cast

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    visit,
)
from strawberry.types import Info
from strawberry.types.nodes import Selection

from graph.compiled import Plan, Relation, compile_plan, compiles, parameters, read_tree
from graph.model import NODE_BY_LABEL
from graph.statement import Statement
from schema import prefetch
from schema.context import Context
from schema.prefetch import (
    HasRelations,
    RelationIndex,
    below,
    fields_on,
    node_selections,
    selects_relations,
    window_of,
)

DEPTH = 3  # relation levels below the root field's nodes
MAX_RELATIONS = 24  # relations in one plan; a wider selection is walked level by level


def plan_for(
    index: RelationIndex,
    type_name: str,
    selections: Iterable[Selection],
    page_max: int,
    statements: dict[str, Statement],
    columns: Mapping[str, frozenset[str] | None],
    depth: int = DEPTH,
) -> Plan:
    """The compilable relations selected on `type_name` nodes (`statements` collects the
    neighbour statements they stand for, by name), each reading the `columns` of its label."""
    relations: dict[Relation, None] = {}
    for field in fields_on(index, selections, type_name):
        relation = index.fields.get((type_name, field.name))
        if relation is None or not compiles(relation.statement):
            continue
        window: tuple[int, int] | None = None
        if relation.paged:
            if (win := window_of(field.arguments, page_max)) is None:
                continue  # the resolver reports the bad window, at its own path
            window = (win.skip, win.end)
            below: Sequence[Selection] = node_selections(field.selections)
        else:
            below = list(field.selections)
        nested = (
            plan_for(index, relation.target, below, page_max, statements, columns, depth - 1)
            if depth > 1
            else Plan(relation.target)
        )
        statements[relation.statement.name] = relation.statement
        read = columns.get(relation.target, frozenset())
        names = None if read is None else tuple(sorted(read))
        relations[Relation(relation.statement.name, nested, names, window)] = None
    return Plan(type_name, tuple(relations))


async def prime(
    info: Info[Context, None],
    index: RelationIndex,
    type_name: str,
    keys: Sequence[str],
    selections: Sequence[Selection],
) -> None:
    """Read the plan of `selections` below the nodes `keys` in one statement, and prime the
    request's loaders with its neighbour lists (a list already loaded is left as it is)."""
    context = info.context
    if not context.api.compiled_reads or not keys or not selections:
        return
    statements: dict[str, Statement] = {}
    shape = plan_for(index, type_name, selections, context.api.page_max, statements, {})
    if not shape.relations or shape.size() > MAX_RELATIONS:
        return  # before reading the operation's columns: most requests stop here
    columns = operation_columns(info, index)
    plan = plan_for(index, type_name, selections, context.api.page_max, statements, columns)
    rows = await context.store.run(compile_plan(plan), ids=list(keys), **parameters(plan))
    for name, lists in read_tree(plan, keys, rows).items():
        context.loaders.prime(statements[name], lists)


def operation_columns(
    info: Info[Context, None], index: RelationIndex
) -> Mapping[str, frozenset[str] | None]:
    """`read_columns` of the request's operation, worked out once per parsed document (the
    parser's cache hands the same operation node to every request with the same text)."""
    operation = info.operation
    return index.columns.get_or_compute(
        (operation,),
        lambda: read_columns(info.schema._schema, index, operation, info._raw_info.fragments),
    )


def page_columns(info: Info[Context, None], label: str) -> frozenset[str] | None:
    """The properties of `label` a root listing reads for this operation (None: all of them;
    always all without compiled reads): the same columns the compiled read takes for it."""
    if not info.context.api.compiled_reads:
        return None
    index = cast(HasRelations, info.schema).relations
    return operation_columns(info, index).get(label, frozenset())


def read_columns(
    schema: GraphQLSchema,
    index: RelationIndex,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
) -> dict[str, frozenset[str] | None]:
    """The properties any field of the whole operation may read, by label (None: all of them).

    Taken from every selection of the operation, not only the root field's: a neighbour list
    primed here is the one every resolver of the request reads. A field that is a property
    (by its snake_case name) adds it; `id`, `slug`, `__typename`, a `code` that is no property
    (the id, always read) and relation fields add nothing; any other field computes from
    properties this cannot see, so its label reads them all. (`graph.compiled` always reads the
    model's required properties: the types are built from them.)"""
    wanted: dict[str, set[str] | None] = {}

    def field(parent: GraphQLNamedType | None, name: str) -> None:
        if parent is None or name in NEVER_READ:
            return
        types = (
            schema.get_possible_types(parent)
            if isinstance(parent, GraphQLInterfaceType | GraphQLUnionType)
            else [parent]
        )
        for type_ in types:
            spec = NODE_BY_LABEL.get(type_.name)
            if spec is None or (type_.name, name) in index.fields:
                continue
            found = wanted.setdefault(type_.name, set())
            prop = _snake(name)
            if found is not None and spec.prop(prop) is not None:
                found.add(prop)
            elif name not in ID_ALIASES:
                wanted[type_.name] = None

    type_info = TypeInfo(schema)

    class Fields(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            field(type_info.get_parent_type(), node.name.value)

    document = DocumentNode(definitions=(operation, *fragments.values()))
    visit(document, TypeInfoVisitor(type_info, Fields()))
    return {label: None if found is None else frozenset(found) for label, found in wanted.items()}


NEVER_READ = frozenset({"id", "slug", "__typename"})
ID_ALIASES = frozenset({"code"})  # a `code` that is not a property is the node's id (`TH`, `11.4`)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


async def prefetch_page(info: Info[Context, None], type_name: str, keys: Sequence[str]) -> None:
    """For a root field returning a connection of `type_name` nodes with these ids: the
    compiled read of what it can compile, then the walk (`schema.prefetch`) of the rest."""
    if keys and selects_relations(info):
        await _read_ahead(info, type_name, keys, node_selections(below(info.selected_fields)))


async def prefetch_nodes(info: Info[Context, None], type_name: str, keys: Sequence[str]) -> None:
    """`prefetch_page` for a root field returning `type_name` nodes (one, or a list)."""
    if keys and selects_relations(info):
        await _read_ahead(info, type_name, keys, list(below(info.selected_fields)))


async def _read_ahead(
    info: Info[Context, None], type_name: str, keys: Sequence[str], selections: list[Selection]
) -> None:
    await prime(info, cast(HasRelations, info.schema).relations, type_name, keys, selections)
    await prefetch.walk(info, type_name, keys, selections)
