"""The request's loaders (`schema.loaders.Loaders`): lists read ahead are at hand without a
DataLoader future, and a neighbour many nodes share is built once per request."""

from __future__ import annotations

import asyncio
from typing import cast

from graph.statements import neighbours
from graph.store import GraphStore
from schema.loaders import Loaders
from tests.graph.networks import small_network

COUNTRY = neighbours.OUTGOING["City-IN_COUNTRY-Country"]


def loaders() -> Loaders:
    return Loaders(cast(GraphStore, None))  # nothing here reads the graph


def test_a_shared_neighbour_is_built_once_per_request() -> None:
    built: list[object] = []

    def build(props: dict[str, object]) -> object:
        built.append(props)
        return object()

    target = {"id": "11.4", "goal": 11, "title_en": "Protect heritage"}
    same_text = dict(target)  # equal, but another neighbour's properties
    request = loaders()
    first = request.build(build, target)
    assert request.build(build, target) is first
    assert request.build(build, same_text) is not first
    assert loaders().build(build, target) is not first  # another request builds its own
    assert built == [target, same_text, target]


def test_lists_read_ahead_are_at_hand_and_never_replace_loaded_ones() -> None:
    request = loaders()
    thailand = [{"id": "TH", "name": "Thailand"}]
    request.prime(COUNTRY, {"chiang-mai": thailand, "phuket": []})
    assert request.loaded(COUNTRY, "chiang-mai") is thailand
    assert request.loaded(COUNTRY, "phuket") == []
    assert request.loaded(COUNTRY, "bangkok") is None
    assert request.all_loaded(COUNTRY, ["chiang-mai", "phuket"]) == [thailand, []]
    assert request.all_loaded(COUNTRY, ["chiang-mai", "bangkok"]) is None
    request.prime(COUNTRY, {"chiang-mai": [{"id": "XX", "name": "Elsewhere"}]})
    assert request.loaded(COUNTRY, "chiang-mai") is thailand  # the first read answers


async def test_requests_reading_together_each_get_their_own_lists(store: GraphStore) -> None:
    """Two requests' loaders in the same moment: one statement (`graph.joined`), and a
    neighbour of both (Thailand) in each one's list for its own keys only."""
    await store.write_data(small_network())
    mine, theirs = Loaders(store), Loaders(store)
    a, b, city, none = await asyncio.gather(
        mine.outgoing("City-IN_COUNTRY-Country").load("chiang-mai"),
        theirs.outgoing("City-IN_COUNTRY-Country").load_many(["phuket", "bogota"]),
        theirs.node("City").load("phuket"),
        mine.node("City").load("nowhere"),
    )
    assert [c["id"] for c in a] == ["TH"]
    assert [[c["id"] for c in found] for found in b] == [["TH"], ["CO"]]
    assert city is not None
    assert city["name"] == "Phuket"
    assert none is None


async def test_a_request_reads_a_node_once(store: GraphStore) -> None:
    await store.write_data(small_network())
    request = Loaders(store)
    first = await request.node("City").load("phuket")
    await store.upsert_nodes("City", [{"id": "phuket", "name": "Phuket (renamed)"}])
    assert await request.node("City").load("phuket") is first  # as the request first saw it
    renamed = await Loaders(store).node("City").load("phuket")
    assert renamed is not None
    assert renamed["name"] == "Phuket (renamed)"
