"""Per-request DataLoaders: one graph query per relationship per level of a GraphQL query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from graph.dataset import Props
from graph.statement import Statement
from graph.statements import neighbours
from graph.store import GraphStore


class Loaders:
    """Created for each request (never shared), so a cache never outlives its caller."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._loaders: dict[str, DataLoader[Any, Any]] = {}

    def outgoing(self, key: str) -> DataLoader[str, list[Props]]:
        return self._neighbours(neighbours.OUTGOING[key])

    def incoming(self, key: str) -> DataLoader[str, list[Props]]:
        return self._neighbours(neighbours.INCOMING[key])

    def node(self, label: str) -> DataLoader[str, Props | None]:
        statement = neighbours.NODES_BY_ID[label]
        if statement.name not in self._loaders:
            columns = neighbours.VALUE_COLUMNS[statement.name]

            async def load(ids: Sequence[str]) -> list[Props | None]:
                rows = await self.store.run(statement, ids=list(ids))
                found = {row["key"]: _props(columns, row["values"]) for row in rows}
                return [found.get(i) for i in ids]

            self._loaders[statement.name] = DataLoader(load_fn=load)
        return self._loaders[statement.name]

    def custom(self, statement: Statement) -> DataLoader[str, list[Props]]:
        """Any statement shaped like the neighbour ones: `id`, `values`, `keys`."""
        return self._neighbours(statement)

    def _neighbours(self, statement: Statement) -> DataLoader[str, list[Props]]:
        if statement.name not in self._loaders:
            columns = neighbours.VALUE_COLUMNS[statement.name]

            async def load(ids: Sequence[str]) -> list[list[Props]]:
                rows = await self.store.run(statement, ids=list(ids))
                grouped: dict[str, list[Props]] = {i: [] for i in ids}
                for row in rows:  # by neighbour id, so each key's list is in that order too
                    props = _props(columns, row["values"])  # shared by its keys: read-only
                    for key in row["keys"]:
                        grouped[key].append(props)
                return [grouped[i] for i in ids]

            self._loaders[statement.name] = DataLoader(load_fn=load)
        return self._loaders[statement.name]


def _props(columns: tuple[str, ...], values: list[Any]) -> Props:
    """A node's properties from its values in model order; absent ones are not there."""
    return {name: value for name, value in zip(columns, values, strict=True) if value is not None}
