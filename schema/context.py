"""The per-request context every resolver receives, built by `HubGraphQL.get_context`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import GraphStore
from hub.partner_index import PartnerIndex
from hub.policy import Viewer
from hub.settings import Settings
from schema.loaders import Loaders


@dataclass(slots=True)
class Context:
    store: GraphStore
    settings: Settings
    viewer: Viewer
    request_id: str
    partner_index: PartnerIndex | None = None  # the app's; None: one for this request only
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        # DataLoaders live for one request: batching within it, no cache across callers.
        self.loaders = Loaders(self.store)

    def partners(self) -> PartnerIndex:
        if self.partner_index is None:
            self.partner_index = PartnerIndex(self.store, ttl_s=float("inf"))
        return self.partner_index
