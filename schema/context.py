"""The per-request context every resolver receives, built by `HubGraphQL.get_context`."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import GraphStore


@dataclass(slots=True)
class Context:
    store: GraphStore
