"""How a mutation's write becomes its result: who may call first, then the write, then either
the success type or the union member for the refusal (nothing was changed then)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from strawberry.types import Info

from hub.policy import Viewer
from hub.write_rules import InvalidInput, Missing, Refused, WriteError
from schema.context import Context
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.loaders import Loaders
from schema.node import from_global_id

T = TypeVar("T")
Failure = ValidationError | NotFoundError | ForbiddenError
Gate = Callable[[Viewer, str], None]


def failure(exc: WriteError) -> Failure:
    field = list(exc.field)
    if isinstance(exc, Missing):
        return NotFoundError(message=exc.message, field=field, id=exc.id)
    if isinstance(exc, Refused):
        return ForbiddenError(message=exc.message, field=field)
    return ValidationError(message=exc.message, field=field)


async def outcome(
    info: Info[Context, None],
    gate: tuple[Gate, str],
    write: Callable[[], Awaitable[T]],
    success: Callable[[T], Any],
) -> Any:
    """Who may call at all is checked first (before any id is decoded); a refusal becomes its
    union member. After a write the request's loaders start afresh, so the result (and any
    later field) reads what was just written."""
    check, mutation = gate
    try:
        check(info.context.viewer, mutation)
        done = await write()
    except WriteError as exc:
        return failure(exc)
    info.context.loaders = Loaders(info.context.store)
    if info.context.partner_index is not None:
        info.context.partner_index.invalidate()  # recommendations read the new graph
    return success(done)


def node_key(ref: str, label: str, path: tuple[str, ...]) -> str:
    """A reference by slug or by global id, as the key of a node of `label`."""
    decoded = from_global_id(ref)
    if decoded is None:
        return ref
    found, key = decoded
    if found != label:
        raise InvalidInput(f"{path[-1]} {ref!r} is a {found}, not a {label}", path)
    return key
