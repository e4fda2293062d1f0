"""The refusals every operation of the network shares, in its own words.

A refusal names the culprit by its domain field path (`("start_year",)`, `("cities", "2")` for
the third city) and mentions fields in its message between backticks (`` `end_year` must not be
before `start_year` (2019) ``). Each entry point renders both in its own words: GraphQL as input
paths and camelCase names (`endYear`), the bot as the labels of its form. Nothing was changed
when one is raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

FieldPath = tuple[str, ...]
_NAMED = re.compile(r"`([a-z][a-z0-9_]*)`")


def field(*parts: str | int) -> FieldPath:
    """A domain field path: `field("cities", 2)` is `("cities", "2")`."""
    return tuple(str(p) for p in parts)


def plain(name: str) -> str:
    return name


class ServiceError(Exception):
    """A request the network's rules refuse; nothing was changed."""

    def __init__(self, message: str, path: Sequence[str | int] = ()) -> None:
        super().__init__(message)
        self.template = message
        self.field: FieldPath = field(*path)

    @property
    def message(self) -> str:
        return self.render()

    def render(self, name: Callable[[str], str] = plain) -> str:
        """The message with each backticked field name written as `name` writes it."""
        return _NAMED.sub(lambda m: name(m.group(1)), self.template)

    def __str__(self) -> str:
        return self.render()


class InvalidInput(ServiceError):
    """A value is not acceptable (which field, and why)."""


class Missing(ServiceError):
    """Something the request names does not exist."""

    def __init__(self, message: str, path: Sequence[str | int], id: str) -> None:
        super().__init__(message, path)
        self.id = id


class Refused(ServiceError):
    """The caller may not do this. Without a field, the operation itself is refused."""
