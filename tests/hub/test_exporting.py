"""`uccn export`: the three formats, their exact shape, their determinism, and the round trip
export -> empty store -> import that gives back the same graph with the same types."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import pytest

from graph.dataset import GraphData, Link
from graph.store import GraphStore
from services.exchange.exporting import CSV_COLUMNS, EXPORT_FORMATS, ExportFormat, export_graph
from services.exchange.importing import import_file

NS = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_ATTR_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def exported(data: GraphData, fmt: ExportFormat) -> str:
    out = io.StringIO()
    export_graph(data, fmt, out)
    return out.getvalue()


def shuffled(data: GraphData, seed: int) -> GraphData:
    rng = random.Random(seed)
    copy = GraphData()
    for label in rng.sample(sorted(data.nodes), len(data.nodes)):
        rows = [dict(rng.sample(sorted(r.items()), len(r))) for r in data.nodes[label]]
        copy.nodes[label] = rng.sample(rows, len(rows))
    for key in rng.sample(sorted(data.links), len(data.links)):
        copy.links[key] = rng.sample(data.links[key], len(data.links[key]))
    return copy


def value_types(data: GraphData) -> dict[tuple[str, str, str], str]:
    """The Python type of every node property: (label, id, name) -> type name."""
    return {
        (label, str(row["id"]), name): type(value).__name__
        for label, rows in data.nodes.items()
        for row in rows
        for name, value in row.items()
    }


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
async def test_export_then_import_into_an_empty_store_gives_the_same_graph(
    store: GraphStore, sample_graph: GraphData, tmp_path: Path, fmt: ExportFormat
) -> None:
    await store.write_data(sample_graph)
    before = await store.read_data()
    assert before.canonical() == sample_graph.canonical()
    path = tmp_path / f"export.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as out:
        export_graph(before, fmt, out)

    await store.drop_all()
    assert (await store.counts()).nodes == {}
    await store.setup_schema()
    report = await import_file(store, path)

    after = await store.read_data()
    assert after.canonical() == before.canonical()
    assert value_types(after) == value_types(before)  # 4.0 stays a float, False a bool
    assert report.format == f"graph {fmt}"
    assert report.node_total == before.node_count()
    assert report.relationship_total == before.link_count()
    assert exported(after, fmt) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_output_does_not_depend_on_input_order(sample_graph: GraphData, fmt: ExportFormat) -> None:
    first = exported(sample_graph, fmt)
    assert exported(shuffled(sample_graph, 1), fmt) == first
    assert exported(shuffled(sample_graph, 2), fmt) == first


def test_json_export_shape(sample_graph: GraphData) -> None:
    document = json.loads(exported(sample_graph, "json"))
    assert list(document) == ["format", "version", "nodes", "relationships"]
    assert (document["format"], document["version"]) == ("uccn-graph", 1)
    nodes = document["nodes"]
    assert nodes[0] == {
        "label": "Region",
        "id": "asia-and-the-pacific",
        "properties": {"code": "ASIA_AND_THE_PACIFIC", "name": "Asia and the Pacific"},
    }
    labels = [n["label"] for n in nodes]
    assert labels.index("City") < labels.index("PartnerInstitution") < labels.index("FocalPoint")
    cities = [n for n in nodes if n["label"] == "City"]
    assert [c["id"] for c in cities] == ["bogota", "chiang-mai", "macao"]
    assert cities[0]["properties"]["latitude"] == 4.0
    assert isinstance(cities[0]["properties"]["latitude"], float)
    assert all("id" not in n["properties"] for n in nodes)
    assert document["relationships"][0] == {
        "type": "IN_REGION",
        "start": {"label": "Country", "id": "CO"},
        "end": {"label": "Region", "id": "latin-america-and-the-caribbean"},
        "properties": {},
    }
    designated = [r for r in document["relationships"] if r["type"] == "DESIGNATED_IN"]
    assert designated[0]["properties"] == {"year": 2017}


def test_csv_export_is_one_table_of_nodes_then_relationships(sample_graph: GraphData) -> None:
    text = exported(sample_graph, "csv")
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == sample_graph.node_count() + sample_graph.link_count()
    records = [r["record"] for r in rows]
    assert records == ["node"] * sample_graph.node_count() + ["relationship"] * (
        sample_graph.link_count()
    )
    project = next(r for r in rows if r["label"] == "PilotProject")
    assert project["start_label"] == project["type"] == project["end_id"] == ""
    props = json.loads(project["properties"])
    assert list(props) == sorted(props)
    assert props["summary"] == 'Weaving, "lacquer" & <silver>;\nsecond line'
    partner = next(r for r in rows if r["type"] == "PARTNERS_WITH")
    assert partner == {
        "record": "relationship",
        "label": "",
        "id": "",
        "start_label": "PartnerInstitution",
        "start_id": "chiang-mai-university",
        "type": "PARTNERS_WITH",
        "end_label": "City",
        "end_id": "chiang-mai",
        "properties": '{"since_year":2018}',
    }
    city = next(r for r in rows if r["id"] == "chiang-mai")
    assert json.loads(city["properties"])["languages"] == ["th", "en"]


def test_graphml_export_declares_long_for_a_value_beyond_32_bits(sample_graph: GraphData) -> None:
    # No import or API write accepts it (a population is at most 100 million), but a graph written
    # around the checks may hold one, and the export carries what the graph holds.
    (bogota,) = [c for c in sample_graph.nodes["City"] if c["id"] == "bogota"]
    bogota["population"] = 3_000_000_000
    root = SafeET.fromstring(exported(sample_graph, "graphml").encode())
    keys = {k.get("id"): k.attrib for k in root.findall(f"{NS}key")}
    assert keys["n.population"]["attr.type"] == "long"
    assert keys["n.designation_year"]["attr.type"] == "int"


def test_graphml_export_declares_a_typed_key_for_every_value(sample_graph: GraphData) -> None:
    root = SafeET.fromstring(exported(sample_graph, "graphml").encode())
    assert root.tag == f"{NS}graphml"
    keys = {k.get("id"): k.attrib for k in root.findall(f"{NS}key")}
    assert {k["attr.type"] for k in keys.values()} <= GRAPHML_ATTR_TYPES
    assert keys["label"] == {
        "id": "label",
        "for": "node",
        "attr.name": "label",
        "attr.type": "string",
        "uccn.type": "string",
    }
    assert keys["type"]["for"] == "edge"
    assert keys["n.languages"]["attr.type"] == "string"
    assert keys["n.languages"]["uccn.type"] == "string[]"
    assert keys["n.population"]["attr.type"] == "int"
    assert keys["n.latitude"]["attr.type"] == "double"
    assert keys["n.generated"]["attr.type"] == "boolean"
    assert keys["e.year"] == {
        "id": "e.year",
        "for": "edge",
        "attr.name": "year",
        "attr.type": "int",
        "uccn.type": "int",
    }
    (graph,) = root.findall(f"{NS}graph")
    assert graph.get("edgedefault") == "directed"
    nodes = graph.findall(f"{NS}node")
    edges = graph.findall(f"{NS}edge")
    assert len(nodes) == sample_graph.node_count()
    assert len(edges) == sample_graph.link_count()
    ids = {n.get("id") for n in nodes}
    for element, domain in [*((n, "node") for n in nodes), *((e, "edge") for e in edges)]:
        for data in element.findall(f"{NS}data"):
            assert keys[data.get("key")]["for"] == domain
    for edge in edges:
        assert edge.get("source") in ids
        assert edge.get("target") in ids
    city = next(n for n in nodes if n.get("id") == "City:chiang-mai")
    values = {d.get("key"): d.text for d in city.findall(f"{NS}data")}
    assert values["label"] == "City"
    assert values["n.languages"] == '["th","en"]'
    assert values["n.generated"] == "false"
    conference = next(n for n in nodes if n.get("id") == "Conference:2019-fabriano")
    notes = next(d for d in conference if d.get("key") == "n.notes")
    assert notes.text == "tab\there, cr\rthere, spaces  "


def test_graphml_gives_a_property_of_two_value_types_one_key_each() -> None:
    """Key ids come from the model (so a page is written before the next is read): the model's
    type has `n.name`, another type `n.name.type`, both under the one attribute name."""
    data = GraphData()
    data.add_node("City", {"id": "a", "name": "A", "status": "member", "latitude": 4})
    data.add_node("City", {"id": "b", "name": "B", "status": "member", "latitude": 4.5})
    root = SafeET.fromstring(exported(data, "graphml").encode())
    keys: dict[str, Any] = {str(k.get("id")): k.attrib for k in root.findall(f"{NS}key")}
    assert keys["n.latitude.int"]["attr.type"] == "int"
    assert keys["n.latitude"]["attr.type"] == "double"
    assert keys["n.latitude.int"]["attr.name"] == keys["n.latitude"]["attr.name"] == "latitude"


def test_relationships_sort_by_start_end_and_properties() -> None:
    data = GraphData()
    key = "City-PARTICIPATES_IN-PilotProject"
    data.links[key] = [Link("b", "p", {}), Link("a", "q", {"role": "x"}), Link("a", "p", {})]
    document = json.loads(exported(data, "json"))
    ends = [(r["start"]["id"], r["end"]["id"]) for r in document["relationships"]]
    assert ends == [("a", "p"), ("a", "q"), ("b", "p")]


def test_an_unknown_format_is_refused(sample_graph: GraphData) -> None:
    with pytest.raises(ValueError, match="unknown export format 'gexf'"):
        export_graph(sample_graph, "gexf", io.StringIO())  # type: ignore[arg-type]
