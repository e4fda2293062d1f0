"""Every text a mutation takes, an id or a list item as much as a title, is refused with a
ValidationError on its field when it holds what no engine stores (issue 13, items 3 and 5;
`make fuzz` found `updateProject(input: {project: "\\u0000"})` answering an internal error)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.schema.conftest import SECRETARIAT, Api
from tests.schema.test_role_matrix import INPUTS

Path = tuple[str, ...]


def text_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    """The path of every string in an input, list items included."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_paths(item, (*path, str(index)))


def with_text(value: Any, path: Path, text: str) -> Any:
    if not path:
        return text
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        copy = list(value)
        copy[int(head)] = with_text(copy[int(head)], rest, text)
        return copy
    return {**value, head: with_text(value[head], rest, text)}


def _at(value: Any, path: Path) -> Any:
    for key in path:
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


CASES = [
    (mutation, path)
    for mutation, data in INPUTS.items()
    for path in text_paths(data)
    if not _at(data, path).isupper()  # enum values are refused by GraphQL itself
]


@pytest.mark.parametrize(("mutation", "path"), CASES, ids=[f"{m}:{'.'.join(p)}" for m, p in CASES])
@pytest.mark.parametrize("bad", ["\x00", "\x07", "\ufffe"], ids=["nul", "bel", "noncharacter"])
async def test_a_text_no_engine_stores_is_a_validation_error_on_its_field(
    api: Api, mutation: str, path: Path, bad: str
) -> None:
    data = INPUTS[mutation]
    value = _at(data, path)
    before = await api.snapshot()
    outcome = await api.call(SECRETARIAT, mutation, with_text(data, path, value[:2] + bad))
    assert outcome["__typename"] == "ValidationError", outcome
    assert outcome["field"] == ["input", *path], outcome
    assert await api.snapshot() == before


def test_the_cases_cover_the_ids_and_texts_of_every_mutation() -> None:
    assert {m for m, _ in CASES} == set(INPUTS)
    assert ("updateProject", ("project",)) in CASES
