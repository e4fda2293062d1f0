"""A file with any bad row writes nothing, whatever the failure (issue 13, item 1): values no
engine can store are row errors, and the write itself is all or nothing, on FalkorDB through the
store's undo log (the Neo4j transaction is tested at the wire in tests/graph/test_neo4j_engine).
The API's writes share the value rule: a control character in `createProject` is refused."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from graph.dataset import GraphData
from graph.dialect import Dialect
from graph.engine import GraphEngine, Row
from graph.errors import GraphError
from graph.schema import SchemaSpec
from graph.store import GraphStore
from hub.bootstrap import api_config
from hub.settings import Settings
from schema.build import build_schema
from schema.mutation import Mutation
from services.exchange.importing import ImportRejected, import_file
from tests.schema.conftest import SECRETARIAT, Api, seed_network

REFERENCE = GraphData(
    nodes={
        "Country": [{"id": "TH", "name": "Thailand"}, {"id": "CO", "name": "Colombia"}],
        "CreativeField": [
            {"id": "crafts-and-folk-art", "name": "Crafts and Folk Art", "code": "CRAFTS"},
            {"id": "design", "name": "Design", "code": "DESIGN"},
        ],
    }
)


@pytest.fixture
async def reference(store: GraphStore) -> GraphStore:
    await store.write_data(REFERENCE)
    return store


async def canonical(store: GraphStore) -> dict[str, Any]:
    return (await store.read_data()).canonical()


def cities_csv(rows: int, last_name: str) -> str:
    lines = ["name,country,field,population"]
    lines += [f"City {n},TH,design,{n}" for n in range(1, rows)]
    lines.append(f"{last_name},CO,crafts-and-folk-art,7")
    return "\n".join(lines) + "\n"


# --- values no engine can store are row errors --------------------------------------------------


async def test_a_nul_byte_in_the_last_of_2500_rows_is_an_error_and_nothing_is_written(
    reference: GraphStore, tmp_path: Path
) -> None:
    path = tmp_path / "cities.csv"
    path.write_text(cities_csv(2500, "Last\x00Town"), encoding="utf-8")
    before = await canonical(reference)
    with pytest.raises(ImportRejected) as rejected:
        await import_file(reference, path)
    assert [str(e) for e in rejected.value.errors] == [
        f"{path}:2501: name: must not contain a control character (U+0000 at position 4)"
    ]
    assert await canonical(reference) == before


def _graph_json(props: dict[str, Any], node_id: str = "x") -> str:
    document = {
        "format": "uccn-graph",
        "version": 1,
        "nodes": [{"label": "Region", "id": node_id, "properties": props}],
        "relationships": [],
    }
    return json.dumps(document, indent=2)


def _graphml(data: str, node_id: str = "x", key_type: str = "string") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
        f'<key id="n.name" for="node" attr.name="name" attr.type="{key_type}"/>\n'
        '<key id="n.code" for="node" attr.name="code" attr.type="string"/>\n'
        '<graph edgedefault="directed">\n'
        f'<node id="Region:{node_id}"><data key="label">Region</data>'
        f'<data key="n.name">{data}</data><data key="n.code">X</data></node>\n'
        "</graph>\n</graphml>\n"
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "cities.csv",
            "name,country,field\nBell\x07Town,TH,design\n",
            ":2: name: must not contain a control character (U+0007 at position 4)",
        ),
        (
            "cities.csv",
            "name,country,field,languages\nBell Town,TH,design,th;e\x1bn\n",
            ":2: languages: item 2 must not contain a control character (U+001B at position 1)",
        ),
        (
            "cities.csv",
            f"name,country,field,population\nBig Town,TH,design,{2**63}\n",
            ":2: population: must be a whole number between -2^63 and 2^63 - 1",
        ),
        (
            "cities.csv",
            f"name,country,field,population\nBig Town,TH,design,{'9' * 5000}\n",
            ":2: population: must be a whole number between -2^63 and 2^63 - 1",
        ),
        (
            "entities.json",
            '{"cities": [{"name": "Bell\\ud800Town", "country": "TH", "field": "design"}]}',
            ":1: cities[1].name: must not contain a lone surrogate (U+D800 at position 4)",
        ),
        (
            "entities.json",
            '{"cities": [{"name": "Big", "country": "TH", "field": "design", '
            f'"population": {-(2**63) - 1}}}]}}',
            ":1: cities[1].population: must be a whole number between -2^63 and 2^63 - 1",
        ),
        (
            "entities.json",
            '{"cities": [{"name": "' + "x" * 100_001 + '", "country": "TH", "field": "design"}]}',
            ":1: cities[1].name: must be at most 100,000 characters (it has 100,001)",
        ),
        (
            "graph.json",
            _graph_json({"name": "Asia\uffff", "code": "X"}),
            ":5: nodes[1].properties.name: must not contain a noncharacter (U+FFFF at position 4)",
        ),
        (
            "graph.json",
            _graph_json({"name": "Asia", "code": "X"}, node_id="a\x7fb"),
            ":5: nodes[1].id: must not contain a control character (U+007F at position 1)",
        ),
        (
            "graph.csv",
            "record,label,id,start_label,start_id,type,end_label,end_id,properties\n"
            'node,Region,x,,,,,,"{""name"": ""A\\u0001"", ""code"": ""X""}"\n',
            ":2: properties.name: must not contain a control character (U+0001 at position 1)",
        ),
        (
            "graph.graphml",
            _graphml("Asia\u0085"),
            ":7: name: must not contain a control character (U+0085 at position 4)",
        ),
    ],
    ids=[
        "csv-bell",
        "csv-list-item",
        "csv-int64",
        "csv-5000-digits",
        "json-surrogate",
        "json-int64",
        "json-too-long",
        "graph-json-noncharacter",
        "graph-json-id",
        "graph-csv-escape",
        "graphml-c1",
    ],
)
async def test_what_no_engine_stores_is_a_row_error_in_every_format(
    reference: GraphStore, tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = await canonical(reference)
    with pytest.raises(ImportRejected) as rejected:
        await import_file(reference, path)
    assert [str(e) for e in rejected.value.errors] == [f"{path}{expected}"]
    assert await canonical(reference) == before


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("population", "1000000000000", "population: must be between 0 and 100,000,000"),
        ("latitude", "1e308", "latitude: must be between -90 and 90"),
        ("population", "-1", "population: must be between 0 and 100,000,000"),
    ],
)
async def test_a_number_outside_its_domain_is_a_row_error(
    reference: GraphStore, tmp_path: Path, column: str, value: str, expected: str
) -> None:
    path = tmp_path / "cities.csv"
    header = "name,country,field,population,latitude,longitude"
    row = {"population": "7", "latitude": "18.8", "longitude": "98.9"} | {column: value}
    path.write_text(
        f"{header}\nGood Town,TH,design,5,10,10\nFar Town,TH,design,"
        f"{row['population']},{row['latitude']},{row['longitude']}\n",
        encoding="utf-8",
    )
    before = await canonical(reference)
    with pytest.raises(ImportRejected) as rejected:
        await import_file(reference, path)
    assert [str(e) for e in rejected.value.errors] == [f"{path}:3: {expected}"]
    assert await canonical(reference) == before


# --- the write itself is all or nothing ---------------------------------------------------------


class FailingEngine:
    """The real engine, except that write call number `fail_at` fails (once)."""

    def __init__(self, inner: GraphEngine, fail_at: int) -> None:
        self.inner = inner
        self.dialect: Dialect = inner.dialect
        self.fail_at = fail_at
        self.writes = 0

    async def read(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        return await self.inner.read(cypher, params)

    async def write(self, cypher: str, params: Mapping[str, Any]) -> list[Row]:
        self.writes += 1
        if self.writes == self.fail_at:
            raise GraphError(f"injected failure on write {self.writes}")
        return await self.inner.write(cypher, params)

    async def ensure_schema(self, schema: SchemaSpec) -> None:
        await self.inner.ensure_schema(schema)

    async def drop_all(self) -> None:
        await self.inner.drop_all()

    async def ping(self) -> str:
        return await self.inner.ping()

    async def close(self) -> None:
        """The wrapped store stays open: its fixture closes it."""


# 3 batches of cities, 3 of IN_COUNTRY, 3 of DESIGNATED_IN (batches of 2 rows).
WRITES = 9
UPDATE_CSV = """\
id,name,country,field,population,languages
old-town,Old Town,TH,design,999,th
new-a,New A,TH,design,1,
new-b,New B,CO,design,2,es
new-c,New C,CO,crafts-and-folk-art,3,
new-d,New D,TH,crafts-and-folk-art,4,
"""


async def test_a_failure_at_any_write_of_an_import_leaves_the_graph_as_it_was(
    reference: GraphStore, tmp_path: Path
) -> None:
    # Old Town is there already: the import changes its population and languages, and gives
    # its country and field again; the others are new.
    old = GraphData()
    old.add_node(
        "City", {"id": "old-town", "name": "Old Town", "status": "member", "population": 5}
    )
    old.add_link("City-IN_COUNTRY-Country", "old-town", "TH")
    old.add_link("City-DESIGNATED_IN-CreativeField", "old-town", "design", {"year": 2015})
    await reference.write_data(old)
    before = await canonical(reference)
    path = tmp_path / "cities.csv"
    path.write_text(UPDATE_CSV, encoding="utf-8")

    for fail_at in range(1, WRITES + 1):
        failing = GraphStore(FailingEngine(reference.engine, fail_at), batch_size=2)
        with pytest.raises(GraphError, match=f"injected failure on write {fail_at}$"):
            await import_file(failing, path)
        assert await canonical(reference) == before, f"failing at write {fail_at}"
    complete = FailingEngine(reference.engine, fail_at=0)
    report = await import_file(GraphStore(complete, batch_size=2), path)
    assert complete.writes == WRITES  # so each write of the import failed once above
    assert report.node_total == 5
    assert await canonical(reference) != before
    city = await reference.get("City", "old-town")
    assert city is not None
    assert (city["population"], city["languages"]) == (999, ["th"])


async def test_a_batch_the_engine_refuses_takes_the_earlier_batches_with_it(
    reference: GraphStore,
) -> None:
    """No injected failure: the write bypasses the import's checks and FalkorDB refuses the last
    batch (a NUL byte); the 2,000 cities of the first batch go too."""
    data = GraphData()
    for n in range(2500):
        name = f"City {n}" if n < 2499 else "Last\x00Town"
        data.add_node("City", {"id": f"city-{n}", "name": name, "status": "member"})
        data.add_link("City-IN_COUNTRY-Country", f"city-{n}", "TH")
    before = await canonical(reference)
    with pytest.raises(GraphError, match="Failed to parse query parameter"):
        await GraphStore(reference.engine, batch_size=2000).write_data(data)
    assert await canonical(reference) == before


async def test_a_missing_endpoint_in_the_last_batch_takes_the_whole_write_with_it(
    reference: GraphStore,
) -> None:
    data = GraphData()
    for n in range(5):
        data.add_node("City", {"id": f"city-{n}", "name": f"City {n}", "status": "member"})
        data.add_link("City-IN_COUNTRY-Country", f"city-{n}", "TH" if n < 4 else "XX")
    before = await canonical(reference)
    with pytest.raises(GraphError, match="missing: Country 'XX'"):
        await GraphStore(reference.engine, batch_size=2).write_data(data)
    assert await canonical(reference) == before


# --- the API's writes share the rule ------------------------------------------------------------

CREATE = """
mutation($input: CreateProjectInput!) { createProject(input: $input) {
  __typename ... on ValidationError { message field } } }
"""


async def test_create_project_with_a_control_character_in_the_title_writes_nothing(
    store: GraphStore, settings: Settings
) -> None:
    await store.write_data(seed_network())
    api = Api(store, settings, build_schema(api_config(settings), mutation=Mutation))
    before = await api.snapshot()
    data = {"title": "Bell\x07Lab", "startYear": 2024, "status": "ACTIVE", "leadCity": "bogota"}
    result = await api.execute(SECRETARIAT, CREATE, {"input": data})
    assert result.errors is None, result.errors
    outcome = result.data["createProject"]
    assert outcome["__typename"] == "ValidationError"
    assert outcome["field"] == ["input", "title"]
    assert outcome["message"] == (
        "title must not contain a control character (U+0007 at position 4)"
    )
    assert await api.snapshot() == before
