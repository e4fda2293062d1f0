"""Exports for researchers' tools, through the authenticated download and `uccn export`, each
re-read with NetworkX (GEXF with its time attributes, GraphML, node-link JSON, CSV node and
edge lists) and compared with the network built by hand from the same facts."""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from starlette.testclient import TestClient

from graph.dataset import GraphData
from graph.model import REL_BY_KEY
from hub.app import create_app
from hub.bootstrap import store_session
from hub.settings import Settings
from services.exchange.exporting import (
    ExportRefused,
    JsonStream,
    ordered_links,
    ordered_nodes,
    properties,
)
from services.policy import Role
from services.tokens import create_token
from tests.research.networks import COUNTRIES, two_clusters
from tests.serving import run_uccn


@pytest.fixture
def client_and_token(settings: Settings) -> Any:
    async def seed() -> str:
        async with store_session(settings) as store:
            await store.write_data(two_clusters().data())
            return (await create_token(store, Role.RESEARCHER))[1]

    token = asyncio.run(seed())
    with TestClient(create_app(settings)) as client:
        yield client, {"authorization": f"Bearer {token}"}


def _expected(as_of: int | None = None, south: bool | None = None) -> nx.Graph:
    g = two_clusters().networkx(as_of)
    if south is not None:
        g = g.subgraph([n for n, d in g.nodes(data=True) if d["south"] == south]).copy()
    return g


def _same_network(found: nx.Graph, expected: nx.Graph, start: str = "start_year") -> None:
    assert set(found.nodes) == set(expected.nodes)
    assert {frozenset(e) for e in found.edges} == {frozenset(e) for e in expected.edges}
    for a, b, data in expected.edges(data=True):
        assert int(found[a][b]["weight"]) == data["weight"]
        assert found[a][b][start] == data["start"]
    network = two_clusters()
    for city in expected.nodes:
        facts = network.city(city)
        node = found.nodes[city]
        assert node["field"] == facts.field
        assert node["region"] == COUNTRIES[facts.country][0]
        assert node["designation_year"] == facts.year
        assert node["latitude"] == pytest.approx(facts.latitude)


@pytest.mark.parametrize(("as_of", "south"), [(None, None), (2018, None), (None, True)])
def test_gexf_is_dynamic_and_reads_back_in_networkx(
    client_and_token: Any, as_of: int | None, south: bool | None
) -> None:
    client, auth = client_and_token
    params: dict[str, Any] = {}
    if as_of is not None:
        params["asOf"] = as_of
    if south is not None:
        params["globalSouth"] = "true"
    answer = client.get("/export/gexf", headers=auth, params=params)
    assert answer.status_code == 200, answer.text
    assert "content-length" not in answer.headers  # streamed
    found = nx.read_gexf(io.BytesIO(answer.content))
    assert found.graph["mode"] == "dynamic"
    assert not found.is_directed()
    expected = _expected(as_of, south)
    _same_network(found, expected, start="start")
    network = two_clusters()
    for city in expected.nodes:
        assert found.nodes[city]["start"] == network.city(city).year  # Gephi's timeline
        assert found.nodes[city]["label"] == city.replace("-", " ").title()
    for a, b, data in found.edges(data=True):  # a list, as JSON text: one id per project
        assert len(json.loads(data["projects"])) == expected[a][b]["weight"]


def test_node_link_json_reads_back_with_lists(client_and_token: Any) -> None:
    client, auth = client_and_token
    answer = client.get("/export/node-link.json", headers=auth)
    assert answer.status_code == 200
    found = nx.node_link_graph(answer.json(), edges="edges")
    _same_network(found, _expected())
    assert found["fabriano"]["kanazawa"]["projects"] == ["lanna-lab", "paper-road"]
    assert found.graph["as_of"] is None


def test_csv_node_and_edge_lists_read_back(client_and_token: Any) -> None:
    client, auth = client_and_token
    nodes = client.get("/export/nodes.csv", headers=auth, params={"asOf": 2019})
    edges = client.get("/export/edges.csv", headers=auth, params={"asOf": 2019})
    assert nodes.headers["content-type"].startswith("text/csv")
    node_rows = list(csv.DictReader(io.StringIO(nodes.text)))
    edge_rows = list(csv.DictReader(io.StringIO(edges.text)))
    found = nx.Graph()
    for row in node_rows:
        found.add_node(
            row["id"],
            field=row["field"],
            region=row["region"],
            designation_year=int(row["designation_year"]),
            latitude=float(row["latitude"]),
            degree=int(row["degree"]),
        )
    for row in edge_rows:
        found.add_edge(
            row["source"],
            row["target"],
            weight=int(row["weight"]),
            start_year=int(row["start_year"]),
            projects=json.loads(row["projects"]),  # a list, as JSON text
        )
    expected = _expected(2019)
    _same_network(found, expected)
    assert all(found.nodes[n]["degree"] == expected.degree(n) for n in expected)
    assert found["marrakech"]["fabriano"]["projects"] == ["crafts-bridge"]


def test_exports_need_a_token_and_a_year_since_2004(client_and_token: Any) -> None:
    client, auth = client_and_token
    assert client.get("/export/gexf").status_code == 401
    too_early = client.get("/export/gexf", headers=auth, params={"asOf": 2003})
    assert too_early.status_code == 400
    assert "asOf must be a year from 2004" in too_early.json()["error"]
    assert client.get("/export/gexf", headers=auth, params={"asOf": "soon"}).status_code == 400
    assert client.get("/export/pdf", headers=auth).status_code == 404
    whole = client.get("/export/graphml", headers=auth, params={"asOf": 1999})
    assert whole.status_code == 400
    assert "asOf must be a year from 2004" in whole.json()["error"]


def test_graphml_whole_graph_as_of_a_year_and_filtered(client_and_token: Any) -> None:
    client, auth = client_and_token
    answer = client.get(
        "/export/graphml", headers=auth, params={"asOf": 2015, "field": "crafts-and-folk-art"}
    )
    assert answer.status_code == 200, answer.text
    found = nx.read_graphml(io.BytesIO(answer.content))
    cities = {n.split(":", 1)[1] for n, d in found.nodes(data=True) if d["label"] == "City"}
    assert cities == {"kanazawa", "fabriano"}  # crafts cities designated by 2015
    projects = {
        n.split(":", 1)[1] for n, d in found.nodes(data=True) if d["label"] == "PilotProject"
    }
    assert projects == {"paper-road", "sound-axis", "bologna-fabriano"}
    assert all(found.nodes[f"City:{c}"]["designation_year"] <= 2015 for c in cities)
    # ties to cities left out leave with them
    assert not any(v == "City:bologna" or u == "City:bologna" for u, v in found.edges)


def test_uccn_export_writes_every_network_format(settings: Settings, tmp_path: Path) -> None:
    async def seed() -> None:
        async with store_session(settings) as store:
            await store.write_data(two_clusters().data())

    asyncio.run(seed())
    out = tmp_path / "network.gexf"
    done = run_uccn(
        settings, "export", "--format", "gexf", "--as-of", "2018", "--out", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "cities" in done.stdout
    _same_network(nx.read_gexf(out), _expected(2018), start="start")
    link = run_uccn(
        settings, "export", "--format", "node-link.json", "--not-global-south", cwd=tmp_path
    )
    assert link.returncode == 0, link.stderr
    _same_network(
        nx.node_link_graph(json.loads(link.stdout), edges="edges"), _expected(south=False)
    )
    early = run_uccn(settings, "export", "--format", "edges.csv", "--as-of", "1990", cwd=tmp_path)
    assert early.returncode == 2
    assert "--as-of must be a year from 2004" in early.stderr


# --- the whole graph as JSON, written page by page ---------------------------------------------


def _json_dump(data: GraphData) -> str:
    """The document as `json.dump(..., indent=2)` writes it whole: what the export always gave."""
    nodes = [
        {"label": label, "id": row["id"], "properties": properties(row)}
        for label, row in ordered_nodes(data)
    ]
    relationships = [
        {
            "type": REL_BY_KEY[key].type,
            "start": {"label": REL_BY_KEY[key].start, "id": link.start},
            "end": {"label": REL_BY_KEY[key].end, "id": link.end},
            "properties": properties(link.props),
        }
        for key, link in ordered_links(data)
    ]
    document = {
        "format": "uccn-graph",
        "version": 1,
        "nodes": nodes,
        "relationships": relationships,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _odd_values() -> GraphData:
    """Values of every kind the JSON writer formats itself or hands to the json module."""
    data = two_clusters().data()
    city = data.nodes["City"][0]
    city.update(
        name='Bogo\u0007tá "quoted" \\ back\nslash \u2028 😀',
        latitude=-0.0,
        longitude=1e-7,
        designation_year=2**40,
        generated=True,
        aliases=["a", 'b "c"', "ünï"],
        empty=[],
        mixed=[1, 2.5, None, True, "x"],
    )
    data.nodes["City"][1].update(latitude=float("inf"), longitude=float("nan"))
    data.add_node("Region", {"id": "no-props"})
    return data


def _pages(data: GraphData, size: int) -> list[GraphData]:
    pages = []
    for label in data.ordered_labels():
        rows = sorted(data.nodes[label], key=lambda r: str(r["id"]))
        pages += [GraphData(nodes={label: rows[i : i + size]}) for i in range(0, len(rows), size)]
    for key in data.ordered_keys():
        links = sorted(data.links[key], key=lambda k: (k.start, k.end))
        pages += [GraphData(links={key: links[i : i + size]}) for i in range(0, len(links), size)]
    return pages


@pytest.mark.parametrize("page_size", [1, 4, 1000])
def test_json_pages_make_the_same_bytes_as_the_whole_document(page_size: int) -> None:
    data = _odd_values()
    body = io.StringIO()
    stream = JsonStream(body)
    written = [len(body.getvalue())]
    for page in _pages(data, page_size):
        stream.add(page)
        written.append(len(body.getvalue()))
    # Each page went to the body as it came: nothing of it was kept back for the end.
    assert all(after > before for before, after in itertools.pairwise(written))
    assert "".join(stream.document()) == _json_dump(data)
    assert (stream.nodes, stream.links) == (data.node_count(), data.link_count())


def test_json_of_an_empty_graph_and_of_nodes_alone() -> None:
    for data in (GraphData(), GraphData(nodes={"Region": [{"id": "r", "name": "R"}]})):
        stream = JsonStream(io.StringIO())
        stream.add(data)
        assert "".join(stream.document()) == _json_dump(data)


def test_json_refuses_a_lone_surrogate_naming_it_and_writes_nothing() -> None:
    data = two_clusters().data()
    data.nodes["City"][0]["name"] = "bad \ud800"
    stream = JsonStream(io.StringIO())
    for page in _pages(data, 3):
        stream.add(page)
    with pytest.raises(ExportRefused) as refused:
        stream.document()
    assert refused.value.problems == [
        f"City {data.nodes['City'][0]['id']!r}, property name: U+D800 at position 4 is a lone "
        "surrogate, not Unicode text"
    ]


def test_the_whole_graph_json_download_reads_the_graph_page_by_page(
    client_and_token: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, auth = client_and_token
    monkeypatch.setattr("graph.store.DUMP_PAGE", 2)
    added: list[int] = []
    add = JsonStream.add

    def counted(self: JsonStream, page: GraphData) -> None:
        added.append(page.node_count() + page.link_count())
        add(self, page)

    monkeypatch.setattr(JsonStream, "add", counted)
    answer = client.get("/export/json", headers=auth)
    assert answer.status_code == 200
    whole = two_clusters().data()
    total = whole.node_count() + whole.link_count()
    assert sum(added) == total  # everything, in pages of two nodes (or two start nodes' links)
    assert len(added) > total / 5
    assert max(added) * 10 < total
    assert answer.text == _json_dump(whole)


def test_uccn_export_json_is_the_whole_document(settings: Settings, tmp_path: Path) -> None:
    async def seed() -> None:
        async with store_session(settings) as store:
            await store.write_data(two_clusters().data())

    asyncio.run(seed())
    out = tmp_path / "graph.json"
    done = run_uccn(settings, "export", "--format", "json", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == _json_dump(two_clusters().data())
