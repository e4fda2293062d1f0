"""The executor: graphql-core's, with a short path for the fields most of an answer is made of.

A nested answer is mostly leaves read straight off an object (`name`, `title`, `code`): Strawberry
marks such a field "basic" (no resolver, no extension, no argument). graphql-core gives each one
a path, a resolve-info record, an awaitable check and a recursive completion; here a basic leaf
whose value is present is read and coerced in place, the way `complete_leaf_value` coerces it.
Anything else (a value that is null, an exception, awaitable, or that the type refuses; a field
with a resolver, arguments, or an object type) goes the library's way, so errors, nulls and
their paths are graphql-core's own.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
    get_named_type,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

# Per object type: field name -> (its basic resolver, its leaf type's output coercion).
Leaf = tuple[Callable[..., Any], Callable[[Any], Any]]
_LEAVES: weakref.WeakKeyDictionary[GraphQLObjectType, dict[str, Leaf]] = weakref.WeakKeyDictionary()
# Per output type: the object type it is (`T` or `T!`), or None for any other type.
_OBJECTS: weakref.WeakKeyDictionary[GraphQLOutputType, GraphQLObjectType | None] = (
    weakref.WeakKeyDictionary()
)


def object_of(return_type: GraphQLOutputType) -> GraphQLObjectType | None:
    try:
        return _OBJECTS[return_type]
    except KeyError:
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        found = inner if isinstance(inner, GraphQLObjectType) else None
        _OBJECTS[return_type] = found
        return found


def _basic_leaf(field: GraphQLField) -> Leaf | None:
    resolve = field.resolve
    if resolve is None or not getattr(resolve, "_is_default", False) or field.args:
        return None
    named = get_named_type(field.type)
    if not is_leaf_type(named):
        return None
    return resolve, named.coerce_output_value


def leaves_of(parent_type: GraphQLObjectType) -> dict[str, Leaf]:
    """The basic leaf fields of `parent_type`, by field name (computed once per type)."""
    found = _LEAVES.get(parent_type)
    if found is None:
        found = {
            name: leaf
            for name, field in parent_type.fields.items()
            if (leaf := _basic_leaf(field)) is not None
        }
        _LEAVES[parent_type] = found
    return found


class HubExecutor(StrawberryGraphQLCoreExecutionContext):
    """`execute_fields` as graphql-core's, with basic leaves completed in place; an object
    value (of `T` or `T!`) goes straight to its fields."""

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
                        value = leaf[0](source_value, None)
                    except Exception:  # the library's way reports it, at its path
                        value = None
                    if (
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
