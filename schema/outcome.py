"""How a service's answer becomes a GraphQL result: a refusal (`ServiceError`) becomes the union
member for it, its domain field path becomes the path of the argument or input field at fault
(`("start_year",)` → `["input", "startYear"]`), and the field names in its message are written
as the API writes them. A refusal without a field refuses the operation itself: its path is the
operation's name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from strawberry.types import Info

from schema.context import Context
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.loaders import Loaders
from schema.node import from_global_id
from services.errors import FieldPath, InvalidInput, Missing, Refused, ServiceError
from services.rules import name_of

Failure = ValidationError | NotFoundError | ForbiddenError
INPUT: FieldPath = ("input",)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def failure(
    exc: ServiceError,
    operation: str,
    *,
    prefix: FieldPath = INPUT,
    rename: Mapping[str, str] | None = None,
) -> Failure:
    renamed = rename or {}

    def name(part: str) -> str:
        return part if part.isdigit() else camel(renamed.get(part, part))

    field = [*prefix, *(name(p) for p in exc.field)] if exc.field else [operation]
    message = exc.render(name)
    if isinstance(exc, Missing):
        return NotFoundError(message=message, field=field, id=exc.id)
    if isinstance(exc, Refused):
        return ForbiddenError(message=message, field=field)
    return ValidationError(message=message, field=field)


async def outcome[T](
    info: Info[Context, None],
    operation: str,
    call: Callable[[], Awaitable[T]],
    success: Callable[[T], Any],
    *,
    prefix: FieldPath = INPUT,
    rename: Mapping[str, str] | None = None,
    writes: bool = True,
) -> Any:
    """Run a service call; a refusal becomes its union member (nothing was changed then).
    After a write the request's loaders start afresh, so the result (and any later field)
    reads what was just written."""
    try:
        done = await call()
    except ServiceError as exc:
        return failure(exc, operation, prefix=prefix, rename=rename)
    if writes:
        info.context.loaders = Loaders(info.context.store)
    return success(done)


def node_key(ref: str, label: str, path: FieldPath) -> str:
    """A reference by slug or by global id, as the key of a node of `label`."""
    decoded = from_global_id(ref)
    if decoded is None:
        return ref
    found, key = decoded
    if found != label:
        raise InvalidInput(f"`{name_of(path)}` {ref!r} is a {found}, not a {label}", path)
    return key


def node_keys(refs: list[Any], label: str, name: str) -> list[str]:
    return [node_key(str(ref), label, (name, str(i))) for i, ref in enumerate(refs)]
