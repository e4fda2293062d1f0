"""The services over the real embedded FalkorDB, on the small seeded network of the API tests,
at a fixed date; callers of every role."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.store import GraphStore
from services.clock import FixedClock
from services.container import Services
from services.policy import ANONYMOUS, Role, Viewer
from tests.schema.conftest import seed_network

TODAY = dt.date(2026, 3, 2)
SECRETARIAT = Viewer(Role.SECRETARIAT)
RESEARCHER = Viewer(Role.RESEARCHER)
CHIANG_MAI = Viewer(Role.FOCAL_POINT, city="chiang-mai")
BOGOTA = Viewer(Role.FOCAL_POINT, city="bogota")
NOBODY = ANONYMOUS


@pytest.fixture
async def services(store: GraphStore) -> Services:
    await store.write_data(seed_network())
    return Services(store, clock=FixedClock.on(TODAY))


async def snapshot(services: Services) -> dict[str, object]:
    """The whole graph, comparable: equal before and after means nothing changed."""
    return (await services.store.read_data()).canonical()
