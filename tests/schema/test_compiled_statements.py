"""Every statement a compiled read sends passes Neo4j 5's Cypher front end, schema-aware (labels,
relationship types with their directions, property keys of graph/model.py), and runs on the
embedded FalkorDB.

Compiled statements are generated per request, so no catalogue lists them: they are captured
from real executions (every query document of the suite, the edge cases, a batch of generated
documents) and added to the plans of every relation from every label, two levels deep. So are
the listings' pages that read only some properties (`graph.statements.listing.with_columns`),
checked besides for every listing with the fewest and the most properties."""

from __future__ import annotations

from typing import Any

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from graph.compiled import MARK, PATHS, Plan, Relation, compile_plan
from graph.dialect import Dialect
from graph.model import NODE_BY_LABEL
from graph.statement import Statement
from graph.statements import listing
from graph.store import GraphStore
from schema.filters import city_params, country_params, institution_params, project_params
from tests.schema.api import execute
from tests.schema.fixtures_reading import synthetic_graph
from tests.schema.test_compiled_reads import (
    COMPILED,
    EDGE_CASES,
    QUERY_DOCUMENTS,
    SECRETARIAT,
    WALKS,
    sample_variables,
)
from tests.schema.test_round_trips import CountingEngine
from tests.test_cypher_lint import describe, lint, model_schema

__all__ = ["synthetic_graph"]


def every_plan() -> list[Plan]:
    """From each label, every relation at once (so every path once); the statements captured
    from the suite's documents nest them."""
    by_label: dict[str, list[str]] = {}
    for name, path in PATHS.items():
        by_label.setdefault(path.start, []).append(name)
    return [
        Plan(label, tuple(Relation(n, Plan(PATHS[n].label)) for n in names))
        for label, names in sorted(by_label.items())
    ]


async def captured(store: GraphStore, documents: list[str]) -> list[str]:
    """The compiled statements the documents' executions sent (they ran on FalkorDB)."""
    engine = CountingEngine(store.engine)
    for document in documents:
        await execute(
            GraphStore(engine), document, sample_variables(document), SECRETARIAT, COMPILED
        )
    return [
        text for text in dict.fromkeys(engine.reads) if MARK in text or listing.COLUMNS_MARK in text
    ]


def check(statements: list[str]) -> None:
    named = [(f"compiled_{i}", text) for i, text in enumerate(statements)]
    failures = [r for r in lint(named, model_schema()) if r["diagnostics"]]
    assert not failures, describe(failures) + "\n" + "\n".join(t for _, t in named)


async def test_every_plan_runs_and_passes_the_front_end(synthetic_graph: GraphStore) -> None:
    texts = []
    for plan in every_plan():
        statement = compile_plan(plan)
        await synthetic_graph.run(statement, ids=["chiang-mai", "TH", "no-such-id"])
        texts.append(statement.text(Dialect.NEO4J))
    check(texts)


async def test_the_suites_compiled_statements_pass_the_front_end(
    synthetic_graph: GraphStore,
) -> None:
    statements = await captured(synthetic_graph, [*QUERY_DOCUMENTS, *EDGE_CASES.values()])
    assert len(statements) > 20
    check(statements)


@settings(max_examples=4, deadline=None, database=None, derandomize=True, phases=[Phase.generate])
@given(documents=st.lists(WALKS, min_size=40, max_size=40))
async def test_generated_queries_compiled_statements_pass_the_front_end(
    synthetic_graph: GraphStore, documents: list[str]
) -> None:
    statements = await captured(synthetic_graph, documents)
    if statements:  # a generated batch need not select a relation
        check(statements)


def listings() -> list[tuple[Statement, str, dict[str, Any]]]:
    """Every listing statement, with its label and its parameters for no filter."""
    return [
        *((s, "City", city_params(None)) for s in listing.CITIES.values()),
        *((s, "City", {}) for s in listing.ALL_CITIES.values()),
        (listing.COUNTRIES, "Country", country_params(None)),
        (listing.INSTITUTIONS, "PartnerInstitution", institution_params(None)),
        (listing.PROJECTS, "PilotProject", project_params(None)),
        *((s, label, {}) for label, s in listing.ALL_OF_LABEL.items()),
    ]


async def test_every_listing_reads_some_columns_as_it_reads_them_all(
    synthetic_graph: GraphStore,
) -> None:
    texts = []
    for statement, label, params in listings():
        every = frozenset(p.name for p in NODE_BY_LABEL[label].props) - {"id"}
        full = await synthetic_graph.run(statement, skip=1, page_end=6, **params)
        for columns in (frozenset(), every):
            read = listing.with_columns(statement, label, columns)
            rows = await synthetic_graph.run(read, skip=1, page_end=6, **params)
            names = listing.page_columns(label, columns)
            assert rows[0]["total"] == full[0]["total"] > 0, statement.name
            assert [dict(zip(names, values, strict=True)) for values in rows[0]["page"]] == [
                {name: dict(props).get(name) for name in names} for props in full[0]["page"]
            ], statement.name
            texts.append(read.text(Dialect.NEO4J))
    check(texts)
