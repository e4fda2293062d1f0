"""Compiled reads (`graph.compiled`): a plan's one statement gives the neighbour lists the
neighbour statements give, for every path it knows, on the real embedded FalkorDB."""

from __future__ import annotations

import re

import pytest

from graph.compiled import PATHS, Plan, Relation, compile_plan, parameters, read_tree
from graph.dataset import Props
from graph.model import NODE_BY_LABEL
from graph.statement import Statement
from graph.statements import neighbours, traversal
from graph.store import GraphStore
from schema.loaders import Loaders
from tests.schema.fixtures_reading import synthetic_graph

__all__ = ["synthetic_graph"]

NEIGHBOUR_STATEMENTS: dict[str, Statement] = {
    s.name: s
    for s in (*neighbours.OUTGOING.values(), *neighbours.INCOMING.values(), *neighbours.TWO_HOP)
}


def start_label(name: str) -> str:
    """The label a neighbour statement starts from, read from its own text."""
    found = re.search(
        r"MATCH \((\w+):(\w+)\) WHERE \1\.id IN \$ids ", NEIGHBOUR_STATEMENTS[name].cypher
    )
    assert found is not None, name
    return found.group(2)


async def ids_of(store: GraphStore, label: str) -> list[str]:
    rows = await store.engine.read(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id", {})
    return [str(r["id"]) for r in rows]


async def loaded(store: GraphStore, statement: Statement, ids: list[str]) -> dict[str, list[Props]]:
    lists = await Loaders(store).custom(statement).load_many(ids)
    return {key: found for key, found in zip(ids, lists, strict=True) if found}


def test_every_neighbour_statement_has_a_path() -> None:
    assert set(PATHS) == set(NEIGHBOUR_STATEMENTS)
    for name, path in PATHS.items():
        assert path.label in NODE_BY_LABEL, name
        assert path.start == start_label(name), name


@pytest.mark.parametrize("name", sorted(PATHS))
async def test_one_relation_compiles_to_the_neighbour_statement_lists(
    synthetic_graph: GraphStore, name: str
) -> None:
    label = PATHS[name].start
    ids = await ids_of(synthetic_graph, label)
    plan = Plan(label, (Relation(name, Plan(PATHS[name].label)),))
    rows = await synthetic_graph.run(compile_plan(plan), ids=ids)
    compiled = {k: v for k, v in read_tree(plan, ids, rows).get(name, {}).items() if v}
    assert compiled == await loaded(synthetic_graph, NEIGHBOUR_STATEMENTS[name], ids)


async def test_a_nested_plan_fills_every_level(synthetic_graph: GraphStore) -> None:
    projects, targets, country = (
        neighbours.CITY_PROJECTS,
        neighbours.OUTGOING["PilotProject-ADDRESSES-SDGTarget"],
        neighbours.OUTGOING["City-IN_COUNTRY-Country"],
    )
    plan = Plan(
        "City",
        (
            Relation(country.name, Plan("Country")),
            Relation(
                projects.name, Plan("PilotProject", (Relation(targets.name, Plan("SDGTarget")),))
            ),
        ),
    )
    cities = (await ids_of(synthetic_graph, "City"))[:200]
    lists = read_tree(plan, cities, await synthetic_graph.run(compile_plan(plan), ids=cities))
    assert lists[country.name] == await loaded(synthetic_graph, country, cities) | {
        c: [] for c in cities if not lists[country.name].get(c)
    }
    assert {k: v for k, v in lists[projects.name].items() if v} == await loaded(
        synthetic_graph, projects, cities
    )
    shown = sorted({p["id"] for found in lists[projects.name].values() for p in found})
    assert shown, "the synthetic graph has projects"
    assert {k: v for k, v in lists[targets.name].items() if v} == await loaded(
        synthetic_graph, targets, shown
    )


def test_an_empty_plan_is_refused() -> None:
    with pytest.raises(ValueError, match="nothing to compile"):
        compile_plan(Plan("City"))


async def test_a_relation_reads_its_columns_and_the_required_ones(
    synthetic_graph: GraphStore,
) -> None:
    projects = neighbours.CITY_PROJECTS
    relation = Relation(projects.name, Plan("PilotProject"), ("summary",))
    assert relation.read() == ("id", "title", "summary", "start_year", "status")
    plan = Plan("City", (relation,))
    cities = (await ids_of(synthetic_graph, "City"))[:100]
    lists = read_tree(plan, cities, await synthetic_graph.run(compile_plan(plan), ids=cities))
    full = await loaded(synthetic_graph, projects, cities)
    assert full, "the synthetic graph has projects"
    for city, found in full.items():
        assert lists[projects.name][city] == [
            {k: v for k, v in p.items() if k in relation.read()} for p in found
        ]


def test_an_unknown_column_is_refused() -> None:
    relation = Relation(neighbours.CITY_PROJECTS.name, Plan("PilotProject"), ("titel",))
    with pytest.raises(ValueError, match=r"PilotProject has no properties \['titel'\]"):
        compile_plan(Plan("City", (relation,)))


async def test_a_window_feeds_the_level_below_only_the_page_it_shows(
    synthetic_graph: GraphStore,
) -> None:
    projects = neighbours.CITY_PROJECTS
    targets = neighbours.OUTGOING["PilotProject-ADDRESSES-SDGTarget"]
    cities = (await ids_of(synthetic_graph, "City"))[:300]
    for window in ((0, 1), (1, 3)):
        below = Plan("PilotProject", (Relation(targets.name, Plan("SDGTarget")),))
        plan = Plan("City", (Relation(projects.name, below, window=window),))
        rows = await synthetic_graph.run(compile_plan(plan), ids=cities, **parameters(plan))
        lists = read_tree(plan, cities, rows)
        full = await loaded(synthetic_graph, projects, cities)
        shown = {p["id"] for found in full.values() for p in found[window[0] : window[1]]}
        assert shown, "the synthetic graph has projects"
        assert set(lists[targets.name]) == shown
        assert {k: v for k, v in lists[targets.name].items() if v} == await loaded(
            synthetic_graph, targets, sorted(shown)
        )


def test_every_batch_read_finds_its_nodes_with_one_index_scan() -> None:
    # README: FalkorDB probes the index once per row of an unwound id list; an `IN` list is one
    # scan. Neighbour, node-by-id, hop and compiled statements all start with `by_ids`.
    plan = Plan("City", (Relation(neighbours.CITY_PROJECTS.name, Plan("PilotProject")),))
    statements = [
        *NEIGHBOUR_STATEMENTS.values(),
        *neighbours.NODES_BY_ID.values(),
        *traversal.HOP.values(),
        compile_plan(plan),
    ]
    for statement in statements:
        assert "UNWIND $ids" not in statement.cypher, statement.name
        assert re.search(r"MATCH \((\w+):\w+\) WHERE \1\.id IN \$ids ", statement.cypher), (
            statement.name
        )
