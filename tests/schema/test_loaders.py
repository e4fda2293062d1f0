"""The request's loaders (`schema.loaders.Loaders`): lists read ahead are at hand without a
DataLoader future, and a neighbour many nodes share is built once per request."""

from __future__ import annotations

from typing import cast

from graph.statements import neighbours
from graph.store import GraphStore
from schema.loaders import Loaders

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
