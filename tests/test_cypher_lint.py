"""Every Cypher statement the Neo4j engine sends passes Neo4j 5's own Cypher front end.

No Neo4j server runs here, so the statements are checked offline with Neo4j's Cypher language
support (parser, semantic analysis, function and procedure resolution; npm package
`@neo4j-cypher/language-support`, pinned in tests/cypher_lint/package.json), given the Neo4j 5
built-in functions and procedures from tests/cypher_lint/neo4j5_signatures.json and the graph's
schema from graph/model.py: its labels, relationship types (with their directions) and property
keys, so a misspelled `:Citty`, `[:LED_BYY]` or `c.nmae` fails as it would be silently empty on a
real server. Any diagnostic, error or warning, fails the check. The statements go to one node
process in a single batch, since the front end takes a second to load.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

import pytest

from graph import model

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
LINT_DIR = TESTS_DIR / "cypher_lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
BUILD_SCRIPT = LINT_DIR / "build_signatures.mjs"
FRONT_END = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"
NODE_TIMEOUT_S = 600

NOT_PRESENT = (
    "is not present in the database. Make sure you didn't misspell it or that it is "
    "available when you run this statement in your application"
)


class Diagnostic(TypedDict):
    severity: str
    message: str
    line: int
    character: int


class LintResult(TypedDict):
    name: str
    diagnostics: list[Diagnostic]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the Cypher lint needs Node.js 20 or later")
    if not FRONT_END.is_dir():
        pytest.fail(
            f"{FRONT_END.relative_to(REPO_ROOT)} is missing: run `make test`, which installs "
            "it (npm ci --prefix tests/cypher_lint)"
        )
    return node


def _run_node(script: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_node(), str(script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=NODE_TIMEOUT_S,
        check=False,
    )


def model_schema() -> dict[str, Any]:
    """The graph's schema, from graph/model.py, in the shape lint.mjs takes."""
    props = {p.name for spec in model.NODES for p in spec.props}
    props |= {p.name for spec in model.RELATIONSHIPS for p in spec.props}
    return {
        "labels": list(model.LABELS),
        "relationshipTypes": list(model.REL_TYPES),
        "propertyKeys": sorted(props),
        "graphSchema": [
            {"from": r.start, "to": r.end, "relType": r.type} for r in model.RELATIONSHIPS
        ],
    }


def lint(
    statements: Sequence[tuple[str, str]], schema: dict[str, Any] | None = None
) -> list[LintResult]:
    """Lint (name, cypher) pairs in one node process; one result per pair, in order.

    Without a schema, any label, relationship type or property passes.
    """
    payload = json.dumps(
        {
            "schema": schema,
            "statements": [{"name": name, "query": query} for name, query in statements],
        }
    )
    done = _run_node(LINT_SCRIPT, stdin=payload)
    if done.returncode != 0:
        pytest.fail(f"lint.mjs exited {done.returncode}:\n{done.stderr}")
    results: list[LintResult] = json.loads(done.stdout)
    assert [r["name"] for r in results] == [name for name, _ in statements]
    return results


def describe(results: Sequence[LintResult]) -> str:
    """One line per diagnostic: statement name, severity, position, message."""
    return "\n".join(
        f"{r['name']}: {d['severity']} at {d['line']}:{d['character']}: {d['message']}"
        for r in results
        for d in r["diagnostics"]
    )


def test_every_neo4j_statement_passes_neo4j_front_end() -> None:
    from graph.catalog import neo4j_cypher_catalog

    catalog = neo4j_cypher_catalog()
    assert catalog, "graph.catalog.neo4j_cypher_catalog() listed no statements"
    failures = [r for r in lint(catalog, model_schema()) if r["diagnostics"]]
    assert not failures, (
        f"{len(failures)} of {len(catalog)} Neo4j statements fail Neo4j 5's Cypher front end:\n"
        + describe(failures)
    )


# Statements the check must reject without a schema, each with a piece of the diagnostic it
# must produce.
MUST_FAIL: dict[str, tuple[str, str]] = {
    "syntax_error": ("MATCH (c:City RETURN c", "Invalid input 'RETURN'"),
    "falkordb_fulltext_query": (
        "CALL db.idx.fulltext.queryNodes('City', $query) YIELD node RETURN node",
        f"Procedure db.idx.fulltext.queryNodes {NOT_PRESENT}",
    ),
    "falkordb_fulltext_create": (
        "CALL db.idx.fulltext.createNodeIndex('City', 'name')",
        f"Procedure db.idx.fulltext.createNodeIndex {NOT_PRESENT}",
    ),
    "falkordb_sppaths": (
        "MATCH (a:City {id: $start}) MATCH (b:City {id: $end}) "
        "CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: $rel_types, maxLen: 6}) "
        "YIELD path RETURN path",
        f"Procedure algo.SPpaths {NOT_PRESENT}",
    ),
    "falkordb_db_indexes": ("CALL db.indexes()", f"Procedure db.indexes {NOT_PRESENT}"),
    "misspelled_function": (
        "MATCH (c:City) RETURN toLowr(c.name) AS name",
        f"Function toLowr {NOT_PRESENT}",
    ),
    "unknown_yield_column": (
        "CALL db.index.fulltext.queryNodes('city_name', $query) YIELD nodes RETURN nodes",
        "Unknown procedure output: `nodes`",
    ),
    "wrong_argument_type": ("RETURN toLower(1) AS x", "Type mismatch"),
    "undefined_variable": ("MATCH (c:City) RETURN d", "Variable `d` not defined"),
    "cartesian_product_warning": (
        "MATCH (a:City {id: $start}), (b:City {id: $end}) RETURN a, b",
        "cartesian product",
    ),
    "deprecated_function_warning": ("MATCH (c:City) RETURN id(c) AS id", "deprecated"),
    "two_statements": ("RETURN 1 AS a; RETURN 2 AS b", "exactly one statement"),
    "cypher_25": ("CYPHER 25 RETURN 1 AS a", "CYPHER 25"),
    "empty": ("  ", "Empty statement"),
}

# Ordinary Neo4j 5 Cypher that must come through clean without a schema, whatever the
# catalog holds.
MUST_PASS: dict[str, str] = {
    "fulltext_and_shortest_path": (
        "CALL db.index.fulltext.queryNodes('city_name', $query) YIELD node, score "
        "WITH node AS a, score ORDER BY score DESC LIMIT 1 "
        "MATCH (b:City {id: $end}) "
        "MATCH p = shortestPath((a)-[:PARTNERS_WITH|PARTICIPATES_IN*..6]-(b)) "
        "WHERE length(p) <= $max_hops "
        "RETURN [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS types, "
        "score"
    ),
    "fulltext_relationships": (
        "CALL db.index.fulltext.queryRelationships('rel_text', $query) "
        "YIELD relationship, score RETURN type(relationship) AS t, score"
    ),
    "all_shortest_paths": (
        "MATCH (a:City {id: $start}) MATCH (b:City {id: $end}) "
        "MATCH p = allShortestPaths((a)-[*..4]-(b)) RETURN length(p) AS hops"
    ),
    "scalar_and_list_functions": (
        "MATCH (c:City)-[r]->(m) WHERE toLower(c.name) STARTS WITH toLower($prefix) "
        "RETURN coalesce(c.name, '') AS name, size(labels(c)) AS nlabels, type(r) AS t, "
        "properties(m) AS props, keys(c) AS ks, startNode(r) = c AS out, endNode(r) AS end, "
        "toString(c.population) AS pop, toInteger($n) AS n, toFloat($f) AS f, "
        "elementId(c) AS eid"
    ),
    "aggregates": (
        "MATCH (c:City)-[:PARTICIPATES_IN]->(p:Project) "
        "RETURN c.id AS id, collect(p.id) AS projects, count(*) AS n, sum(p.budget) AS total, "
        "avg(p.budget) AS mean, min(p.year) AS first, max(p.year) AS last"
    ),
    "temporal_and_spatial": (
        "RETURN date() AS d, datetime($at) AS dt, duration('P1D') AS one_day, "
        "date.truncate('month', date()) AS month, "
        "point.distance(point({latitude: $lat1, longitude: $lon1}), "
        "point({latitude: $lat2, longitude: $lon2})) AS metres"
    ),
    "write": (
        "UNWIND $rows AS row MERGE (c:City {id: row.id}) "
        "ON CREATE SET c.created = datetime() SET c += row.props RETURN count(c) AS n"
    ),
    "constraint": "CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE",
    "fulltext_index": (
        "CREATE FULLTEXT INDEX city_name IF NOT EXISTS FOR (n:City) ON EACH [n.name]"
    ),
    "range_index": "CREATE INDEX city_country IF NOT EXISTS FOR (n:City) ON (n.country)",
    "show_indexes": "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN name",
    "show_constraints": "SHOW CONSTRAINTS",
    "drop_index": "DROP INDEX city_name IF EXISTS",
    "await_indexes": "CALL db.awaitIndexes(300)",
    "db_labels": "CALL db.labels() YIELD label RETURN label",
    "db_relationship_types": "CALL db.relationshipTypes() YIELD relationshipType RETURN *",
    "db_property_keys": "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey",
    "dbms_components": "CALL dbms.components() YIELD name, versions, edition RETURN *",
    "db_ping": "CALL db.ping() YIELD success RETURN success",
    "schema_visualization": "CALL db.schema.visualization() YIELD nodes, relationships RETURN *",
}


@pytest.fixture(scope="module")
def probes() -> dict[str, list[Diagnostic]]:
    """The MUST_FAIL and MUST_PASS statements, linted together in one node process."""
    assert not MUST_FAIL.keys() & MUST_PASS.keys()
    statements = [(name, query) for name, (query, _) in MUST_FAIL.items()]
    statements += list(MUST_PASS.items())
    return {r["name"]: r["diagnostics"] for r in lint(statements)}


@pytest.mark.parametrize("name", MUST_FAIL)
def test_check_rejects(name: str, probes: dict[str, list[Diagnostic]]) -> None:
    expected = MUST_FAIL[name][1]
    messages = [d["message"] for d in probes[name]]
    assert any(expected in m for m in messages), (
        f"{name}: expected a diagnostic containing {expected!r}, got {messages}"
    )


def test_syntax_error(probes: dict[str, list[Diagnostic]]) -> None:
    first = probes["syntax_error"][0]
    assert (first["severity"], first["line"], first["character"]) == ("error", 1, 15)
    assert first["message"].startswith("Invalid input 'RETURN': expected")


def test_falkordb_fulltext_procedure(probes: dict[str, list[Diagnostic]]) -> None:
    (found,) = probes["falkordb_fulltext_query"]
    assert found["severity"] == "error"
    assert found["message"] == f"Procedure db.idx.fulltext.queryNodes {NOT_PRESENT}"


def test_falkordb_only_procedures(probes: dict[str, list[Diagnostic]]) -> None:
    for name, procedure in [
        ("falkordb_sppaths", "algo.SPpaths"),
        ("falkordb_db_indexes", "db.indexes"),
        ("falkordb_fulltext_create", "db.idx.fulltext.createNodeIndex"),
    ]:
        assert [d["message"] for d in probes[name]] == [f"Procedure {procedure} {NOT_PRESENT}"]


def test_misspelled_function(probes: dict[str, list[Diagnostic]]) -> None:
    assert probes["misspelled_function"] == [
        {
            "severity": "error",
            "message": f"Function toLowr {NOT_PRESENT}",
            "line": 1,
            "character": 23,
        }
    ]


def test_warnings_count_as_failures(probes: dict[str, list[Diagnostic]]) -> None:
    assert {d["severity"] for d in probes["cartesian_product_warning"]} == {"warning"}
    assert {d["severity"] for d in probes["deprecated_function_warning"]} == {"warning"}


@pytest.mark.parametrize("name", MUST_PASS)
def test_ordinary_neo4j5_cypher_is_clean(name: str, probes: dict[str, list[Diagnostic]]) -> None:
    assert probes[name] == [], describe([{"name": name, "diagnostics": probes[name]}])


def test_fulltext_and_shortest_path_control(probes: dict[str, list[Diagnostic]]) -> None:
    assert probes["fulltext_and_shortest_path"] == []


def test_signature_registry_is_current() -> None:
    """neo4j5_signatures.json is what build_signatures.mjs makes from the pinned package."""
    done = _run_node(BUILD_SCRIPT, "--check")
    assert done.returncode == 0, done.stderr


# Statements that name what graph/model.py does not have: each must fail against the model's
# schema, with a piece of the diagnostic it must produce. Reads are checked by the front end
# itself; labels in MERGE/CREATE/SET and property keys by lint.mjs (the front end skips them).
NOT_IN_SCHEMA = "is not in the graph's schema"
SCHEMA_MUST_FAIL: dict[str, tuple[str, str]] = {
    "label_read": (
        "MATCH (c:Citty {id: $id}) RETURN c.name AS name",
        f"Label Citty {NOT_PRESENT}",
    ),
    "label_merged": (
        "UNWIND $rows AS row MERGE (c:Citty {id: row.id}) SET c += row.props",
        f"Label Citty {NOT_IN_SCHEMA}",
    ),
    "label_set": (
        "MATCH (c:City {id: $id}) SET c:Citty",
        f"Label or relationship type Citty {NOT_IN_SCHEMA}",
    ),
    "label_in_where": (
        "MATCH (n) WHERE n:Citty RETURN n.id AS id",
        f"Label or relationship type Citty {NOT_PRESENT}",
    ),
    "relationship_type_read": (
        "MATCH (c:City)<-[:LED_BYY]-(p:PilotProject) RETURN p.id AS id",
        f"Relationship type LED_BYY {NOT_PRESENT}",
    ),
    "relationship_type_merged": (
        "MATCH (p:PilotProject {id: $project}) MATCH (c:City {id: $city}) "
        "MERGE (p)-[:LED_BYY]->(c)",
        f"Relationship type LED_BYY {NOT_IN_SCHEMA}",
    ),
    "relationship_wrong_direction": (
        "MATCH (c:City)-[:LED_BY]->(p:PilotProject) RETURN p.id AS id",
        "[:LED_BY] has no incoming (:City)",
    ),
    "property_returned": ("MATCH (c:City) RETURN c.nmae AS name", f"Property nmae {NOT_IN_SCHEMA}"),
    "property_filtered": (
        "MATCH (c:City) WHERE c.nmae = $name RETURN c.id AS id",
        f"Property nmae {NOT_IN_SCHEMA}",
    ),
    "property_in_pattern": (
        "MATCH (c:City {nmae: $name}) RETURN c.id AS id",
        f"Property nmae {NOT_IN_SCHEMA}",
    ),
    "property_set": (
        "MATCH (c:City {id: $id}) SET c.nmae = $name",
        f"Property nmae {NOT_IN_SCHEMA}",
    ),
    "property_merged": (
        "UNWIND $rows AS row MERGE (c:City {idd: row.id}) SET c += row.props",
        f"Property idd {NOT_IN_SCHEMA}",
    ),
    "property_projected": (
        "MATCH (c:City) RETURN c {.id, .nmae} AS city",
        f"Property nmae {NOT_IN_SCHEMA}",
    ),
    "relationship_property": (
        "MATCH (c:City)-[r:PARTICIPATES_IN]->(p:PilotProject) RETURN r.roel AS role",
        f"Property roel {NOT_IN_SCHEMA}",
    ),
    "property_after_with": (
        "MATCH (c:City) WITH c ORDER BY c.nmae RETURN c.id AS id",
        f"Property nmae {NOT_IN_SCHEMA}",
    ),
    "index_property": (
        "CREATE INDEX city_nmae IF NOT EXISTS FOR (n:City) ON (n.nmae)",
        f"Property nmae {NOT_IN_SCHEMA}",
    ),
    "fulltext_label": (
        "CREATE FULLTEXT INDEX city_name IF NOT EXISTS FOR (n:Citty) ON EACH [n.search_name]",
        f"Label Citty {NOT_IN_SCHEMA}",
    ),
}

# Cypher the model allows, in the shapes the catalog uses: it must come through clean.
SCHEMA_MUST_PASS: dict[str, str] = {
    "parameters_and_map_projection": (
        "UNWIND $rows AS row MERGE (c:City {id: row.id}) SET c += row.props RETURN c {.*} AS city"
    ),
    "map_variable_keys_in_a_pattern": (
        "UNWIND $rows AS row MATCH (a:Country {id: row.start}) MATCH (b:Region {id: row.end}) "
        "MERGE (a)-[r:IN_REGION]->(b) SET r += row.props RETURN count(r) AS written"
    ),
    "dynamic_properties": (
        "MATCH (c:City {id: $id}) SET c += $props RETURN c {.*, field: $field} AS city"
    ),
    "map_literal_keys": (
        "MATCH (c:City) WITH {label: c.name, anything: 1} AS m "
        "RETURN m.label AS label, m.anything AS a"
    ),
    "relationship_property_filtered": (
        "MATCH (c:City)-[r:PARTICIPATES_IN]->(p:PilotProject) WHERE r.role = $role "
        "RETURN c {.id, .name} AS city, p.title AS title"
    ),
    "marker_the_statement_removes": (
        "MERGE (s:Mentorship {id: $id}) ON CREATE SET s += $props, s.created_now = true "
        "WITH s, coalesce(s.created_now, false) AS created REMOVE s.created_now RETURN created"
    ),
}


@pytest.fixture(scope="module")
def schema_probes() -> dict[str, list[Diagnostic]]:
    """The SCHEMA_MUST_FAIL and SCHEMA_MUST_PASS statements, linted against graph/model.py."""
    assert not SCHEMA_MUST_FAIL.keys() & SCHEMA_MUST_PASS.keys()
    statements = [(name, query) for name, (query, _) in SCHEMA_MUST_FAIL.items()]
    statements += list(SCHEMA_MUST_PASS.items())
    return {r["name"]: r["diagnostics"] for r in lint(statements, model_schema())}


@pytest.mark.parametrize("name", SCHEMA_MUST_FAIL)
def test_check_rejects_what_the_model_does_not_have(
    name: str, schema_probes: dict[str, list[Diagnostic]]
) -> None:
    expected = SCHEMA_MUST_FAIL[name][1]
    messages = [d["message"] for d in schema_probes[name]]
    assert any(expected in m for m in messages), (
        f"{name}: expected a diagnostic containing {expected!r}, got {messages}"
    )


def test_a_misspelling_is_reported_once_where_it_is(
    schema_probes: dict[str, list[Diagnostic]],
) -> None:
    # The front end and lint.mjs both look at a read label; one diagnostic comes back.
    assert schema_probes["label_read"] == [
        {"severity": "warning", "message": f"Label Citty {NOT_PRESENT}", "line": 1, "character": 10}
    ]
    assert schema_probes["property_set"] == [
        {
            "severity": "error",
            "message": f"Property nmae {NOT_IN_SCHEMA}",
            "line": 1,
            "character": 32,
        }
    ]


@pytest.mark.parametrize("name", SCHEMA_MUST_PASS)
def test_cypher_the_model_allows_is_clean(
    name: str, schema_probes: dict[str, list[Diagnostic]]
) -> None:
    assert schema_probes[name] == [], describe([{"name": name, "diagnostics": schema_probes[name]}])


def test_the_same_statements_pass_without_a_schema() -> None:
    """What fails above fails because of the schema, not because the Cypher is wrong."""
    results = lint([(name, query) for name, (query, _) in SCHEMA_MUST_FAIL.items()])
    named = [r for r in results if r["name"] != "relationship_wrong_direction"]
    assert [r for r in named if r["diagnostics"]] == []


def test_the_schema_is_the_model() -> None:
    schema = model_schema()
    assert set(schema["labels"]) == {n.label for n in model.NODES}
    assert set(schema["relationshipTypes"]) == {r.type for r in model.RELATIONSHIPS}
    assert {"id", "name", "search_name", "due_date", "role", "since_year"} <= set(
        schema["propertyKeys"]
    )
