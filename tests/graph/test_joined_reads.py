"""Reads by id from concurrent callers, joined into one statement (`graph.joined`), on the real
embedded FalkorDB: each caller gets its own rows, a read never answers from before a caller
asked, and a failure or a cancelled caller touches only what it should."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from graph.dataset import props_from
from graph.engine import Row
from graph.errors import GraphError
from graph.statement import Statement
from graph.statements import neighbours
from graph.store import GraphStore
from tests.graph.networks import small_network

CITIES = neighbours.NODES_BY_ID["City"]
COLUMNS = neighbours.VALUE_COLUMNS[CITIES.name]
COUNTRY = neighbours.OUTGOING["City-IN_COUNTRY-Country"]

Run = Callable[..., Awaitable[list[Row]]]


def counting(
    store: GraphStore, before: Callable[[Statement], Awaitable[None]] | None = None
) -> Counter[str]:
    """Counts the statements the store runs (each still runs on the engine); `before` runs
    ahead of each by-id read's answer is handed back."""
    ran: Counter[str] = Counter()
    run: Run = store.run

    async def counted(statement: Statement, **params: Any) -> list[Row]:
        ran[statement.name] += 1
        rows = await run(statement, **params)
        if before is not None and not statement.writes:
            await before(statement)
        return rows

    store.run = counted  # type: ignore[method-assign]
    return ran


async def read(store: GraphStore, ids: list[str]) -> list[Row]:
    """A caller: a task that waits on its read."""
    return await store.read_by_ids(CITIES, ids)


def keys(rows: list[Row]) -> list[str]:
    return [row["key"] for row in rows]


async def test_concurrent_reads_of_a_statement_are_one_statement_each_caller_its_rows(
    store: GraphStore,
) -> None:
    await store.write_data(small_network())
    ran = counting(store)
    one, two, none, again = await asyncio.gather(
        store.read_by_ids(CITIES, ["chiang-mai"]),
        store.read_by_ids(CITIES, ["bogota", "phuket"]),
        store.read_by_ids(CITIES, ["nowhere"]),
        store.read_by_ids(CITIES, ["chiang-mai", "chiang-mai"]),
    )
    assert ran == {CITIES.name: 1}
    assert keys(one) == ["chiang-mai"]
    assert sorted(keys(two)) == ["bogota", "phuket"]
    assert none == []
    assert keys(again) == ["chiang-mai"]
    # Alone, a caller's read is a statement of its own, as before.
    assert keys(await store.read_by_ids(CITIES, ["sukhothai"])) == ["sukhothai"]
    assert ran == {CITIES.name: 2}


async def test_a_neighbour_shared_by_callers_reaches_each_in_the_statements_order(
    store: GraphStore,
) -> None:
    await store.write_data(small_network())
    ran = counting(store)
    mine, theirs = await asyncio.gather(
        store.read_by_ids(COUNTRY, ["chiang-mai"]),
        store.read_by_ids(COUNTRY, ["phuket", "bogota"]),
    )
    assert ran == {COUNTRY.name: 1}
    assert [row["id"] for row in mine] == ["TH"]
    assert [row["id"] for row in theirs] == ["CO", "TH"]  # by neighbour id, as the statement
    # Thailand's row names every key of the read; each caller picks its own.
    assert set(mine[0]["keys"]) == {"chiang-mai", "phuket"}


async def test_ids_asked_during_a_read_wait_for_the_next_one_and_see_earlier_writes(
    store: GraphStore,
) -> None:
    await store.write_data(small_network())
    under_way, go_on = asyncio.Event(), asyncio.Event()

    async def hold(statement: Statement) -> None:
        if statement is CITIES and not under_way.is_set():
            under_way.set()
            await go_on.wait()

    ran = counting(store, hold)
    first = asyncio.create_task(read(store, ["chiang-mai"]))
    await under_way.wait()  # the first read has its rows, not yet handed back
    await store.upsert_nodes("City", [{"id": "chiang-mai", "name": "Chiang Mai (renamed)"}])
    second = asyncio.create_task(read(store, ["chiang-mai"]))
    await asyncio.sleep(0)
    go_on.set()
    old, new = await first, await second
    assert ran[CITIES.name] == 2  # the second caller did not join the read under way
    names = [props_from(COLUMNS, row["values"])["name"] for row in (*old, *new)]
    assert names == ["Chiang Mai", "Chiang Mai (renamed)"]


async def test_a_failed_read_fails_each_of_its_callers_and_the_next_read_is_fresh(
    store: GraphStore,
) -> None:
    await store.write_data(small_network())
    run: Run = store.run
    failures = iter([GraphError("the engine went away")])

    async def failing_once(statement: Statement, **params: Any) -> list[Row]:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return await run(statement, **params)

    store.run = failing_once  # type: ignore[method-assign]
    results = await asyncio.gather(
        store.read_by_ids(CITIES, ["chiang-mai"]),
        store.read_by_ids(CITIES, ["bogota"]),
        return_exceptions=True,
    )
    assert [str(r) for r in results] == ["the engine went away"] * 2
    assert keys(await store.read_by_ids(CITIES, ["bogota"])) == ["bogota"]


async def test_a_caller_that_goes_leaves_the_others_read_alone(store: GraphStore) -> None:
    await store.write_data(small_network())
    leaving = asyncio.create_task(read(store, ["chiang-mai"]))
    staying = asyncio.create_task(read(store, ["bogota"]))
    await asyncio.sleep(0)  # both joined the read
    leaving.cancel()
    assert keys(await staying) == ["bogota"]
    with pytest.raises(asyncio.CancelledError):
        await leaving
