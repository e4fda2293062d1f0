"""Per-request DataLoaders: one graph query per relationship per level of a query."""

from __future__ import annotations

from graph.store import GraphStore


class Loaders:
    def __init__(self, store: GraphStore) -> None:
        self.store = store
