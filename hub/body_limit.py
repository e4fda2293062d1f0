"""A request body is read up to a limit (`UCCN_API_MAX_BODY_BYTES`), never whole first: a
declared length over it is refused before a byte is read, and a body that streams past it
(chunked, or lying about its length) is refused as soon as it does."""

from __future__ import annotations

from starlette.types import Message, Receive, Scope


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The request body is larger than {limit:,} bytes (UCCN_API_MAX_BODY_BYTES)."
        )
        self.limit = limit


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def limited_receive(scope: Scope, receive: Receive, limit: int) -> Receive:
    """`receive`, counting the body's bytes; `BodyTooLarge` once they pass `limit`."""
    declared = declared_length(scope)
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        if declared is not None and declared > limit:
            raise BodyTooLarge(limit)
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message

    return counted
