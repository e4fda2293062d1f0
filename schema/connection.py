"""Cursor pagination: `first`/`after`, `pageInfo`, `totalCount`, opaque offset cursors."""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError

T = TypeVar("T")
DEFAULT_PAGE = 20
_CURSOR_PREFIX = "offset:"
_CURSOR_TEXT = re.compile(r"[A-Za-z0-9_-]{1,64}={0,2}")
_OFFSET = re.compile(rf"{_CURSOR_PREFIX}(0|[1-9][0-9]{{0,9}})")
# No list holds two billion items; a larger offset is forged, and would overflow the engines'
# 64-bit page arithmetic (`$skip + first`) into a wrong page.
MAX_OFFSET = 2**31 - 1


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type(description="A page of a list, with the total the filters match.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int
    # A plain field, filled with the edges: no resolver to run per connection.
    nodes: list[T] = strawberry.field(description="The page's nodes, without edges.")


@functools.lru_cache(maxsize=4096)
def cursor_for(offset: int) -> str:
    """The cursor of an offset (kept for the offsets pages start from: every edge has one)."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def offset_of(cursor: str) -> int:
    """The offset a cursor of ours holds. Parsed strictly: exactly what `cursor_for` writes
    (`offset:` and ASCII digits without sign, spaces, underscores or leading zeros), so every
    offset has one cursor and nothing else passes for one."""
    try:
        if not _CURSOR_TEXT.fullmatch(cursor):
            raise ValueError(cursor)
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        raise bad_input("after", f"{cursor!r} is not a cursor from this API") from None
    found = _OFFSET.fullmatch(text)
    if (
        found is None
        or int(found.group(1)) > MAX_OFFSET
        or cursor_for(int(found.group(1))) != cursor
    ):
        raise bad_input("after", f"{cursor!r} is not a cursor from this API")
    return int(found.group(1))


def bad_input(argument: str, reason: str) -> GraphQLError:
    return GraphQLError(
        f"{argument}: {reason}", extensions={"code": "BAD_USER_INPUT", "argument": argument}
    )


@dataclass(frozen=True, slots=True)
class Window:
    skip: int
    limit: int

    @property
    def end(self) -> int:
        return self.skip + self.limit


@functools.lru_cache(maxsize=1024)
def window(first: int | None, after: str | None, page_max: int) -> Window:
    """The slice a `first`/`after` pair asks for; out-of-range values are clear errors (never
    kept: only windows are, a few per page size, shared as they are immutable)."""
    size = DEFAULT_PAGE if first is None else first
    if size < 0 or size > page_max:
        raise bad_input("first", f"must be between 0 and {page_max} (got {size})")
    skip = offset_of(after) + 1 if after else 0
    return Window(skip, min(size, page_max))


def connection(page: Sequence[T], total: int, win: Window) -> Connection[T]:
    edges = [Edge(node=item, cursor=cursor_for(win.skip + i)) for i, item in enumerate(page)]
    return Connection(
        edges=edges,
        nodes=list(page),
        page_info=PageInfo(
            has_next_page=win.skip + len(page) < total,
            has_previous_page=win.skip > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def slice_connection(items: Sequence[Any], win: Window, build: Callable[[Any], T]) -> Connection[T]:
    """A connection over a list already loaded whole (a node's neighbours)."""
    return connection([build(item) for item in items[win.skip : win.end]], len(items), win)
