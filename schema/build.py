"""The schema, assembled from its root types and the protections settings ask for.

Every environment: token, depth, alias and cost limits, refused before any resolver runs
(`schema.limits`); parser and validation caches; unexpected errors logged with the request id
(`schema.masking`). Production adds: no introspection, no "Did you mean …?" suggestions (in
validation and in variable coercion), and unexpected errors masked. (GraphiQL is switched off
by `hub.graphql_app`.)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from hub.settings import Environment, Settings
from schema.limits import QueryLimits, alias_rule, depth_rule
from schema.masking import RequestIdMasking, log_errors
from schema.query import Query


class HubSchema(strawberry.Schema):
    """Strawberry's schema, logging errors with the request id and, when asked, passing
    `hide_suggestions` on to execution (variable values are coerced there)."""

    def __init__(self, *args: Any, hide_suggestions: bool = False, **kwargs: Any) -> None:
        self.hide_suggestions = hide_suggestions
        super().__init__(*args, **kwargs)

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


def build_schema(
    settings: Settings, *, query: type = Query, mutation: type | None = None
) -> strawberry.Schema:
    production = settings.env is Environment.PRODUCTION
    rules: tuple[type[ASTValidationRule], ...] = (
        depth_rule(settings.api_max_depth),
        alias_rule(settings.api_max_aliases),
    )
    if production:
        rules = (*rules, NoSchemaIntrospectionCustomRule)
    # Factories, not instances: Strawberry builds fresh extensions for each request. The rule
    # classes are made once, here, so that validation results stay cacheable across requests.
    extensions: list[Callable[[], SchemaExtension]] = [
        partial(RequestIdMasking, mask=production),
        partial(QueryLimits, settings, rules, production),
    ]
    return HubSchema(
        query=query,
        mutation=mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
        hide_suggestions=production,
    )
