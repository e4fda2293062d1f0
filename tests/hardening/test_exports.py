"""Every exporter writes what the graph holds or nothing (issue 13, item 3). A control character
written straight into the store (around the import and the API, which refuse it) used to make
`/export/graphml` answer 500 for everyone and `uccn export` crash with a traceback, leaving
half a file. GraphML cannot carry it, so that export is refused naming the node; JSON and CSV
carry it exactly."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph.dataset import GraphData
from hub.app import create_app
from hub.bootstrap import store_session
from hub.settings import Settings
from services.exchange.exporting import ExportRefused, export_graph
from services.policy import Role
from services.tokens import create_token
from tests.graph.networks import small_network
from tests.serving import run_uccn

BELL_NAME = "Bogo\x07tá"
REFUSED = (
    "the graph cannot be exported as graphml, nothing was written: City 'bogota', property "
    "name: U+0007 at position 4 is a character XML 1.0 cannot carry. Import those nodes again "
    "with clean values, or export another format (json and csv carry control characters)."
)


async def _seed_with_a_bell(settings: Settings) -> str:
    """The small network, with a BEL in Bogotá's name written around every check; a token."""
    async with store_session(settings) as store:
        await store.write_data(small_network())
        await store.upsert_nodes("City", [{"id": "bogota", "name": BELL_NAME}])
        return (await create_token(store, Role.RESEARCHER))[1]


def test_export_graphml_of_a_control_character_is_refused_with_the_node_named() -> None:
    data = small_network()
    data.nodes["City"][1]["name"] = BELL_NAME
    out = io.StringIO()
    with pytest.raises(ExportRefused) as refused:
        export_graph(data, "graphml", out)
    assert str(refused.value) == REFUSED
    assert out.getvalue() == ""  # not one byte before the refusal


def test_every_value_graphml_cannot_carry_is_named() -> None:
    data = GraphData()
    data.add_node("Region", {"id": "r\x01", "name": "Asia\uffff", "code": "X"})
    data.add_node("Country", {"id": "TH", "name": "T", "status": "\x1f"})
    data.add_link("Country-IN_REGION-Region", "TH", "r\x01")
    with pytest.raises(ExportRefused) as refused:
        export_graph(data, "graphml", io.StringIO())
    assert refused.value.problems == [
        "Region 'r\\x01', its id: U+0001 at position 1 is a character XML 1.0 cannot carry",
        "Region 'r\\x01', property name: U+FFFF at position 4 is a character XML 1.0 cannot carry",
        "Country 'TH', property status: U+001F at position 0 is a character XML 1.0 cannot carry",
        "relationship Country-IN_REGION-Region 'TH' -> 'r\\x01', its end: U+0001 at position 1 "
        "is a character XML 1.0 cannot carry",
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_carry_a_control_character_exactly(fmt: str) -> None:
    data = small_network()
    data.nodes["City"][1]["name"] = BELL_NAME
    out = io.StringIO()
    export_graph(data, fmt, out)  # type: ignore[arg-type]
    if fmt == "json":
        names = [n["properties"].get("name") for n in json.loads(out.getvalue())["nodes"]]
    else:
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        names = [json.loads(r["properties"]).get("name") for r in rows if r["record"] == "node"]
    assert BELL_NAME in names


def test_the_export_route_never_answers_500(settings: Settings) -> None:
    token = asyncio.run(_seed_with_a_bell(settings))
    auth = {"authorization": f"Bearer {token}"}
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        graphml = client.get("/export/graphml", headers=auth)
        assert graphml.status_code == 409
        assert graphml.json()["error"] == REFUSED
        assert graphml.json()["problems"] == [
            "City 'bogota', property name: U+0007 at position 4 is a character XML 1.0 cannot carry"
        ]
        as_json = client.get("/export/json", headers=auth)
        assert as_json.status_code == 200
        names = [n["properties"].get("name") for n in as_json.json()["nodes"]]
        assert BELL_NAME in names
        as_csv = client.get("/export/csv", headers=auth)
        assert as_csv.status_code == 200
        assert "Bogo\\u0007tá" in as_csv.text  # the properties column is JSON: escaped there


def test_uccn_export_of_a_graph_graphml_cannot_carry_leaves_no_file(
    settings: Settings, tmp_path: Path
) -> None:
    asyncio.run(_seed_with_a_bell(settings))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "graph.graphml"
    result = run_uccn(settings, "export", "--format", "graphml", "--out", str(target), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"Error: {REFUSED}\n"
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []  # no file, and no partial one
    # An earlier export under that name stays as it was.
    target.write_text("an earlier export\n", encoding="utf-8")
    again = run_uccn(settings, "export", "--format", "graphml", "--out", str(target), cwd=tmp_path)
    assert again.returncode == 1
    assert list(out.iterdir()) == [target]
    assert target.read_text(encoding="utf-8") == "an earlier export\n"
    # To stdout: nothing at all is written before the refusal.
    piped = run_uccn(settings, "export", "--format", "graphml", cwd=tmp_path)
    assert (piped.returncode, piped.stdout) == (1, "")
    # JSON carries the value: the export completes, readable as any new file would be.
    as_json = out / "graph.json"
    done = run_uccn(settings, "export", "--format", "json", "--out", str(as_json), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["graph.graphml", "graph.json"]
    assert as_json.stat().st_mode & 0o044 == 0o044
    names = [n["properties"].get("name") for n in json.loads(as_json.read_text())["nodes"]]
    assert BELL_NAME in names


def test_uccn_export_to_a_folder_that_does_not_exist_says_so(
    settings: Settings, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "graph.json"
    result = run_uccn(settings, "export", "--out", str(target), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: cannot write {target}: ")
    assert "Traceback" not in result.stderr
