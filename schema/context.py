"""The per-request context every resolver receives, built by `HubGraphQL.get_context`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import GraphStore
from hub.policy import Viewer
from hub.settings import Settings
from schema.loaders import Loaders


@dataclass(slots=True)
class Context:
    store: GraphStore
    settings: Settings
    viewer: Viewer
    request_id: str
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        # DataLoaders live for one request: batching within it, no cache across callers.
        self.loaders = Loaders(self.store)
