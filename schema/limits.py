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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    StringValueNode,
    ValidationRule,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    parse,
    specified_rules,
    validate,
    value_from_ast_untyped,
)
from graphql.execution.values import get_variable_values
from graphql.language import Node
from graphql.utilities import get_operation_ast

# Strawberry adds these two to every validation it runs itself; we validate here instead
# (to hide suggestions in production), so we add them too.
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.types import ExecutionContext

from schema.cache import BoundedCache, text_weight
from schema.config import ApiConfig
from schema.connection import DEFAULT_PAGE
from services.exchange.values import text_problem

LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"
# Bounded LRU caches, one set per schema, shared by its requests (keyed by the query text),
# bounded by entries and by memory (`schema.cache`).
PARSER_CACHE_SIZE = 512
COST_CACHE_SIZE = 1024
PARSER_CACHE_BYTES = 16 * 2**20
COST_CACHE_BYTES = 8 * 2**20


MAX_ITEMS = "uccn.max_items"
WORK = "uccn.work"
# Units of work a field can declare, priced by `QueryLimits`: a node a neighbourhood may visit
# (the configured bound, per hop), and a hop a shortest-path search may take.
NEIGHBOURHOOD_NODE = "neighbourhood_node"
PATH_HOP = "path_hop"
PATH_HOP_COST = 50


def bounded(items: int) -> dict[str, object]:
    """Field metadata: this list never holds more than `items` (what the cost counts)."""
    return {MAX_ITEMS: items}


def work(argument: str, unit: str, most: int) -> dict[str, object]:
    """Field metadata: the field's own cost is `unit` times the value of `argument` (a walk's
    hops), not 1: what it makes the engine do grows with that value. Above `most` the field
    refuses the value itself (a ValidationError), so it is priced at `most`."""
    return {WORK: (argument, unit, most)}


def _metadata(definition: Any, key: str) -> Any:
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    return getattr(strawberry_field, "metadata", {}).get(key)


def _bound(definition: Any) -> int | None:
    value = _metadata(definition, MAX_ITEMS)
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
    units: Mapping[str, int] | None = None,
) -> int:
    """The static cost estimate described in the module docstring, for a validated document.

    `absent_first` is what a missing or null `first` counts as (default: `page_max`); `units`
    price the work fields declare with `work(...)` (a field declaring an unpriced unit costs 1).
    """
    prices = dict(units or {})
    missing = page_max if absent_first is None else absent_first
    fragments = _fragments(document)
    supplied = dict(variables or {})
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in supplied and definition.default_value is not None:
            supplied[name] = value_from_ast_untyped(definition.default_value)

    def int_argument(field: FieldNode, name: str, declared_default: Any) -> int | None:
        for argument in field.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(0, int(value.value))
            if isinstance(value, VariableNode):
                given = _int_or_none(supplied.get(value.name.value))
                return None if given is None else max(0, given)
            return None  # null
        default = _int_or_none(declared_default)
        return None if default is None else max(0, default)

    def first_of(field: FieldNode, declared_default: Any) -> int:
        given = int_argument(field, "first", declared_default)
        return missing if given is None else given

    def own_cost(field: FieldNode, definition: Any) -> int:
        declared = _metadata(definition, WORK)
        if declared is None:
            return 1
        name, unit, most = declared
        bound: int = most
        argument = definition.args.get(name)
        count = int_argument(field, name, argument.default_value if argument else None)
        return max(1, prices.get(unit, 1) * min(count or 1, bound))

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
        own = own_cost(field, definition)
        return _Item(own, factor, field.selection_set, get_named_type(definition.type))

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
    request with that text: rules and schema are fixed when the gate is made), and the
    operations (by the name a request gives) that declare no variables and passed every check:
    nothing a request adds can change that verdict, so it is not worked out again."""

    document: DocumentNode
    errors: tuple[GraphQLError, ...] | None = None
    may_run: set[str | None] = field(default_factory=set)


class QueryLimits:
    """Parse (cached, token-limited), validate (cached, with the depth and alias rules and, in
    production, without introspection or suggestions), coerce the request's variables exactly
    as execution will (a value that is no Int is refused as such, before any estimate), refuse
    query arguments holding text no engine stores, then refuse an operation over the cost
    limit, all before execution starts. `HubSchema` runs it in place of Strawberry's parse and
    validate steps.

    Every cache is an LRU bounded by entries and memory, keyed by the query text (a string
    hashes once and compares fast, a document would be hashed whole on every look-up): the
    parsed document with its validation errors, and the cost estimate per (text, operation
    name, the integer values the request's coerced variables supply), so a document sent with
    other variables is judged again with them.
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
        self.units = {NEIGHBOURHOOD_NODE: api.neighbourhood_max_nodes, PATH_HOP: PATH_HOP_COST}
        # Strawberry's defaults (graphql-core's rules, and the two it adds itself), then ours.
        self.rules = (
            *specified_rules,
            *rules,
            MaybeNullValidationRule,
            OneOfInputValidationRule,
        )
        self.hide_suggestions = hide_suggestions
        self.documents: BoundedCache[str, _Document] = BoundedCache(
            PARSER_CACHE_SIZE, PARSER_CACHE_BYTES
        )
        self.costs: BoundedCache[tuple[str, str | None, tuple[int | None, ...]], int | None] = (
            BoundedCache(COST_CACHE_SIZE, COST_CACHE_BYTES)
        )

    def _document(self, query: str) -> _Document:
        return self.documents.get_or_compute(
            query, lambda: _Document(parse(query, max_tokens=self.max_tokens)), text_weight(query)
        )

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
        """Validation errors, else variable errors, else unstorable text in a query's
        arguments, else the cost refusal if any, as the context's pre-execution errors (an
        empty list when the operation may run)."""
        document = context.graphql_document
        if document is None or context.pre_execution_errors is not None:
            return
        query = context.query
        # The cached reading of this document; None without text, or when the text's document
        # was replaced (then this document is judged, and nothing is kept).
        parsed = self._document(query) if query is not None else None
        if parsed is not None and parsed.document is not document:
            parsed = None
        if parsed is not None:
            if context.operation_name in parsed.may_run:
                context.pre_execution_errors = []
                return
            if parsed.errors is None:
                parsed.errors = self._validate(document)
            errors: Sequence[GraphQLError] = parsed.errors
        else:
            errors = self._validate(document)
        if errors:
            context.pre_execution_errors = list(errors)
            return
        operation = get_operation_ast(document, context.operation_name)
        if operation is None:
            context.pre_execution_errors = []  # no such operation: execution says so
            return
        coerced = get_variable_values(
            self.schema,
            operation.variable_definitions or (),
            dict(context.variables or {}),
            hide_suggestions=self.hide_suggestions,
        )
        if isinstance(coerced, list):
            context.pre_execution_errors = coerced
            return
        values = coerced.coerced
        if operation.operation is OperationType.QUERY:
            unsafe = unsafe_arguments(operation, document, values)
            if unsafe:
                context.pre_execution_errors = unsafe
                return
        if parsed is not None:
            key = (query, context.operation_name, _int_values(operation, values))
            cost = self.costs.get_or_compute(
                key,  # type: ignore[arg-type]
                lambda: self._estimate(document, operation, values),
                text_weight(query),  # type: ignore[arg-type]
            )
        else:
            cost = self._estimate(document, operation, values)
        context.pre_execution_errors = refusal = self._refusal(cost, operation)
        if parsed is not None and not refusal and not operation.variable_definitions:
            parsed.may_run.add(context.operation_name)

    def _validate(self, document: DocumentNode) -> tuple[GraphQLError, ...]:
        return tuple(
            validate(self.schema, document, self.rules, hide_suggestions=self.hide_suggestions)
        )

    def _estimate(
        self,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
    ) -> int:
        # A missing `first` is served as the default page, so it is estimated as one.
        return query_cost(
            self.schema,
            document,
            operation,
            variables,
            self.page_max,
            absent_first=DEFAULT_PAGE,
            units=self.units,
        )

    def _refusal(self, cost: int | None, operation: OperationDefinitionNode) -> list[GraphQLError]:
        if cost is None or cost <= self.max_cost:
            return []
        return [limit_error("cost", cost, self.max_cost, "api_max_cost", operation)]


def _int_values(
    operation: OperationDefinitionNode, coerced: Mapping[str, Any]
) -> tuple[int | None, ...]:
    """What the cost can depend on in the variables: each declared one's integer value."""
    return tuple(
        _int_or_none(coerced.get(d.variable.name.value))
        for d in operation.variable_definitions or ()
    )


# -- Text no engine stores, in a query's arguments -----------------------------------------------


def unsafe_arguments(
    operation: OperationDefinitionNode, document: DocumentNode, variables: Mapping[str, Any]
) -> list[GraphQLError]:
    """An error for each argument of a query whose text holds a control character, a lone
    surrogate or a noncharacter: bad input, named, refused before any resolver runs. (Writes
    check their own inputs and answer with a ValidationError on the field.)"""
    fragments = _fragments(document)
    errors: list[GraphQLError] = []
    seen: set[int] = set()
    stack: list[SelectionSetNode] = [operation.selection_set]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                for argument in selection.arguments or ():
                    problem = _text_problem_in(argument.value, variables)
                    if problem:
                        name = argument.name.value
                        errors.append(
                            GraphQLError(
                                f"{name}: {problem}",
                                argument,
                                extensions={
                                    "code": "BAD_USER_INPUT",
                                    "argument": name,
                                    "field": selection.name.value,
                                },
                            )
                        )
                if selection.selection_set is not None:
                    stack.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    stack.append(fragment.selection_set)
    return errors


def _text_problem_in(value: ValueNode, variables: Mapping[str, Any]) -> str | None:
    if isinstance(value, VariableNode):
        return _python_text_problem(variables.get(value.name.value))
    if isinstance(value, StringValueNode):
        return text_problem(value.value)
    if isinstance(value, ListValueNode):
        return next((p for v in value.values if (p := _text_problem_in(v, variables))), None)
    if isinstance(value, ObjectValueNode):
        return next((p for f in value.fields if (p := _text_problem_in(f.value, variables))), None)
    return None


def _python_text_problem(value: Any) -> str | None:
    """The first unstorable text in a coerced variable value (lists and inputs walked)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if problem := text_problem(item):
                return problem
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):  # an input object, as graphql-core coerces one
            stack.extend(item.values())
    return None
