"""A request's reads: one graph query per relationship per level of a GraphQL query (its
DataLoaders), nodes by id, lists read ahead; reads of the same statement by concurrent
requests are joined by the store (`graph.joined`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from graph.dataset import Props, props_from
from graph.engine import Row
from graph.statement import Statement
from graph.statements import neighbours
from graph.store import GraphStore

T = TypeVar("T")


class NodeReads:
    """A request's reads of one label's nodes by id. Reads asked in the same moment are one
    statement (`GraphStore.read_by_ids` joins them, with other requests' too), so no
    DataLoader is needed to batch them; an id asked again while its read is under way waits
    for that read, and its first answer is kept for the request."""

    def __init__(self, store: GraphStore, statement: Statement) -> None:
        self._store = store
        self._statement = statement
        self._columns = neighbours.VALUE_COLUMNS[statement.name]
        self._asked: dict[str, asyncio.Future[list[Row]]] = {}
        self._found: dict[str, Props | None] = {}

    async def load(self, key: str) -> Props | None:
        if key in self._found:
            return self._found[key]
        asked = self._asked.get(key)
        if asked is None:
            asked = self._asked[key] = self._store.read_by_ids(self._statement, (key,))
        rows = await asked
        props = props_from(self._columns, rows[0]["values"]) if rows else None
        return self._found.setdefault(key, props)


class Loaders:
    """Created for each request (never shared), so a cache never outlives its caller."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._loaders: dict[str, DataLoader[Any, Any]] = {}
        # Neighbour lists read ahead (a compiled read), by statement name and node id: plain
        # values, where priming a DataLoader makes a settled future for each.
        self._primed: dict[str, dict[str, list[Props]]] = {}
        self._built: dict[tuple[int, Any], tuple[Props, Any]] = {}
        self._nodes: dict[str, NodeReads] = {}

    def build(self, build: Callable[[Props], T], props: Props) -> T:
        """`build(props)`, once per request for each neighbour's properties: a neighbour many
        nodes share (an SDG target under most projects) is one object, read-only, shown under
        each of them. Keyed by the properties' identity, kept with them (ids are reused)."""
        key = (id(props), build)
        found = self._built.get(key)
        if found is not None and found[0] is props:
            made: T = found[1]
            return made
        made = build(props)
        self._built[key] = (props, made)
        return made

    def prime(self, statement: Statement, lists: dict[str, list[Props]]) -> None:
        """Lists read ahead for `statement`'s keys; a key already loaded or primed keeps its
        list (the loader and the earlier read answer for it)."""
        primed = self._primed.setdefault(statement.name, {})
        loader = self._loaders.get(statement.name)
        for key, found in lists.items():
            if key not in primed and (loader is None or loader.cache_map.get(key) is None):
                primed[key] = found

    def loaded(self, statement: Statement, key: str) -> list[Props] | None:
        """`key`'s list for `statement` if it is at hand (primed, or loaded and settled)."""
        primed = self._primed.get(statement.name)
        if primed is not None and (found := primed.get(key)) is not None:
            return found
        loader = self._loaders.get(statement.name)
        if loader is None:
            return None
        future = loader.cache_map.get(key)
        if future is None or not future.done() or future.cancelled() or future.exception():
            return None
        result: list[Props] = future.result()
        return result

    def all_loaded(self, statement: Statement, keys: Sequence[str]) -> list[list[Props]] | None:
        """Every key's list when all are at hand, else None."""
        lists: list[list[Props]] = []
        for key in keys:
            found = self.loaded(statement, key)
            if found is None:
                return None
            lists.append(found)
        return lists

    def outgoing(self, key: str) -> DataLoader[str, list[Props]]:
        return self._neighbours(neighbours.OUTGOING[key])

    def incoming(self, key: str) -> DataLoader[str, list[Props]]:
        return self._neighbours(neighbours.INCOMING[key])

    def node(self, label: str) -> NodeReads:
        reads = self._nodes.get(label)
        if reads is None:
            reads = self._nodes[label] = NodeReads(self.store, neighbours.NODES_BY_ID[label])
        return reads

    def custom(self, statement: Statement) -> DataLoader[str, list[Props]]:
        """Any statement shaped like the neighbour ones: `id`, `values`, `keys`."""
        return self._neighbours(statement)

    def _neighbours(self, statement: Statement) -> DataLoader[str, list[Props]]:
        if statement.name not in self._loaders:
            columns = neighbours.VALUE_COLUMNS[statement.name]

            async def load(ids: Sequence[str]) -> list[list[Props]]:
                rows = await self.store.read_by_ids(statement, ids)
                grouped: dict[str, list[Props]] = {i: [] for i in ids}
                for row in rows:  # by neighbour id, so each key's list is in that order too
                    props = props_from(columns, row["values"])  # shared by its keys: read-only
                    for key in row["keys"]:  # another request's keys too (`graph.joined`)
                        if (group := grouped.get(key)) is not None:
                            group.append(props)
                return [grouped[i] for i in ids]

            self._loaders[statement.name] = DataLoader(load_fn=load)
        return self._loaders[statement.name]
