"""The research tests' graph: the hand-made network of `networks.two_clusters`, in the real
embedded store."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from tests.research.networks import Network, two_clusters


@pytest.fixture
def network() -> Network:
    return two_clusters()


@pytest.fixture
async def loaded(store: GraphStore, network: Network) -> GraphStore:
    await store.write_data(network.data())
    return store
