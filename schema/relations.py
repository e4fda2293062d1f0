"""Helpers resolvers share: neighbours through the request's loaders, paged as connections."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from strawberry.types import Info

from graph.dataset import Props
from graph.statement import Statement
from schema.connection import Connection, slice_connection, window
from schema.context import Context
from schema.loaders import Neighbour

T = TypeVar("T")


async def outgoing(info: Info[Context, None], key: str, node_id: str) -> list[Neighbour]:
    return await info.context.loaders.outgoing(key).load(node_id)


async def incoming(info: Info[Context, None], key: str, node_id: str) -> list[Neighbour]:
    return await info.context.loaders.incoming(key).load(node_id)


async def custom(info: Info[Context, None], statement: Statement, node_id: str) -> list[Neighbour]:
    return await info.context.loaders.custom(statement).load(node_id)


async def one_outgoing(info: Info[Context, None], key: str, node_id: str) -> Props | None:
    found = await outgoing(info, key, node_id)
    return found[0].props if found else None


def paged(
    info: Info[Context, None],
    items: list[Neighbour],
    first: int | None,
    after: str | None,
    build: Callable[[Neighbour], T],
) -> Connection[T]:
    win = window(first, after, info.context.settings.api_page_max)
    return slice_connection(items, win, build)
