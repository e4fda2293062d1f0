"""The `uccn` command line through its real entry point, as a user runs it."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import urllib.request
from pathlib import Path

import pytest

from hub.bootstrap import store_session
from hub.cli import main
from hub.settings import Settings
from services.reference.dataset import load_reference_data
from tests.services.reference.releases import previous_release
from tests.serving import run_uccn, serving


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(main.commands))])
def test_every_command_has_help(command: list[str], settings: Settings, tmp_path: Path) -> None:
    result = run_uccn(settings, *command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: uccn")


def test_load_then_stats_report_the_real_network(settings: Settings, tmp_path: Path) -> None:
    loaded = run_uccn(settings, "load", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    stats = run_uccn(settings, "stats", "--json", cwd=tmp_path)
    counts = json.loads(stats.stdout)
    assert counts["nodes"]["City"] == 405
    assert counts["city_statuses"] == {"member": 405}
    assert counts["nodes"]["CreativeField"] == 8
    assert counts["nodes"]["Region"] == 5
    assert counts["nodes"]["SDGGoal"] == 17
    assert counts["nodes"]["SDGTarget"] == 169
    table = run_uccn(settings, "stats", cwd=tmp_path).stdout
    assert any(line.split() == ["City", "405"] for line in table.splitlines())
    doctor = run_uccn(settings, "doctor", cwd=tmp_path)
    assert doctor.returncode == 0, doctor.stdout
    assert "[ok] data: 405 cities" in doctor.stdout


def test_stats_count_cities_per_status(settings: Settings, tmp_path: Path) -> None:
    assert run_uccn(settings, "load", cwd=tmp_path).returncode == 0
    cities = tmp_path / "cities.csv"
    cities.write_text(
        "name,country,field,status\n"
        "Tarnów,PL,Crafts and Folk Art,candidate\n"
        "Nowhere Town,TH,Crafts and Folk Art,candidate\n"
        "Old Town,TH,Design,former\n",
        encoding="utf-8",
    )
    imported = run_uccn(settings, "import", str(cities), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    counts = json.loads(run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout)
    assert counts["nodes"]["City"] == 408
    assert counts["city_statuses"] == {"candidate": 2, "former": 1, "member": 405}
    table = run_uccn(settings, "stats", cwd=tmp_path).stdout.splitlines()
    for line in (["City", "408"], ["City", "(member)", "405"], ["City", "(candidate)", "2"]):
        assert line in [row.split() for row in table]


def test_load_moves_a_graph_loaded_from_the_previous_data(
    settings: Settings, tmp_path: Path
) -> None:
    async def write_previous_release() -> None:
        async with store_session(settings) as store:
            await store.write_data(previous_release(load_reference_data()))

    asyncio.run(write_previous_release())
    loaded = run_uccn(settings, "load", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    lines = loaded.stdout.splitlines()
    assert "moved city odz to its new id lodz (the old id still resolves)" in lines
    assert "moved city wrocaw to its new id wroclaw (the old id still resolves)" in lines
    assert any(line.startswith("removed city lagos and its 0 records: ") for line in lines)
    again = run_uccn(settings, "load", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert [
        line for line in again.stdout.splitlines() if line.startswith(("moved", "removed"))
    ] == []
    counts = json.loads(run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout)
    assert counts["city_statuses"] == {"member": 405}


def test_doctor_on_an_empty_graph_says_to_load(settings: Settings, tmp_path: Path) -> None:
    doctor = run_uccn(settings, "doctor", cwd=tmp_path)
    assert doctor.returncode == 1
    assert "run `uccn load`" in doctor.stdout


def test_doctor_names_an_unreachable_neo4j(settings: Settings, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_uccn(
        settings,
        "doctor",
        cwd=tmp_path,
        UCCN_GRAPH_URL=f"bolt://127.0.0.1:{port}",
        UCCN_GRAPH_CONNECT_TIMEOUT_S="2",
    )
    assert result.returncode == 1
    assert f"[FAIL] reachable: Neo4j at bolt://127.0.0.1:{port} is unreachable" in result.stdout


def test_bad_settings_are_named_without_a_traceback(settings: Settings, tmp_path: Path) -> None:
    result = run_uccn(settings, "stats", cwd=tmp_path, UCCN_PORT="eighty")
    assert result.returncode == 1
    assert "bad settings: UCCN_PORT: Input should be a valid integer" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_uccn(settings, "stats", cwd=tmp_path, UCCN_GRAPH_URL="postgres://db")
    assert "scheme 'postgres' is not supported" in result.stderr
    assert "Traceback" not in result.stderr


def _get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310 (loopback http only)
        url, data=data, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback only)
        return int(response.status), bytes(response.read())


def test_serve_answers_health_and_graphql_over_http(settings: Settings, tmp_path: Path) -> None:
    assert run_uccn(settings, "load", cwd=tmp_path).returncode == 0
    with serving(settings, tmp_path) as served:
        status, body = _get(f"{served.base}/healthz")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        status, body = _get(f"{served.base}/readyz")
        assert status == 200
        assert json.loads(body)["status"] == "ready"
        query = json.dumps({"query": '{ city(id: "chiang-mai") { name designationYear } }'})
        status, body = _get(f"{served.base}/graphql", query.encode())
        assert json.loads(body) == {
            "data": {"city": {"name": "Chiang Mai", "designationYear": 2017}}
        }
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the exit status tells the truth.
    assert served.process.returncode in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in served.log


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml"])
def test_export_then_import_reproduces_the_graph(
    fmt: str, settings: Settings, tmp_path: Path
) -> None:
    assert run_uccn(settings, "load", cwd=tmp_path).returncode == 0
    exported = tmp_path / f"graph.{fmt}"
    result = run_uccn(settings, "export", "--format", fmt, "--out", str(exported), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    fresh = settings.model_copy(update={"graph_name": settings.graph_name + "x"})
    imported = run_uccn(fresh, "import", str(exported), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    again = tmp_path / f"again.{fmt}"
    run_uccn(fresh, "export", "--format", fmt, "--out", str(again), cwd=tmp_path)
    assert again.read_bytes() == exported.read_bytes()


def test_bad_import_file_lists_each_error_and_writes_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    assert run_uccn(settings, "load", cwd=tmp_path).returncode == 0
    before = run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout
    cities = tmp_path / "cities.csv"
    cities.write_text(
        "name,country,field,designation_year\n"
        "Nowhere Town,TH,crafts-and-folk-art,2023\n"
        "Atlantis,XX,Design,2023\n"
        "Old Town,TH,Design,1800\n",
        encoding="utf-8",
    )
    result = run_uccn(settings, "import", str(cities), cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(cities))]
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith(f"{cities}:3: country: ")
    assert errors[1].startswith(f"{cities}:4: designation_year: ")
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout == before


def test_synth_writes_a_generated_network(settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "synth.json"
    first = run_uccn(
        settings, "synth", "--cities", "30", "--seed", "7", "--out", str(out), cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    loaded = run_uccn(settings, "synth", "--cities", "30", "--seed", "7", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    counts = json.loads(run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout)
    assert counts["nodes"]["City"] == 405 + 30
    document = json.loads(out.read_text())
    generated = [n for n in document["nodes"] if n["properties"].get("generated")]
    assert len([n for n in generated if n["label"] == "City"]) == 30


def test_import_reports_a_rename_and_refuses_another_country(
    settings: Settings, tmp_path: Path
) -> None:
    assert run_uccn(settings, "load", cwd=tmp_path).returncode == 0
    cities = tmp_path / "cities.csv"
    cities.write_text(
        "id,name,country,field\nchiang-mai,Chiang Mai City,TH,Crafts and Folk Art\n",
        encoding="utf-8",
    )
    renamed = run_uccn(settings, "import", str(cities), cwd=tmp_path)
    assert renamed.returncode == 0, renamed.stderr
    assert "renamed City 'chiang-mai': 'Chiang Mai' -> 'Chiang Mai City'" in renamed.stdout
    before = run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout
    cities.write_text(
        "id,name,country,field\nchiang-mai,Chiang Mai,CO,Crafts and Folk Art\n", encoding="utf-8"
    )
    moved = run_uccn(settings, "import", str(cities), cwd=tmp_path)
    assert moved.returncode == 1
    assert moved.stderr.startswith(
        f"{cities}:2: country: city 'chiang-mai' has the country TH in the graph, not CO: "
    )
    assert "nothing was imported" in moved.stderr
    assert "Traceback" not in moved.stderr
    assert run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout == before
