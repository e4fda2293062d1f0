"""The analytics' read of the network: each city's projects arrive as one joined text (fewer
values for the client to parse), and come back exactly, however many and however long."""

from __future__ import annotations

import pytest

from graph.errors import GraphError
from graph.store import GraphStore
from services.analytics.network import read_network
from tests.research.networks import Network, Project


async def test_cities_in_many_projects_keep_every_one(store: GraphStore, network: Network) -> None:
    # Joined texts of many lengths: FalkorDB's `+` in a reduce dropped characters where a text
    # grew past 512 of them (the join uses `string.join` there).
    many = [
        Project(
            f"p{k:03d}-{'x' * (k % 23)}", 2015, tuple(network.cities[k % 7 + j].id for j in (0, 3))
        )
        for k in range(240)
    ]
    await store.write_data(
        Network(network.cities, [*network.projects, *many], network.institutions).data()
    )
    found = {p.id: p.cities for p in (await read_network(store)).projects}
    assert all(found[p.id] == tuple(sorted(p.cities)) for p in (*network.projects, *many))


async def test_a_project_id_holding_the_separator_is_refused_by_name(
    store: GraphStore, network: Network
) -> None:
    odd = Project("odd\x1fproject", 2015, ("kanazawa", "bogota"))
    await store.write_data(
        Network(network.cities, [*network.projects, odd], network.institutions).data()
    )
    with pytest.raises(GraphError, match="U\\+001F"):
        await read_network(store)
