"""The store contract: the same behaviour on every engine (FalkorDB always, Neo4j if reachable)."""

from __future__ import annotations

import pytest

from graph.dataset import Link
from graph.errors import WriteMismatch
from graph.store import GraphStore
from tests.graph.networks import small_network


async def test_schema_setup_is_idempotent(any_store: GraphStore) -> None:
    await any_store.setup_schema()
    await any_store.setup_schema()
    assert (await any_store.counts()).nodes == {}


async def test_write_then_read_back_the_same_graph(any_store: GraphStore) -> None:
    data = small_network()
    assert await any_store.write_data(data) == (data.node_count(), data.link_count())
    assert (await any_store.read_data()).canonical() == data.canonical()


async def test_reading_in_pages_of_one_or_two_reads_the_same_graph(
    any_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dumps continue after the last id of a page: across pages, a page that ends exactly
    at the last node, and start nodes without the relationship read the same graph."""
    data = small_network()
    await any_store.write_data(data)
    for page in (1, 2):
        monkeypatch.setattr("graph.store.DUMP_PAGE", page)
        assert (await any_store.read_data()).canonical() == data.canonical()


async def test_writing_twice_leaves_the_same_graph(any_store: GraphStore) -> None:
    data = small_network()
    await any_store.write_data(data)
    first = await any_store.counts()
    await any_store.write_data(data)
    assert await any_store.counts() == first
    assert first.nodes["City"] == 4
    assert first.relationships["IN_COUNTRY"] == 4


async def test_upsert_updates_properties_in_place(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    await any_store.upsert_nodes("City", [{"id": "phuket", "population": 79_000, "name": "Phuket"}])
    phuket = await any_store.get("City", "phuket")
    assert phuket is not None
    assert phuket["population"] == 79_000
    assert phuket["status"] == "member"  # untouched properties stay
    assert (await any_store.counts()).nodes["City"] == 4


async def test_property_types_survive(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    city = await any_store.get("City", "bogota")
    assert city == {
        "id": "bogota",
        "name": "Bogotá",
        "search_name": "bogota",
        "status": "member",
        "designation_year": 2017,
        "languages": ["th", "en"],
        "latitude": 18.79,
    }


async def test_missing_endpoint_is_named(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    with pytest.raises(WriteMismatch, match="City 'atlantis'"):
        await any_store.upsert_links("City-PARTICIPATES_IN-PilotProject", [Link("atlantis", "p1")])
    assert (await any_store.counts()).relationships["PARTICIPATES_IN"] == 2


async def test_existing_ids_and_get(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    assert await any_store.existing_ids("City", ["bogota", "nowhere", "phuket"]) == {
        "bogota",
        "phuket",
    }
    assert await any_store.get("City", "nowhere") is None


async def test_search_is_accent_and_case_insensitive(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    assert [i for i, _ in await any_store.search("City", "BOGOTA")] == ["bogota"]
    assert [i for i, _ in await any_store.search("City", "bogotá")] == ["bogota"]
    assert [i for i, _ in await any_store.search("City", "chiang")] == ["chiang-mai"]
    assert await any_store.search("City", "  -- ") == []


async def test_search_text_cannot_inject_query_syntax(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    # Words only reach the engine: an operator is a word to match, never syntax that widens the
    # search (an injected OR or wildcard would find every city).
    expected = {
        "bog' OR 1=1 //": [],
        "@name:{*}": [],
        "phuket) | (*": ["phuket"],
        '\\"chiang': ["chiang-mai"],
        "* | -phuket": ["phuket"],  # a negation would leave phuket out
        "%": [],
        "chiang* mai~": ["chiang-mai"],
    }
    found = {text: [i for i, _ in await any_store.search("City", text)] for text in expected}
    assert found == expected


async def test_cooperation_path_through_shared_projects(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    [path] = await any_store.cooperation_path("chiang-mai", "phuket", max_hops=4)
    assert [n["id"] for n in path["nodes"]] == ["chiang-mai", "p1", "bogota", "p2", "phuket"]
    assert path["types"] == ["LED_BY", "PARTICIPATES_IN", "LED_BY", "PARTICIPATES_IN"]


async def test_cooperation_path_respects_max_hops_and_absence(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    assert await any_store.cooperation_path("chiang-mai", "phuket", max_hops=3) == []
    assert await any_store.cooperation_path("chiang-mai", "sukhothai", max_hops=6) == []


async def test_counts_per_label_and_type(any_store: GraphStore) -> None:
    await any_store.write_data(small_network())
    counts = await any_store.counts()
    assert counts.nodes == {"Region": 1, "Country": 2, "City": 4, "PilotProject": 2}
    assert counts.relationships == {
        "IN_COUNTRY": 4,
        "IN_REGION": 1,
        "LED_BY": 2,
        "PARTICIPATES_IN": 2,
    }


async def test_unknown_label_is_refused_before_the_engine(any_store: GraphStore) -> None:
    with pytest.raises(KeyError, match="unknown label 'Robot'"):
        await any_store.upsert_nodes("Robot", [{"id": "r"}])
    with pytest.raises(KeyError, match="unknown relationship"):
        await any_store.upsert_links("City-LIKES-City", [Link("a", "b")])


async def test_ping_names_the_engine(any_store: GraphStore) -> None:
    assert any_store.dialect.value in (await any_store.ping()).lower().replace(" ", "")
