"""From an HTTP request's Authorization header to the Viewer it speaks as."""

from __future__ import annotations

from collections.abc import Mapping

from graph.store import GraphStore
from services.policy import ANONYMOUS, Viewer
from services.tokens import InvalidToken, resolve_token


class InvalidCredentials(Exception):
    """The request carried credentials that are not valid; it is refused, not downgraded."""


async def viewer_from_headers(headers: Mapping[str, str], store: GraphStore) -> Viewer:
    header = headers.get("authorization")
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidCredentials("Authorization must be `Bearer <token>`")
    try:
        return await resolve_token(store, token.strip())
    except InvalidToken as exc:
        raise InvalidCredentials(str(exc)) from exc
