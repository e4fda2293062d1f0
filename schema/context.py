"""The per-request context every resolver receives, built by `HubGraphQL.get_context`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import GraphStore
from schema.config import ApiConfig
from schema.loaders import Loaders
from services.container import Services
from services.policy import Viewer


@dataclass(slots=True)
class Context:
    services: Services
    api: ApiConfig
    viewer: Viewer
    request_id: str
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        # DataLoaders live for one request: batching within it, no cache across callers.
        self.loaders = Loaders(self.services.store)

    @property
    def store(self) -> GraphStore:
        return self.services.store
