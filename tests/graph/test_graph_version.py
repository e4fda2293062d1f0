"""Every write statement bumps the graph's version in its own text, once per statement, and no
read does: what the API's response cache relies on to never serve an answer a write made old."""

from __future__ import annotations

import pytest

from graph.catalog import all_statements
from graph.dataset import GraphData
from graph.dialect import Dialect
from graph.errors import WriteMismatch
from graph.statement import BUMP_VERSION
from graph.store import GraphStore
from tests.graph.networks import small_network
from tests.graph.test_every_statement_runs import params_for


async def test_every_write_statement_bumps_the_version_once_and_no_read_does(
    store: GraphStore,
) -> None:
    await store.write_data(small_network())
    data = await store.read_data()
    writes = reads = 0
    for statement in all_statements():
        before = await store.version()
        await store.run(statement, **params_for(statement, data))
        after = await store.version()
        assert after.epoch == before.epoch, statement.name
        if statement.writes:
            # Upserts of several rows (four cities here) bump once, not once per row.
            assert after.version == before.version + 1, statement.name
            writes += 1
        else:
            assert after == before, statement.name
            reads += 1
    assert writes >= 30
    assert reads >= 60


def test_the_bump_is_in_the_text_each_engine_runs() -> None:
    for statement in all_statements():
        for dialect in Dialect:
            text = statement.text(dialect)
            assert text.startswith(BUMP_VERSION) == statement.writes, (statement.name, dialect)
            if statement.writes:  # the bump once, at the start, and nowhere else
                assert text.count(BUMP_VERSION) == 1, (statement.name, dialect)


async def test_a_write_of_many_batches_bumps_at_each_batch(store: GraphStore) -> None:
    assert (await store.version()).epoch is None  # never written
    store.batch_size = 2
    cities = [{"id": f"c{i}", "name": f"C{i}"} for i in range(5)]
    await store.write_data(GraphData(nodes={"City": cities}))
    first = await store.version()
    assert first.epoch is not None
    assert first.version == 3


async def test_a_graph_dropped_and_written_again_never_repeats_a_version(
    store: GraphStore,
) -> None:
    await store.upsert_nodes("City", [{"id": "a", "name": "A"}])
    before = await store.version()
    await store.drop_all()
    await store.setup_schema()
    await store.upsert_nodes("City", [{"id": "b", "name": "B"}])
    after = await store.version()
    assert after.version == before.version == 1
    assert after != before  # a new epoch


async def test_a_failed_write_undone_still_moves_the_version(store: GraphStore) -> None:
    """The undo log's own statements write, so they bump too: a reader that cached the graph
    with part of the failed write sees a newer version once it is undone."""
    await store.upsert_nodes("City", [{"id": "a", "name": "A"}])
    start = await store.version()
    data = GraphData(nodes={"City": [{"id": "b", "name": "B"}]})
    data.add_link("City-IN_COUNTRY-Country", "b", "nowhere")
    with pytest.raises(WriteMismatch):
        await store.write_data(data)
    assert await store.get("City", "b") is None
    assert (await store.version()).version > start.version + 1
