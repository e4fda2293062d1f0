"""Analytics are cached per graph version: computed once, never again while the network is the
same (even when it is read again), and afresh after a write, ours or another process's."""

from __future__ import annotations

from graph.dataset import GraphData
from graph.store import GraphStore
from services.analytics.index import NetworkIndex
from services.analytics.measures import Measure
from services.analytics.projection import Scope
from services.config import ServicesConfig
from services.container import Services
from services.policy import SECRETARIAT
from services.projects import NewProject
from tests.research.networks import Project


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_a_figure_is_computed_once_per_version(loaded: GraphStore) -> None:
    services = Services(loaded)
    index = services.core.network_index
    first = await services.analytics.stats(SECRETARIAT, Scope())
    again = await services.analytics.stats(SECRETARIAT, Scope())
    assert again is first
    assert (index.reads, index.computations) == (1, 1)
    await services.analytics.stats(SECRETARIAT, Scope(as_of=2015))
    await services.analytics.centrality(SECRETARIAT, Measure.BETWEENNESS, 5, Scope())
    await services.analytics.centrality(SECRETARIAT, Measure.BETWEENNESS, 3, Scope())
    assert (index.reads, index.computations) == (1, 3)


async def test_reading_the_same_network_again_recomputes_nothing(loaded: GraphStore) -> None:
    services = Services(loaded, ServicesConfig(analytics_ttl_s=0))  # read on every question
    index = services.core.network_index
    first = await services.analytics.communities(SECRETARIAT, Scope())
    again = await services.analytics.communities(SECRETARIAT, Scope())
    assert again is first
    assert (index.reads, index.computations) == (2, 1)


async def test_our_own_write_shows_at_once(loaded: GraphStore) -> None:
    services = Services(loaded)
    index = services.core.network_index
    before = await services.analytics.stats(SECRETARIAT, Scope())
    await services.projects.create(
        SECRETARIAT,
        NewProject(
            title="Andes to Lanna", start_year=2024, lead_city="bogota", cities=["chiang-mai"]
        ),
    )
    after = await services.analytics.stats(SECRETARIAT, Scope())
    assert (after.ties, after.isolated) == (before.ties + 1, before.isolated - 1)
    assert (index.reads, index.computations) == (2, 2)


async def test_another_process_write_shows_within_the_ttl(loaded: GraphStore) -> None:
    services = Services(loaded)
    clock = FakeClock()
    index = services.core.network_index = NetworkIndex(loaded, ttl_s=60, clock=clock)
    before = await services.analytics.stats(SECRETARIAT, Scope())
    extra = Project("pacific-bridge", 2023, ("bogota", "kanazawa"))
    data = GraphData()
    data.add_node(
        "PilotProject",
        {"id": extra.id, "title": "Pacific Bridge", "start_year": 2023, "status": "active"},
    )
    data.add_link("PilotProject-LED_BY-City", extra.id, "bogota")
    data.add_link("City-PARTICIPATES_IN-PilotProject", "kanazawa", extra.id)
    await loaded.write_data(data)  # as `uccn import` in another process would
    clock.now = 59
    assert (await services.analytics.stats(SECRETARIAT, Scope())).ties == before.ties
    clock.now = 61
    assert (await services.analytics.stats(SECRETARIAT, Scope())).ties == before.ties + 1
    assert (index.reads, index.computations) == (2, 2)
