"""Load a query's neighbour lists level by level before the executor walks them.

A root field that returns nodes (`cities`, `city(id:)`, …) calls `prefetch_page` or
`prefetch_nodes` of `schema.compiled` with the ids it found, which compile what they can and
hand the rest to `walk`. The walk reads the query's selections below those nodes
and, for each selected field that is a relation (`metadata=via(statement)`), loads the neighbour
lists of every node of the level in one batch through the request's loaders, then goes on below
with the neighbours the page will show. Relations of one level load concurrently, so the
DataLoaders still send one statement per relation per level.

The relation resolvers (`schema.relations`) then find their lists already loaded and answer
without awaiting: graphql-core completes the whole sub-tree synchronously instead of scheduling
thousands of coroutines. Anything the walk did not load (a field under a union, a window that
is an error) is loaded by the resolver itself, as before, so the walk only ever saves work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
)
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from graph.statement import Statement
from schema.cache import ByIdentity
from schema.connection import Window, window
from schema.context import Context

NEIGHBOURS = "uccn.neighbours"
DEFINITION = "strawberry-definition"  # where Strawberry keeps a GraphQL field's own definition


def via(statement: Statement) -> dict[str, object]:
    """Field metadata: the field lists the neighbours `statement` loads (`schema.relations`)."""
    return {NEIGHBOURS: statement}


@dataclass(frozen=True, slots=True)
class RelationField:
    statement: Statement
    target: str  # the GraphQL type of the neighbours
    paged: bool  # a connection (`first`/`after`, nodes under `nodes` or `edges.node`)


class RelationIndex:
    """Every relation field of a schema, by (type name, field name), found once at build."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.fields: dict[tuple[str, str], RelationField] = {}
        # What a document's nodes tell, worked out once per parsed document: the operation's
        # columns (`schema.compiled.operation_columns`), by operation node; whether a root field
        # selects a relation (`selects_relations`), by its field nodes.
        self.columns: ByIdentity[Mapping[str, frozenset[str] | None]] = ByIdentity(NODE_CACHE)
        self.selects: ByIdentity[bool] = ByIdentity(NODE_CACHE)
        for type_ in schema.type_map.values():
            if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
                continue
            for name, field in type_.fields.items():
                definition = (field.extensions or {}).get(DEFINITION)
                statement = getattr(definition, "metadata", {}).get(NEIGHBOURS)
                if statement is not None:
                    self.fields[(type_.name, name)] = _relation(statement, field.type)
        self.names = frozenset(name for _, name in self.fields)  # of relation fields, any type

    def applies(self, condition: str | None, type_name: str) -> bool:
        """Whether a fragment on `condition` applies to an object of `type_name`."""
        if condition is None or condition == type_name:
            return True
        abstract, concrete = self.schema.get_type(condition), self.schema.get_type(type_name)
        if abstract is None or not isinstance(concrete, GraphQLObjectType):
            return False
        return self.schema.is_sub_type(abstract, concrete)  # type: ignore[arg-type]


def _relation(statement: Statement, graphql_type: Any) -> RelationField:
    named = get_named_type(graphql_type)
    nodes = getattr(named, "fields", {}).get("nodes")
    if nodes is not None and "pageInfo" in named.fields:
        return RelationField(statement, get_named_type(nodes.type).name, paged=True)
    return RelationField(statement, named.name, paged=False)


def fields_of(
    selection_sets: Iterable[SelectionSetNode],
    fragments: Mapping[str, FragmentDefinitionNode],
    *,
    nested: bool,
) -> Iterator[FieldNode]:
    """The fields of these selection sets, through inline fragments and fragment spreads (each
    fragment once), and with `nested` the fields below them too, read off the document alone."""
    seen: set[str] = set()
    pending = list(selection_sets)
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                yield selection
                if nested and selection.selection_set is not None:
                    pending.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)


def selects_relations(info: Info[Context, None]) -> bool:
    """Whether any field below the root field is named as a relation field of some type
    (through fragments; a cautious reading of the document, worked out once per field node):
    a root field that selects none has nothing to read ahead (`{ city(id:) { name } }`)."""
    raw = info._raw_info
    index = cast(HasRelations, info.schema).relations

    def selects() -> bool:
        below = [node.selection_set for node in raw.field_nodes if node.selection_set]
        fields = fields_of(below, raw.fragments, nested=True)
        return any(field.name.value in index.names for field in fields)

    return index.selects.get_or_compute(tuple(raw.field_nodes), selects)


NODE_CACHE = 1024  # documents whose readings are kept (twice what the parser keeps)


class HasRelations(Protocol):
    relations: RelationIndex


async def walk(
    info: Info[Context, None], type_name: str, keys: Sequence[str], selections: list[Selection]
) -> None:
    """One level: the relations `selections` select on `type_name` nodes with these ids, each
    loaded for all of them, then the levels below. A root field's `selections` are those on its
    nodes (under `nodes`/`edges.node` for a connection; `schema.compiled` reads them)."""
    if not keys or not selections:
        return
    index = cast(HasRelations, info.schema).relations
    follows = [
        _follow(info, relation, keys, field)
        for field in _fields(index, selections, type_name)
        if (relation := index.fields.get((type_name, field.name))) is not None
    ]
    if follows:
        await asyncio.gather(*follows)


async def _follow(
    info: Info[Context, None], relation: RelationField, keys: Sequence[str], field: SelectedField
) -> None:
    loaders = info.context.loaders
    lists = loaders.all_loaded(relation.statement, keys)  # a compiled read primed them
    if lists is None:
        lists = await loaders.custom(relation.statement).load_many(keys)
    if relation.paged:
        win = _window(field.arguments, info.context.api.page_max)
        if win is None:
            return  # the resolver reports it, at its own path
        shown: Iterable[Mapping[str, Any]] = (
            p for found in lists for p in found[win.skip : win.end]
        )
        selections = _node_selections(field.selections)
    else:
        shown = (p for found in lists for p in found)
        selections = list(field.selections)
    await walk(info, relation.target, list(dict.fromkeys(p["id"] for p in shown)), selections)


def _window(arguments: Mapping[str, Any], page_max: int) -> Window | None:
    """The page a connection field's arguments ask for (literals come as their source text)."""
    first, after = arguments.get("first"), arguments.get("after")
    try:
        size = None if first is None else int(first)
        return window(size, None if after is None else str(after), page_max)
    except (GraphQLError, TypeError, ValueError):
        return None


def _below(fields: Iterable[Selection]) -> Iterator[Selection]:
    """The selections under the field(s) a root resolver answers (a field may be merged from
    several nodes of the query)."""
    for field in fields:
        if isinstance(field, SelectedField):
            yield from field.selections


def _node_selections(selections: Iterable[Selection]) -> list[Selection]:
    """A connection's node selections: under `nodes`, and under `edges { node }`."""
    found: list[Selection] = []
    for selection in _flat(selections):
        if selection.name == "nodes":
            found.extend(selection.selections)
        elif selection.name == "edges":
            for edge in _flat(selection.selections):
                if edge.name == "node":
                    found.extend(edge.selections)
    return found


def _fields(
    index: RelationIndex, selections: Iterable[Selection], type_name: str
) -> Iterator[SelectedField]:
    """The fields selected on an object of `type_name`, through the fragments that apply."""
    for selection in selections:
        if _skipped(selection.directives):
            continue
        if isinstance(selection, SelectedField):
            yield selection
        elif index.applies(selection.type_condition, type_name):
            yield from _fields(index, selection.selections, type_name)


def _flat(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """Fields, through fragments, where the type is fixed (a connection, an edge)."""
    for selection in selections:
        if _skipped(selection.directives):
            continue
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _flat(selection.selections)


def _skipped(directives: Mapping[str, Mapping[str, Any]]) -> bool:
    if directives.get("skip", {}).get("if") is True:
        return True
    return "include" in directives and directives["include"].get("if") is False


# What the compiled read (`schema.compiled`) shares with the walk: the same reading of a selection.
below = _below
fields_on = _fields
node_selections = _node_selections
window_of = _window
