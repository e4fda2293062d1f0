"""The GraphQL-over-HTTP rules the view follows (https://graphql.github.io/graphql-over-http/draft/):
response media type negotiation, the request's content type, and the request parameters."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# Both JSON media types, in the order that breaks a tie: `*/*` and a missing Accept header get
# the legacy `application/json`, as graphql-http's audits expect (spec, "Legacy watershed").
RESPONSE_MEDIA_TYPES = (JSON, GRAPHQL_RESPONSE_JSON)
# Clients send the same few Accept and Content-Type headers again and again: each is worked out
# once (bounded LRU caches: a header's value is the client's to choose).
HEADER_CACHE_SIZE = 256


def parse_media_type(value: str) -> tuple[str, dict[str, str]]:
    """`Type/Sub; k="v"` as ("type/sub", {"k": "v"}), lowercased but for parameter values."""
    media_type, *parameters = value.split(";")
    options: dict[str, str] = {}
    for parameter in parameters:
        key, _, option = parameter.partition("=")
        options[key.strip().lower()] = option.strip().strip('"')
    return media_type.strip().lower(), options


def _is_utf8(options: Mapping[str, str]) -> bool:
    """JSON is UTF-8; a charset parameter, when given, has to agree (spec, "Media Types")."""
    return options.get("charset", "utf-8").lower() in {"utf-8", "utf8"}


@lru_cache(maxsize=HEADER_CACHE_SIZE)
def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header, or None when it allows neither JSON type.

    Each type takes the quality of the most specific range that covers it (RFC 9110, 12.5.1);
    the best quality wins, then the more specific range, then the range listed first.
    """
    if accept is None or not accept.strip():
        return JSON
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for preference, media_type in enumerate(RESPONSE_MEDIA_TYPES):
        main_type = media_type.split("/")[0]
        match: tuple[int, float, int] | None = None  # (specificity, quality, position)
        for position, media_range in enumerate(accept.split(",")):
            name, options = parse_media_type(media_range)
            specificity = {media_type: 2, f"{main_type}/*": 1, "*/*": 0}.get(name)
            if specificity is None or not _is_utf8(options):
                continue
            try:
                quality = float(options.get("q", "1"))
            except ValueError:
                continue
            if match is None or specificity > match[0]:
                match = (specificity, quality, position)
        if match is None or match[1] <= 0:
            continue
        rank = (match[1], match[0], -match[2], -preference)
        if best is None or rank > best:
            best, chosen = rank, media_type
    return chosen


def check_request_content_type(content_type: str | None) -> None:
    """A POST body is JSON in UTF-8 (spec, "POST"); anything else is 415 Unsupported Media Type."""
    if content_type is None:
        raise HTTPException(415, "A POST request needs the header Content-Type: application/json.")
    if not _is_json_content_type(content_type):
        raise HTTPException(415, f"Unsupported content type {content_type!r}: use {JSON}.")


@lru_cache(maxsize=HEADER_CACHE_SIZE)
def _is_json_content_type(content_type: str) -> bool:
    media_type, options = parse_media_type(content_type)
    return media_type == JSON and _is_utf8(options)


MAX_JSON_DEPTH = 64  # arrays and objects within each other in one request's JSON


def json_depth(value: object) -> int:
    """How deeply arrays and objects nest in a decoded JSON value (walked without recursion)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth) for child in children)
    return deepest


def request_data(parameters: object, *, from_url: bool) -> GraphQLRequestData:
    """The request parameters, each of its own type, or 400 (spec, "Request Parameters")."""
    if json_depth(parameters) > MAX_JSON_DEPTH:
        raise HTTPException(400, f"The request's JSON nests deeper than {MAX_JSON_DEPTH} levels.")
    if not isinstance(parameters, dict):
        raise HTTPException(400, "The request body must be a JSON object.")
    query = parameters.get("query")
    if query is None:
        raise HTTPException(400, "The request has no `query` parameter.")
    if not isinstance(query, str):
        raise HTTPException(400, "The `query` parameter must be a string.")
    operation_name = parameters.get("operationName")
    if from_url and operation_name == "":
        operation_name = None  # spec, "GET": the empty string is as good as leaving it out
    if not isinstance(operation_name, str | None):
        raise HTTPException(400, "The `operationName` parameter must be a string or null.")
    variables: Any = parameters.get("variables")
    extensions: Any = parameters.get("extensions")
    for name, value in (("variables", variables), ("extensions", extensions)):
        if not isinstance(value, dict | None):
            raise HTTPException(400, f"The `{name}` parameter must be an object or null.")
    return GraphQLRequestData(
        query=query, variables=variables, operation_name=operation_name, extensions=extensions
    )


def is_request_error(result: ExecutionResult) -> bool:
    """The document did not parse or validate, the operation could not be chosen, or the
    variables did not coerce: nothing was executed, so the response has no `data` entry.

    A field error always has a path, so `data: null` from one stays a (partial) response.
    """
    if isinstance(result, PreExecutionError):
        return True
    errors: list[GraphQLError] = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)
