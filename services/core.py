"""What every service shares: the store, the configuration, the clock, the recommendation index,
the analytics' network index, and what must follow a write (`after_write`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Concatenate

from graph.dataset import Props
from graph.store import GraphStore
from services.analytics.index import NetworkIndex
from services.clock import Clock
from services.config import ServicesConfig
from services.partner_index import PartnerIndex


class Core:
    def __init__(
        self,
        store: GraphStore,
        config: ServicesConfig,
        clock: Clock,
        index: PartnerIndex,
        network_index: NetworkIndex | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.partner_index = index
        self.network_index = network_index or NetworkIndex(store, config.analytics_ttl_s)

    def written(self) -> None:
        """The graph changed through this process: recommendations and analytics read the new
        graph."""
        self.partner_index.invalidate()
        self.network_index.invalidate()


class Service:
    """A group of operations of the network over the shared core."""

    def __init__(self, core: Core) -> None:
        self.core = core

    @property
    def store(self) -> GraphStore:
        return self.core.store


def after_write[S: Service, **P, T](
    method: Callable[Concatenate[S, P], Coroutine[Any, Any, T]],
) -> Callable[Concatenate[S, P], Coroutine[Any, Any, T]]:
    """Marks an operation that writes: once it succeeded, what follows a write happens."""

    @functools.wraps(method)
    async def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        result = await method(self, *args, **kwargs)
        self.core.written()
        return result

    return wrapper


@dataclass(frozen=True, slots=True)
class Written:
    """The node as stored after the write; `created` is False when it was there already."""

    props: Props
    created: bool = True
