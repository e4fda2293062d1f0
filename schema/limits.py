"""Query limits, all checked before any resolver runs.

- tokens: the parser stops at `api_max_tokens` lexical tokens (comments count too);
- depth: the longest chain of nested fields, leaves included (`{ a { b } }` is 2), fragments
  expanded, introspection fields (`__schema`, `__type`) not entered;
- aliases: aliased fields in the operation, counted once per place a fragment is spread;
- cost: a static estimate from the document and the request's variables. Every field costs 1;
  a field with a `first` argument multiplies its subtree by `first` (the page maximum when it is
  absent or null); a list field without `first` multiplies its subtree by the page maximum,
  except the `edges`/`nodes` lists of a connection, which the connection field already paid for.

Depth and aliases are validation rules, so they are cached with the rest of validation; tokens
ride on the parser; cost depends on variables, so it runs right after (cached) validation.
Every refusal names the limit and the setting that raises it, e.g.
`query cost 12,400 exceeds the limit of 5,000 (UCCN_API_MAX_COST)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    parse,
    validate,
    value_from_ast_untyped,
)
from graphql.language import Node
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

# Strawberry adds these two to every validation it runs itself; we validate here instead
# (to hide suggestions in production), so we add them too.
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from hub.settings import Settings
from schema.connection import DEFAULT_PAGE

LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"
# Bounded LRU caches, shared by every request and schema (keyed by the document/text itself).
PARSER_CACHE_SIZE = 512
VALIDATION_CACHE_SIZE = 512


def setting_env(field: str) -> str:
    """The environment variable that sets a `Settings` field: `api_max_cost` → `UCCN_…`."""
    return f"{Settings.model_config.get('env_prefix', '')}{field}".upper()


def limit_error(
    measure: str, actual: int | None, limit: int, field: str, nodes: Node | None = None
) -> GraphQLError:
    setting = setting_env(field)
    amount = "" if actual is None else f" {actual:,}"
    return GraphQLError(
        f"query {measure}{amount} exceeds the limit of {limit:,} ({setting})",
        nodes,
        extensions={"code": LIMIT_CODE, "limit": setting, "max": limit},
    )


# -- Walking selection sets ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One entry of a selection set: `own + factor × value(child)`."""

    own: int
    factor: int = 1
    child: SelectionSetNode | None = None
    child_type: GraphQLNamedType | None = None


Plan = Callable[[SelectionSetNode, GraphQLNamedType | None], list[_Item]]


def _fold(
    root: SelectionSetNode,
    root_type: GraphQLNamedType | None,
    plan: Plan,
    combine: Callable[[Iterable[int]], int],
) -> int:
    """A value for `root`, computed bottom-up over the selection sets it reaches.

    Each selection set (a fragment's included) is planned and valued once, so a fragment spread
    many times costs nothing extra to evaluate, and there is no recursion, so nesting as deep as
    the token limit allows cannot exhaust the stack. A cycle (refused by validation anyway)
    counts as 0 where it closes.
    """
    values: dict[int, int] = {}
    plans: dict[int, list[_Item]] = {}
    stack: list[tuple[SelectionSetNode, GraphQLNamedType | None]] = [(root, root_type)]
    while stack:
        node, node_type = stack[-1]
        key = id(node)
        if key in values:
            stack.pop()
            continue
        if key not in plans:
            items = plans[key] = plan(node, node_type)
            for item in items:
                child = item.child
                if child is not None and id(child) not in values and id(child) not in plans:
                    stack.append((child, item.child_type))
            continue
        stack.pop()
        values[key] = combine(
            item.own + item.factor * (values.get(id(item.child), 0) if item.child else 0)
            for item in plans[key]
        )
    return values[id(root)]


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _untyped_plan(
    fragments: Mapping[str, FragmentDefinitionNode], field_item: Callable[[FieldNode], _Item]
) -> Plan:
    def plan(node: SelectionSetNode, _: GraphQLNamedType | None) -> list[_Item]:
        items: list[_Item] = []
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                items.append(field_item(selection))
            elif isinstance(selection, InlineFragmentNode):
                items.append(_Item(0, child=selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    items.append(_Item(0, child=fragment.selection_set))
        return items

    return plan


def _is_introspection(field: FieldNode) -> bool:
    return field.name.value.startswith("__")


def query_depth(operation: OperationDefinitionNode, document: DocumentNode) -> int:
    def field_item(field: FieldNode) -> _Item:
        if _is_introspection(field):
            return _Item(1)
        return _Item(1, child=field.selection_set)

    return _fold(
        operation.selection_set, None, _untyped_plan(_fragments(document), field_item), max0
    )


def query_aliases(operation: OperationDefinitionNode, document: DocumentNode) -> int:
    def field_item(field: FieldNode) -> _Item:
        return _Item(1 if field.alias else 0, child=field.selection_set)

    return _fold(
        operation.selection_set, None, _untyped_plan(_fragments(document), field_item), sum
    )


def max0(values: Iterable[int]) -> int:
    return max(values, default=0)


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
    page_max: int,
    absent_first: int | None = None,
) -> int:
    """The static cost estimate described in the module docstring, for a validated document.

    `absent_first` is what a missing or null `first` counts as (default: `page_max`)."""
    missing = page_max if absent_first is None else absent_first
    fragments = _fragments(document)
    supplied = dict(variables or {})
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in supplied and definition.default_value is not None:
            supplied[name] = value_from_ast_untyped(definition.default_value)

    def first_of(field: FieldNode, declared_default: Any) -> int:
        for argument in field.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(0, int(value.value))
            if isinstance(value, VariableNode):
                given = _int_or_none(supplied.get(value.name.value))
                return missing if given is None else max(0, given)
            return missing  # null
        default = _int_or_none(declared_default)
        return missing if default is None else max(0, default)

    def plan(node: SelectionSetNode, parent: GraphQLNamedType | None) -> list[_Item]:
        items: list[_Item] = []
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                items.append(field_item(selection, parent))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                of_type = schema.get_type(condition.name.value) if condition else parent
                items.append(_Item(0, child=selection.selection_set, child_type=of_type))
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    of_type = schema.get_type(fragment.type_condition.name.value)
                    items.append(_Item(0, child=fragment.selection_set, child_type=of_type))
        return items

    def field_item(field: FieldNode, parent: GraphQLNamedType | None) -> _Item:
        if _is_introspection(field) or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return _Item(1)
        definition = parent.fields.get(field.name.value)
        if definition is None:
            return _Item(1)
        first = definition.args.get("first")
        if first is not None:
            factor = first_of(field, first.default_value)
        elif isinstance(get_nullable_type(definition.type), GraphQLList):
            factor = 1 if parent.name.endswith("Connection") else page_max
        else:
            factor = 1
        return _Item(1, factor, field.selection_set, get_named_type(definition.type))

    root_type = schema.get_root_type(operation.operation)
    return _fold(operation.selection_set, root_type, plan, sum)


# -- Validation rules (depth, aliases) ----------------------------------------------------------


def depth_rule(max_depth: int) -> type[ASTValidationRule]:
    class QueryDepthRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> Any:
            depth = query_depth(node, self.context.document)
            if depth > max_depth:
                self.report_error(limit_error("depth", depth, max_depth, "api_max_depth", node))
            return self.SKIP

    return QueryDepthRule


def alias_rule(max_aliases: int) -> type[ASTValidationRule]:
    class QueryAliasRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> Any:
            aliases = query_aliases(node, self.context.document)
            if aliases > max_aliases:
                self.report_error(
                    limit_error("alias count", aliases, max_aliases, "api_max_aliases", node)
                )
            return self.SKIP

    return QueryAliasRule


# -- The extension ------------------------------------------------------------------------------


@lru_cache(maxsize=PARSER_CACHE_SIZE)
def _parse(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _validate(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    hide_suggestions: bool,
) -> tuple[GraphQLError, ...]:
    rules = (*rules, MaybeNullValidationRule, OneOfInputValidationRule)
    return tuple(validate(schema, document, rules, hide_suggestions=hide_suggestions))


def _is_token_limit(error: GraphQLError, max_tokens: int) -> bool:
    return isinstance(error, GraphQLSyntaxError) and (
        f"more than {max_tokens} tokens" in error.message
    )


class QueryLimits(SchemaExtension):
    """Parse (cached, token-limited), validate (cached, with the depth and alias rules and, in
    production, without introspection or suggestions), then refuse an operation over the cost
    limit, all before execution starts."""

    def __init__(
        self,
        settings: Settings,
        rules: tuple[type[ASTValidationRule], ...],
        hide_suggestions: bool,
    ) -> None:
        self.max_tokens = settings.api_max_tokens
        self.max_cost = settings.api_max_cost
        self.page_max = settings.api_page_max
        self.rules = rules
        self.hide_suggestions = hide_suggestions

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = self.max_tokens
        context.validation_rules = (*context.validation_rules, *self.rules)
        yield

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            # On any error leave the document unset: Strawberry parses again, with the same
            # token limit, and turns the error into a response.
            with contextlib.suppress(Exception):
                context.graphql_document = _parse(context.query, self.max_tokens)
        yield
        for error in context.pre_execution_errors or ():
            if _is_token_limit(error, self.max_tokens):
                # The same object Strawberry returns, so rewrite it in place.
                refusal = limit_error("token count", None, self.max_tokens, "api_max_tokens")
                error.message = refusal.message
                error.extensions = refusal.extensions

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            schema = context.schema._schema
            errors = list(
                _validate(schema, document, context.validation_rules, self.hide_suggestions)
            )
            if not errors:
                errors = self._cost_errors(schema, document)
            context.pre_execution_errors = errors
        yield

    def _cost_errors(self, schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
        context = self.execution_context
        operation = get_operation_ast(document, context.operation_name)
        if operation is None:
            return []  # no such operation: execution says so
        # A missing `first` is served as the default page, so it is estimated as one.
        cost = query_cost(
            schema,
            document,
            operation,
            context.variables,
            self.page_max,
            absent_first=DEFAULT_PAGE,
        )
        if cost <= self.max_cost:
            return []
        return [limit_error("cost", cost, self.max_cost, "api_max_cost", operation)]
