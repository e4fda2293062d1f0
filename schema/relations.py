"""Relation resolvers: a node's neighbours through the request's loaders, as one, a list or a
connection page.

Each helper answers at once when the neighbours are already loaded (`schema.prefetch` loaded the
level), and otherwise returns an awaitable the executor awaits. A relation field is declared with
`metadata=via(statement)` naming the statement its resolver passes here, so the prefetch walk
knows what to load for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from graph.dataset import Props
from graph.statement import Statement
from graph.statements.neighbours import INCOMING, OUTGOING
from schema.connection import Connection, slice_connection, window
from schema.context import Context
from schema.prefetch import via

__all__ = ["INCOMING", "OUTGOING", "first_of", "many", "one", "page", "the_one", "via"]

T = TypeVar("T")


def one(
    info: Info[Context, None], statement: Statement, node_id: str, build: Callable[[Props], T]
) -> T | None:
    """The first neighbour (a city's country), or None."""
    loaders = info.context.loaders
    return _settle(
        info, statement, node_id, lambda found: loaders.build(build, found[0]) if found else None
    )


def the_one(
    info: Info[Context, None], statement: Statement, node_id: str, build: Callable[[Props], T]
) -> T:
    """The neighbour the model says is always there (a target's goal)."""

    def first(found: list[Props]) -> T:
        if not found:
            raise LookupError(f"{node_id!r} has no neighbour through {statement.name}")
        return info.context.loaders.build(build, found[0])

    return _settle(info, statement, node_id, first)


async def first_of(info: Info[Context, None], statement: Statement, node_id: str) -> Props | None:
    """The first neighbour's properties, awaited (for a check inside a resolver)."""
    loaders = info.context.loaders
    found = loaders.loaded(statement, node_id)
    if found is None:
        found = await loaders.custom(statement).load(node_id)
    return found[0] if found else None


def many(
    info: Info[Context, None], statement: Statement, node_id: str, build: Callable[[Props], T]
) -> list[T]:
    """Every neighbour, as a plain list (a project's SDG targets)."""
    loaders = info.context.loaders
    return _settle(info, statement, node_id, lambda found: [loaders.build(build, p) for p in found])


def page(
    info: Info[Context, None],
    statement: Statement,
    node_id: str,
    first: int | None,
    after: str | None,
    build: Callable[[Props], T],
    order: Callable[[Props], Any] | None = None,
) -> Connection[T]:
    """The neighbours as a connection page (by id, or by `order`); a bad window is an error
    before any loading."""
    win = window(first, after, info.context.api.page_max)

    loaders = info.context.loaders

    def made(props: Props) -> T:
        return loaders.build(build, props)

    def sliced(found: list[Props]) -> Connection[T]:
        return slice_connection(sorted(found, key=order) if order else found, win, made)

    return _settle(info, statement, node_id, sliced)


def _settle(
    info: Info[Context, None],
    statement: Statement,
    node_id: str,
    then: Callable[[list[Props]], T],
) -> T:
    """`then(neighbours)` now when they are loaded, else an awaitable of it.

    graphql-core awaits a resolver's result when it is awaitable, so the annotation says `T`
    (what the schema shows) for both."""
    loaders = info.context.loaders
    loaded = loaders.loaded(statement, node_id)
    if loaded is not None:
        return then(loaded)
    return cast(T, _later(loaders.custom(statement), node_id, then))


async def _later(
    loader: DataLoader[str, list[Props]], node_id: str, then: Callable[[list[Props]], T]
) -> T:
    return then(await loader.load(node_id))
