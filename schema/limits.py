"""Query limits, all checked before any resolver runs.

- tokens: the parser stops at `api_max_tokens` lexical tokens (comments count too);
- depth: the longest chain of nested fields, leaves included (`{ a { b } }` is 2), fragments
  expanded, introspection fields (`__schema`, `__type`) not entered;
- aliases: aliased fields in the operation, counted once per place a fragment is spread;
- cost: a static estimate from the document and the request's variables. Every field costs 1;
  a field with a `first` argument multiplies its subtree by `first` (the page maximum when it is
  absent or null); a list field without `first` multiplies its subtree by the page maximum,
  except the `edges`/`nodes` lists of a connection, which the connection field already paid for,
  and a list declared with `metadata=bounded(n)` (at most n items: a score's parts, its reasons),
  which multiplies by n.

Depth and aliases are validation rules, so they are cached with the rest of validation; tokens
ride on the parser; cost depends on variables, so it runs right after (cached) validation, and is
cached per query text, operation and the values the variables give `first` arguments.
Every refusal names the limit and the setting that raises it, e.g.
`query cost 12,400 exceeds the limit of 5,000 (UCCN_API_MAX_COST)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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
    specified_rules,
    validate,
    value_from_ast_untyped,
)
from graphql.language import Node
from graphql.utilities import get_operation_ast

# Strawberry adds these two to every validation it runs itself; we validate here instead
# (to hide suggestions in production), so we add them too.
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.types import ExecutionContext

from schema.config import ApiConfig
from schema.connection import DEFAULT_PAGE

LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"
# Bounded LRU caches, one set per schema, shared by its requests (keyed by the query text).
PARSER_CACHE_SIZE = 512
COST_CACHE_SIZE = 1024


MAX_ITEMS = "uccn.max_items"


def bounded(items: int) -> dict[str, object]:
    """Field metadata: this list never holds more than `items` (what the cost counts)."""
    return {MAX_ITEMS: items}


def _bound(definition: Any) -> int | None:
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    value = getattr(strawberry_field, "metadata", {}).get(MAX_ITEMS)
    return value if isinstance(value, int) else None


SETTINGS_PREFIX = "UCCN_"  # how the hub's settings are named in the environment


def setting_env(field: str) -> str:
    """The environment variable that sets a limit: `api_max_cost` → `UCCN_API_MAX_COST`."""
    return f"{SETTINGS_PREFIX}{field}".upper()


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
            bound = _bound(definition)
            if bound is not None:
                factor = bound
            else:
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


# -- The gate ------------------------------------------------------------------------------------


def _is_token_limit(error: GraphQLError, max_tokens: int) -> bool:
    return isinstance(error, GraphQLSyntaxError) and (
        f"more than {max_tokens} tokens" in error.message
    )


@dataclass(slots=True)
class _Document:
    """A parsed query text, and once asked for, its validation errors (the same for every
    request with that text: rules and schema are fixed when the gate is made)."""

    document: DocumentNode
    errors: tuple[GraphQLError, ...] | None = None


# What a request's variables give the cost estimate, per declared variable: its integer value,
# None for any other value (null included), or ABSENT when it is not supplied (its default, if
# any, then applies).
ABSENT = "absent"
FirstValue = int | str | None


class QueryLimits:
    """Parse (cached, token-limited), validate (cached, with the depth and alias rules and, in
    production, without introspection or suggestions), then refuse an operation over the cost
    limit, all before execution starts. `HubSchema` runs it in place of Strawberry's parse and
    validate steps.

    Every cache is a bounded LRU keyed by the query text (a string hashes once and compares
    fast, a document would be hashed whole on every look-up): the parsed document with its
    validation errors, and the cost estimate per (text, operation name, the `first`-like
    values the request's variables supply), so a document sent with other variables is judged
    again with them.
    """

    def __init__(
        self,
        schema: GraphQLSchema,
        api: ApiConfig,
        rules: tuple[type[ASTValidationRule], ...],
        hide_suggestions: bool,
    ) -> None:
        self.schema = schema
        self.max_tokens = api.max_tokens
        self.max_cost = api.max_cost
        self.page_max = api.page_max
        # Strawberry's defaults (graphql-core's rules, and the two it adds itself), then ours.
        self.rules = (
            *specified_rules,
            *rules,
            MaybeNullValidationRule,
            OneOfInputValidationRule,
        )
        self.hide_suggestions = hide_suggestions
        self._document = lru_cache(maxsize=PARSER_CACHE_SIZE)(self._parse)
        self._cost = lru_cache(maxsize=COST_CACHE_SIZE)(self._estimate)

    def _parse(self, query: str) -> _Document:
        return _Document(parse(query, max_tokens=self.max_tokens))

    def parse(self, context: ExecutionContext) -> None:
        """Set the context's document (unless one is set), from the cache when the text was
        seen before; a syntax error is raised, a token limit one naming the setting."""
        if context.graphql_document is not None or not context.query:
            return
        try:
            context.graphql_document = self._document(context.query).document
        except GraphQLError as error:
            self.name_token_limit([error])
            raise

    def name_token_limit(self, errors: Iterable[GraphQLError]) -> None:
        """A parser's "more than N tokens" error, rewritten in place to name the setting."""
        for error in errors:
            if _is_token_limit(error, self.max_tokens):
                refusal = limit_error("token count", None, self.max_tokens, "api_max_tokens")
                error.message = refusal.message
                error.extensions = refusal.extensions

    def validate(self, context: ExecutionContext) -> None:
        """Validation errors, else the cost refusal if any, as the context's pre-execution
        errors (an empty list when the operation may run)."""
        document = context.graphql_document
        if document is None or context.pre_execution_errors is not None:
            return
        query = context.query
        if query is None:  # a document given without text: nothing to key a cache on
            context.pre_execution_errors = list(self._validate(document))
            if not context.pre_execution_errors:
                context.pre_execution_errors = self._cost_errors_uncached(context, document)
            return
        parsed = self._document(query)
        if parsed.document is not document:  # the text's document was replaced: judge it
            errors = self._validate(document)
            cost = self._cost_uncached(context, document)
        else:
            if parsed.errors is None:
                parsed.errors = self._validate(document)
            errors = parsed.errors
            cost = (
                None
                if errors
                else self._cost(
                    query, context.operation_name, self._first_values(context, document)
                )
            )
        if errors:
            context.pre_execution_errors = list(errors)
            return
        context.pre_execution_errors = self._refusal(cost, document, context.operation_name)

    def _validate(self, document: DocumentNode) -> tuple[GraphQLError, ...]:
        return tuple(
            validate(self.schema, document, self.rules, hide_suggestions=self.hide_suggestions)
        )

    # The cost depends on the variables only through the integer values they give `first`
    # arguments: the key holds, for each variable the operation declares, its value when it is
    # an integer and None otherwise (what `query_cost` reads of it).

    @staticmethod
    def _first_values(context: ExecutionContext, document: DocumentNode) -> tuple[FirstValue, ...]:
        variables = context.variables
        if not variables:
            return ()
        operation = get_operation_ast(document, context.operation_name)
        if operation is None or not operation.variable_definitions:
            return ()
        return tuple(
            _int_or_none(variables[name]) if name in variables else ABSENT
            for name in (d.variable.name.value for d in operation.variable_definitions)
        )

    def _estimate(
        self, query: str, operation_name: str | None, firsts: tuple[FirstValue, ...]
    ) -> int | None:
        document = self._document(query).document
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            return None  # no such operation: execution says so
        names = [d.variable.name.value for d in operation.variable_definitions or ()]
        variables = {n: v for n, v in zip(names, firsts, strict=False) if v != ABSENT}
        # A missing `first` is served as the default page, so it is estimated as one.
        return query_cost(
            self.schema, document, operation, variables, self.page_max, absent_first=DEFAULT_PAGE
        )

    def _cost_uncached(self, context: ExecutionContext, document: DocumentNode) -> int | None:
        operation = get_operation_ast(document, context.operation_name)
        if operation is None:
            return None
        return query_cost(
            self.schema,
            document,
            operation,
            context.variables,
            self.page_max,
            absent_first=DEFAULT_PAGE,
        )

    def _cost_errors_uncached(
        self, context: ExecutionContext, document: DocumentNode
    ) -> list[GraphQLError]:
        return self._refusal(
            self._cost_uncached(context, document), document, context.operation_name
        )

    def _refusal(
        self, cost: int | None, document: DocumentNode, operation_name: str | None
    ) -> list[GraphQLError]:
        if cost is None or cost <= self.max_cost:
            return []
        operation = get_operation_ast(document, operation_name)
        return [limit_error("cost", cost, self.max_cost, "api_max_cost", operation)]
