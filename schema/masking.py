"""Unexpected errors: logged with the request id, and masked for the client in production.

Expected failures are union result types in the schema, and deliberate `GraphQLError`s (bad
input, refused queries) are messages for the client: both pass through untouched. Anything else
a resolver raises is a bug or an outage. It reaches the client as
`{"message": "Internal error (request <id>)", "extensions": {"requestId": "<id>"}}` in
production; in development the message stays, with the request id added; in both the original
exception is logged with the same id, which the client also has in the `x-request-id` header.
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.types import ExecutionContext

log = logging.getLogger(__name__)

UNKNOWN_REQUEST = "unknown"


def request_id_of(execution_context: ExecutionContext | None) -> str:
    return request_id_in(execution_context.context if execution_context is not None else None)


def request_id_in(context: object) -> str:
    """The request id a context carries, or "unknown"."""
    request_id = getattr(context, "request_id", None)
    return request_id if isinstance(request_id, str) and request_id else UNKNOWN_REQUEST


def is_unexpected(error: GraphQLError) -> bool:
    """An exception that is not a GraphQL error: a bug or an outage, not a message for clients."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def internal_message(request_id: str) -> str:
    return f"Internal error (request {request_id})"


def log_errors(errors: list[GraphQLError], execution_context: ExecutionContext | None) -> None:
    """Log unexpected errors with their traceback and request id; client errors quietly."""
    request_id = request_id_of(execution_context)
    for error in errors:
        if is_unexpected(error):
            log.error(
                "unexpected error in request %s at %s: %s",
                request_id,
                ".".join(str(p) for p in error.path or ()) or "-",
                error.message,
                exc_info=error.original_error,
            )
        else:
            log.debug("request %s: %s", request_id, error.message)


def mask_errors(errors: list[GraphQLError], request_id: str, *, mask: bool) -> list[GraphQLError]:
    """The errors a client gets: unexpected ones masked (production) or with the request id
    added (development); the others as they are. `HubSchema` applies it to every result."""
    return [_rewrite(error, request_id, mask) for error in errors]


def _rewrite(error: GraphQLError, request_id: str, mask: bool) -> GraphQLError:
    if not is_unexpected(error):
        return error
    if mask:
        return GraphQLError(
            internal_message(request_id),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"requestId": request_id},
        )
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "requestId": request_id},
    )
