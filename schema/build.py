"""The schema, assembled from its root types and the protections its configuration asks for.

Every environment: token, depth, alias and cost limits, refused before any resolver runs
(`schema.limits`); parser, validation and cost caches; unexpected errors logged with the request
id (`schema.masking`). Production adds: no introspection, no "Did you mean …?" suggestions (in
validation and in variable coercion), and unexpected errors masked. (GraphiQL is switched off
by `hub.graphql_app`.)

The limits and the masking are built into `HubSchema` rather than added as Strawberry schema
extensions: an extension's hooks are wrapped in fresh context managers on every request, which
cost more than the cached checks themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError, NoSchemaIntrospectionCustomRule, execute
from strawberry.exceptions import MissingQueryError
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions.runner import SchemaExtensionsRunner
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType
from strawberry.utils.await_maybe import await_maybe

from schema.config import ApiConfig
from schema.execution import HubExecutor, lean_resolvers
from schema.limits import QueryLimits, alias_rule, depth_rule
from schema.masking import log_errors, mask_errors, request_id_in
from schema.prefetch import RelationIndex
from schema.query import Query


class HubSchema(strawberry.Schema):
    """Strawberry's schema with our pre-execution checks (`QueryLimits`: parse, validate, cost,
    all cached) in place of its parse and validate steps, errors logged with the request id and
    unexpected ones masked (production) or tagged with it (development), and, when asked,
    `hide_suggestions` passed on to execution (variable values are coerced there)."""

    def __init__(
        self,
        *args: Any,
        api: ApiConfig,
        rules: tuple[type[ASTValidationRule], ...],
        production: bool,
        library_execution: bool = False,
        **kwargs: Any,
    ) -> None:
        self.hide_suggestions = production
        self.mask = production
        if not library_execution:
            kwargs["execution_context_class"] = HubExecutor
        super().__init__(*args, **kwargs)
        if not library_execution and not self.exception_handlers:
            lean_resolvers(self._schema, self.config.info_class)
        # Strawberry's own `execute` where something hooks into it (the tests' library run).
        self.lean = not library_execution and not self.extensions and not self.directives
        self.limits = QueryLimits(self._schema, api, rules, hide_suggestions=production)
        self.relations = RelationIndex(self._schema)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors, execution_context)

    def _get_custom_context_kwargs(
        self, operation_extensions: dict[str, Any] | None = None, *, sync: bool = False
    ) -> dict[str, Any]:
        kwargs = super()._get_custom_context_kwargs(operation_extensions, sync=sync)
        if self.hide_suggestions:
            kwargs["hide_suggestions"] = True
        return kwargs

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        if not self.lean:
            # Strawberry's own steps, in its parameters' order.
            arguments = (variable_values, context_value, root_value, operation_name)
            result = await super().execute(
                query, *arguments, allowed_operation_types, operation_extensions
            )
            return self._masked(result, context_value)
        context = self._create_execution_context(
            query=query,
            allowed_operation_types=DEFAULT_ALLOWED_OPERATION_TYPES
            if allowed_operation_types is None
            else allowed_operation_types,
            variable_values=variable_values,
            context_value=context_value,
            root_value=root_value,
            operation_name=operation_name,
            operation_extensions=operation_extensions,
        )
        return self._masked(await self._execute_lean(context), context_value)

    async def _execute_lean(self, context: ExecutionContext) -> ExecutionResult:
        """Strawberry's `execute` for a schema without extensions or directives: the same steps
        (parse, operation type, validation and our checks, graphql-core's execution, errors
        logged once) without a runner of hooks nobody registered, each a context manager a
        request would enter and leave."""
        if not context.query and context.graphql_document is None:
            raise MissingQueryError
        try:
            errors = self._parse(context)
            if not errors:
                self._check_operation_type(context)
                self.limits.validate(context)
                errors = context.pre_execution_errors
            if errors:
                return self._settled(context, PreExecutionError(data=None, errors=errors))
            assert context.graphql_document is not None
            executed = await await_maybe(
                execute(
                    self._schema,
                    context.graphql_document,
                    root_value=context.root_value,
                    variable_values=context.variables,
                    operation_name=context.operation_name,
                    context_value=context.context,
                    is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type] # as Strawberry
                    executor_class=self.execution_context_class,
                    **self._get_custom_context_kwargs(context.operation_extensions),
                )
            )
        except (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError):
            raise
        except Exception as exc:
            return self._settled(
                context, PreExecutionError(data=None, errors=[_as_graphql_error(exc)])
            )
        if executed.errors:
            context.pre_execution_errors = executed.errors
            self._process_errors(executed.errors, context)
        result = ExecutionResult(data=executed.data, errors=executed.errors, extensions={})
        context.result = result
        return result

    def _settled(self, context: ExecutionContext, result: PreExecutionError) -> ExecutionResult:
        """A request refused before execution, as Strawberry settles it."""
        context.pre_execution_errors = result.errors
        self._process_errors(result.errors or [], context)
        result.extensions = {}
        context.result = result
        return result

    def execute_sync(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        result = super().execute_sync(
            query,
            variable_values=variable_values,
            context_value=context_value,
            root_value=root_value,
            operation_name=operation_name,
            allowed_operation_types=allowed_operation_types,
            operation_extensions=operation_extensions,
        )
        return self._masked(result, context_value)

    def _masked(self, result: ExecutionResult, context: object) -> ExecutionResult:
        """Errors are logged (`process_errors`) before this rewrites them for the client."""
        if result.errors:
            result.errors = mask_errors(result.errors, request_id_in(context), mask=self.mask)
        return result

    # Strawberry's parse-and-validate step, with ours inside its extension hooks.

    async def _prepare_operation_async(
        self, context: ExecutionContext, extensions_runner: SchemaExtensionsRunner
    ) -> PreExecutionError | None:
        if not context.query and context.graphql_document is None:
            raise MissingQueryError
        async with extensions_runner.parsing():
            errors = self._parse(context)
        if errors:
            return PreExecutionError(data=None, errors=errors)
        self._check_operation_type(context)
        async with extensions_runner.validation():
            self.limits.validate(context)
            if context.pre_execution_errors:
                return PreExecutionError(data=None, errors=context.pre_execution_errors)
        return None

    def _prepare_operation_sync(
        self, context: ExecutionContext, extensions_runner: SchemaExtensionsRunner
    ) -> ExecutionResult | None:
        if not context.query and context.graphql_document is None:
            raise MissingQueryError
        with extensions_runner.parsing():
            errors = self._parse(context)
        if not errors:
            self._check_operation_type(context)
            with extensions_runner.validation():
                self.limits.validate(context)
                errors = context.pre_execution_errors
        if not errors:
            return None
        self._process_errors(errors, context)
        return ExecutionResult(
            data=None, errors=errors, extensions=extensions_runner.get_extensions_results_sync()
        )

    def _parse(self, context: ExecutionContext) -> list[GraphQLError] | None:
        """Parse into the context; a syntax error becomes the context's pre-execution errors
        and is returned."""
        try:
            self.limits.parse(context)
        except GraphQLError as error:
            context.pre_execution_errors = [error]
        except Exception as error:
            context.pre_execution_errors = [GraphQLError(str(error), original_error=error)]
        else:
            return None
        return context.pre_execution_errors

    @staticmethod
    def _check_operation_type(context: ExecutionContext) -> None:
        try:
            operation_type = context.operation_type
        except RuntimeError as error:
            raise CannotGetOperationTypeError(context.operation_name) from error
        if operation_type not in context.allowed_operations:
            raise InvalidOperationTypeError(operation_type)


def _as_graphql_error(error: Exception) -> GraphQLError:
    return (
        error if isinstance(error, GraphQLError) else GraphQLError(str(error), original_error=error)
    )


def build_schema(
    api: ApiConfig,
    *,
    query: type = Query,
    mutation: type | None = None,
    library_execution: bool = False,
) -> strawberry.Schema:
    """The API's schema, run by `schema.execution`'s executor and lean resolvers; with
    `library_execution`, by Strawberry's and graphql-core's own (the tests compare them)."""
    production = api.production
    rules: tuple[type[ASTValidationRule], ...] = (
        depth_rule(api.max_depth),
        alias_rule(api.max_aliases),
    )
    if production:
        rules = (*rules, NoSchemaIntrospectionCustomRule)
    return HubSchema(
        query=query,
        mutation=mutation,
        config=StrawberryConfig(disable_field_suggestions=production),
        library_execution=library_execution,
        api=api,
        rules=rules,
        production=production,
    )
