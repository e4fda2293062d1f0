"""The graph the API and brain benchmarks run on: the real reference data, as `uccn load`
writes it, then `uccn synth --cities N` over it when asked, timed as one load."""

from __future__ import annotations

import time
from dataclasses import dataclass

from graph.store import GraphStore
from services.reference.dataset import load_reference_data
from services.reference.loading import load_reference
from services.synth import generate


@dataclass(frozen=True, slots=True)
class Loaded:
    nodes: int
    links: int
    seconds: float


async def load_graph(store: GraphStore, synth_cities: int | None, seed: int) -> Loaded:
    """The real reference data (`uccn load`), then `uccn synth --cities N` when asked."""
    started = time.perf_counter()
    nodes, links = await load_reference(store)
    if synth_cities:
        data = generate(cities=synth_cities, seed=seed, reference=load_reference_data())
        more = await store.write_data(data)
        nodes, links = nodes + more[0], links + more[1]
    return Loaded(nodes, links, time.perf_counter() - started)
