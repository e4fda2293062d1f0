"""The output of `services.synth.generate` loads into the store, alone or over the real
reference data, and reads back as written."""

from __future__ import annotations

from collections import Counter

from graph.dataset import GraphData
from graph.model import REL_BY_KEY
from graph.store import GraphStore
from services.synth import generate


async def test_standalone_output_loads(store: GraphStore) -> None:
    data = generate(cities=40, seed=11)
    written = await store.write_data(data)
    assert written == (data.node_count(), data.link_count())
    counts = await store.counts()
    assert counts.nodes == {label: len(rows) for label, rows in data.nodes.items()}
    expected_types = Counter[str]()
    for key, links in data.links.items():
        expected_types[REL_BY_KEY[key].type] += len(links)
    assert counts.relationships == dict(expected_types)


async def test_output_loads_over_the_real_reference(store: GraphStore, real: GraphData) -> None:
    data = generate(cities=40, seed=12, reference=real)
    await store.write_data(real)
    await store.write_data(data)
    counts = await store.counts()
    for label in set(real.nodes) | set(data.nodes):
        expected = len(real.nodes.get(label, [])) + len(data.nodes.get(label, []))
        assert counts.nodes[label] == expected, label
    assert sum(counts.relationships.values()) == real.link_count() + data.link_count()
    city = data.nodes["City"][0]
    stored = await store.get("City", city["id"])
    assert stored is not None
    assert stored["generated"] is True
    assert stored["languages"] == city["languages"]
