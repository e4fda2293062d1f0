"""The executor: graphql-core's, with short paths for the fields most of an answer is made of.

A nested answer is mostly leaves read straight off an object (`name`, `title`, `code`): Strawberry
marks such a field "basic" (no resolver, no extension, no argument). graphql-core gives each one
a path, a resolve-info record, an awaitable check and a recursive completion; here a basic leaf
whose value is present is read and coerced in place, the way `complete_leaf_value` coerces it,
and a basic list field whose value is an empty list (a page without nodes) is an empty list.
Anything else (a value that is null, an exception, awaitable, or that the type refuses; a field
with a resolver, arguments, or an object type) goes the library's way, so errors, nulls and
their paths are graphql-core's own.

It is graphql-core's plain `Executor`, not the incremental one Strawberry's context extends: the
schema has no `@defer` or `@stream` (validation refuses them), so the incremental executor's
delivery groups, execution plans and publisher would be built for every request and never used.
Strawberry's `Info` is built the same way (its `build_resolve_info`, with the operation's
extensions).

An object value goes straight to its fields (graphql-core steps through five calls to get there),
and a relation field's resolver is called without Strawberry's wrapper (`lean_resolvers`): the
wrapper builds the same `Info` and passes the same arguments, through a chain of calls built for
field extensions, permissions and argument conversion, none of which such a field has.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, cast

import strawberry
from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    Undefined,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)
from graphql.execution import Executor
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

# Values that are never null, `Undefined`, an exception or awaitable: no need to ask.
PLAIN_VALUES = frozenset({str, int, float, bool})

# Kept on the schema's own type objects (each type belongs to one schema and lives with it):
# per object type, field name -> (how its value is read, its leaf type's output coercion); per
# output type, the object type it is (`T` or `T!`) or None for any other type.
Leaf = tuple[Callable[[Any], Any], Callable[[Any], Any]]
LEAVES = "_uccn_basic_leaves"
OBJECT = "_uccn_object_type"
_UNKNOWN = object()


def object_of(return_type: GraphQLOutputType) -> GraphQLObjectType | None:
    found = getattr(return_type, OBJECT, _UNKNOWN)
    if found is _UNKNOWN:
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        found = inner if isinstance(inner, GraphQLObjectType) else None
        setattr(return_type, OBJECT, found)
    return cast(GraphQLObjectType | None, found)


def _basic_leaf(field: GraphQLField) -> Leaf | None:
    resolve = field.resolve
    if resolve is None or not getattr(resolve, "_is_default", False) or field.args:
        return None
    named = get_named_type(field.type)
    if is_leaf_type(named):
        return _reader(field, resolve), named.coerce_output_value
    if is_list_type(get_nullable_type(field.type)):
        return _reader(field, resolve), _empty
    return None


def _empty(value: Any) -> list[Any] | None:
    """An empty list completes as an empty list, whatever its items (a connection page with
    no nodes); anything else goes the library's way."""
    return [] if type(value) is list and not value else None


def _reader(field: GraphQLField, resolve: Callable[..., Any]) -> Callable[[Any], Any]:
    """How a basic field's value is read off its object: Strawberry's basic resolver calls
    `get_result`, which calls the config's `default_resolver` (`getattr`) with the field's
    Python name; where all of that is Strawberry's own, `attrgetter` reads the same attribute
    in one call. Anything else calls the resolver as graphql-core would."""
    definition = (field.extensions or {}).get(DEFINITION)
    if (
        isinstance(definition, StrawberryField)
        and definition.base_resolver is None
        and type(definition).get_result is StrawberryField.get_result
        and definition.default_resolver is getattr
    ):
        return attrgetter(definition.python_name)
    return lambda source: resolve(source, None)


def leaves_of(parent_type: GraphQLObjectType) -> dict[str, Leaf]:
    """The basic fields of `parent_type` completed in place (leaves, and lists when empty), by
    field name (computed once per type)."""
    found: dict[str, Leaf] | None = getattr(parent_type, LEAVES, None)
    if found is None:
        found = {
            name: leaf
            for name, field in parent_type.fields.items()
            if (leaf := _basic_leaf(field)) is not None
        }
        setattr(parent_type, LEAVES, found)
    return found


@dataclass(frozen=True, slots=True)
class _Field:
    definition: GraphQLField
    resolve: Callable[..., Any]
    arguments: dict[str, Any]  # plain values, unpacked into each call's own keywords


class HubExecutor(Executor[Any]):
    """`execute_fields` as graphql-core's, with basic leaves completed in place; an object
    value (of `T` or `T!`) goes straight to its fields; a field's definition, resolver and
    plain arguments looked up once per operation (`execute_field`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.operation_extensions = kwargs.pop("operation_extensions", None)
        super().__init__(*args, **kwargs)
        # Per field node of the operation (by identity; nodes live as long as the document)
        # and its parent type: what `execute_field` looks up for every object it completes.
        # None: the library's way for that field.
        self._fields: dict[tuple[GraphQLObjectType, int], _Field | None] = {}

    # Strawberry's `Info` source, with the operation's extensions (the function, not a copy).
    build_resolve_info = cast(
        Callable[..., GraphQLResolveInfo[Any]],
        StrawberryGraphQLCoreExecutionContext.build_resolve_info,
    )

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        """graphql-core's `execute_field`, with what it looks up for each object (the field's
        definition and resolver, and arguments that are plain values: the same for every
        object, as the variables are) looked up once per operation. A field of a fragment with
        variables of its own, arguments that are not plain values or fail to coerce, and
        middleware go the library's way."""
        first = field_details_list[0]
        if first.fragment_variable_values is not None or self.middleware_manager is not None:
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
        key = (parent_type, id(first.node))
        field = self._fields.get(key, _UNKNOWN)
        if field is _UNKNOWN:
            field = self._fields[key] = self._field(parent_type, first.node)
        if not isinstance(field, _Field):
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
        return_type = field.definition.type
        info = self.build_resolve_info(
            field.definition, to_nodes(field_details_list), parent_type, path
        )
        try:
            result = field.resolve(source, info, **field.arguments)
            if self.is_awaitable(result):
                return self.complete_awaitable_value(
                    return_type, field_details_list, info, path, result, position_context
                )
            completed = self.complete_value(
                return_type, field_details_list, info, path, result, position_context
            )
            if self.is_awaitable(completed):
                return self._completed_later(completed, return_type, field_details_list, path)
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
        return completed

    def _field(self, parent_type: GraphQLObjectType, node: FieldNode) -> _Field | None:
        definition = self.schema.get_field(parent_type, node.name.value)
        if definition is None:
            return None  # the library answers Undefined
        arguments: dict[str, Any] = {}
        if definition.args or node.arguments:
            try:
                arguments = get_argument_values(
                    definition, node, self.variable_values, None, self.hide_suggestions
                )
            except Exception:  # reported the library's way, at each object's path
                return None
            if not all(type(v) in PLAIN_VALUES or v is None for v in arguments.values()):
                return None  # a resolver may change a list or an input object it is given
        return _Field(definition, definition.resolve or self.field_resolver, arguments)

    async def _completed_later(
        self,
        completed: Awaitable[Any],
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> Any:
        # graphql-core's `execute_field` tail for a value completed later.
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None

    def get_stream_usage(self, field_details_list: FieldDetailsList, path: Path) -> Any:
        """No `@stream` without a directive on the field: the library looks the directive up
        for every list it completes (and remembers only the lists that do stream)."""
        if not field_details_list[0].node.directives:
            return None
        return super().get_stream_usage(field_details_list, path)

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        # graphql-core's way for an object, without its steps in between: `T!` unwrapped (the
        # fields of an object are a dict, never null), `is_type_of` asked, the sub-fields
        # collected (memoised) and executed. A value that is null, an exception or awaitable,
        # a type check that fails, and anything deferred go the library's way.
        object_type = object_of(return_type)
        if (
            object_type is not None
            and position_context is None
            and result is not None
            and result is not Undefined
            and not isinstance(result, Exception)
            and not self.is_awaitable(result)
        ):
            is_type_of = object_type.is_type_of
            if is_type_of is None or is_type_of(result, info) is True:
                grouped_field_set, new_defer_usages, _ = self.collect_subfields(
                    object_type, field_details_list
                )
                if not new_defer_usages:
                    return self.execute_fields(object_type, result, path, grouped_field_set, None)
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        leaves = leaves_of(parent_type)
        middleware = self.middleware_manager
        if not leaves or (middleware is not None and middleware.middlewares):
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                leaf = leaves.get(field_details_list[0].node.name.value)
                if leaf is not None:
                    try:
                        value = leaf[0](source_value)
                    except Exception:  # the library's way reports it, at its path
                        value = None
                    if type(value) in PLAIN_VALUES or (
                        value is not None
                        and value is not Undefined
                        and not isinstance(value, Exception)
                        and not is_awaitable(value)
                    ):
                        try:
                            coerced = leaf[1](value)
                        except Exception:  # the library's way reports it, at its path
                            coerced = None
                        if coerced is not None and coerced is not Undefined:
                            results[response_name] = coerced
                            continue
                field_path = Path(path, response_name, parent_type.name)
                result = self.execute_field(
                    parent_type, source_value, field_details_list, field_path, position_context
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return self._gathered(results, awaitable_fields)

    async def _gathered(self, results: dict[str, Any], awaitable_fields: list[str]) -> Any:
        # graphql-core's `execute_fields` tail: its awaited fields, in parallel.
        if len(awaitable_fields) == 1:
            field = awaitable_fields[0]
            results[field] = await results[field]
        else:
            awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
            results.update(zip(awaitable_fields, awaited, strict=True))
        return results


DEFINITION = "strawberry-definition"  # where Strawberry keeps a GraphQL field's own definition
# Strawberry hands these to a resolver as they come.
PLAIN_ARGUMENTS: tuple[object, ...] = (int, str, bool, float, strawberry.ID)


def lean_resolvers(schema: GraphQLSchema, info_class: type) -> int:
    """Give every field whose Strawberry resolver needs no wrapper a direct one (see
    `_lean`); returns how many fields have one."""
    count = 0
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            lean = _lean(field, info_class)
            if lean is not None:
                field.resolve = lean
                count += 1
    return count


def _lean(field: GraphQLField, info_class: type) -> Callable[..., Any] | None:
    """A direct resolver for a field Strawberry would resolve by building `Info` and calling
    its method with the arguments unchanged: a method (synchronous, or a coroutine Strawberry
    awaits) taking `self`, its info and only arguments of plain scalar types (`ID` too) named
    alike in GraphQL and Python; no field extension, no permission. Anything else keeps
    Strawberry's own resolver."""
    definition = (field.extensions or {}).get(DEFINITION)
    resolve = field.resolve
    if not isinstance(definition, StrawberryField) or resolve is None:
        return None
    resolver = definition.base_resolver
    is_async = resolver is not None and resolver.is_async
    if (
        resolver is None
        or getattr(resolve, "__name__", "") != ("_async_resolver" if is_async else "_resolver")
        or definition.extensions
        or resolver.self_parameter is None
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
        or resolver.info_parameter is None
    ):
        return None
    for argument in definition.arguments:
        kind = argument.type
        if isinstance(kind, StrawberryOptional):
            kind = kind.of_type
        if kind not in PLAIN_ARGUMENTS or argument.python_name not in field.args:
            return None
    if set(field.args) != {a.python_name for a in definition.arguments}:
        return None
    method = cast(Callable[..., Any], resolver.wrapped_func)
    info_name = resolver.info_parameter.name

    def lean(source: Any, info: GraphQLResolveInfo[Any], **kwargs: Any) -> Any:
        kwargs[info_name] = info_class(_raw_info=info, _field=definition)
        return method(source, **kwargs)

    async def lean_async(source: Any, info: GraphQLResolveInfo[Any], **kwargs: Any) -> Any:
        kwargs[info_name] = info_class(_raw_info=info, _field=definition)
        return await method(source, **kwargs)

    return lean_async if is_async else lean
