"""The analytics' cache, per graph version.

The network is read in a few flat bulk statements into a `Network` whose fingerprint is a hash of
its content: that is the graph version the figures depend on. Each result is kept under
(fingerprint, what was asked), so a figure is computed once per version. The network is read
again after this process's own writes (`Core.written`) and when it is older than `ttl_s`
(writes by another process, such as `uccn import`); a re-read that finds the same fingerprint
keeps every result, so nothing is recomputed when nothing changed.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from graph.store import GraphStore
from services.analytics.network import Network, collector_paused, read_network
from services.analytics.projection import Projection, Scope, project

RESULTS_KEPT = 256  # results of one version (scopes × questions) kept, least recently used out


class Version:
    """One version of the network, as a computation sees it: its projections are computed once
    and shared by every figure of that version."""

    def __init__(self, network: Network, results: OrderedDict[Hashable, Any]) -> None:
        self.network = network
        self._results = results

    def projection(self, scope: Scope) -> Projection:
        key = (self.network.fingerprint, "projection", scope.key())
        found = self._results.get(key)
        if not isinstance(found, Projection):
            with collector_paused():
                found = self._results[key] = project(self.network, scope)
        return found


class NetworkIndex:
    """One per process, like the partner index; safe for concurrent requests."""

    def __init__(
        self, store: GraphStore, ttl_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self.clock = clock
        self._network: Network | None = None
        self._read_at = 0.0
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = asyncio.Lock()
        self.reads = 0  # how often the network was read from the graph
        self.computations = 0  # how many results were computed (not found in the cache)

    def invalidate(self) -> None:
        """The graph changed under this process's own writes: read it again on next use."""
        self._network = None

    async def network(self) -> Network:
        current = self._network
        if current is not None and self.clock() - self._read_at <= self.ttl_s:
            return current
        async with self._lock:
            current = self._network
            if current is None or self.clock() - self._read_at > self.ttl_s:
                fresh = await read_network(self.store)
                self.reads += 1
                if current is None or fresh.fingerprint != current.fingerprint:
                    self._results.clear()
                    current = fresh
                self._network, self._read_at = current, self.clock()
        return current

    async def result[T](self, key: Hashable, compute: Callable[[Version], T]) -> T:
        """`compute(version)` for the current version, computed at most once per version."""
        network = await self.network()
        full = (network.fingerprint, key)
        if full in self._results:
            self._results.move_to_end(full)
            found: T = self._results[full]
            return found
        async with self._lock:
            if full not in self._results:
                # Off the event loop: betweenness on ten thousand cities takes seconds.
                self._results[full] = await asyncio.to_thread(
                    compute, Version(network, self._results)
                )
                self.computations += 1
                while len(self._results) > RESULTS_KEPT:
                    self._results.popitem(last=False)
            value: T = self._results[full]
            return value
