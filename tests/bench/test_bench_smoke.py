"""The benchmark code paths at a tiny size: they run, report the structure promised, clean up.

Timings are never asserted, only that there are some."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from bench import BenchResult, Measurement, format_results
from bench.__main__ import main
from bench.load import (
    BARE_CREATE_LINKS,
    BARE_CREATE_NODES,
    BARE_ID_INDEX,
    bench_reference,
    bench_synth,
    fresh_engine,
    load_bare,
    load_ours,
)
from graph.store import GraphStore
from services.reference.dataset import load_reference_data
from services.synth import generate

CITIES = 50


def leftover_dirs() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("uccn-bench-*"))


def check_result(result: BenchResult) -> None:
    assert result.measurements
    for m in result.measurements:
        assert isinstance(m, Measurement)
        assert m.seconds > 0
    assert result.ratio > 0
    assert result.ratio_label
    assert result.goal


async def test_reference_benchmark() -> None:
    before = leftover_dirs()
    result = await bench_reference(batch_size=500)
    check_result(result)
    assert result.name == "reference"
    assert [m.case.split(" ")[0] for m in result.measurements] == ["ours:", "ours:", "target"]
    data = load_reference_data()
    assert result.measurements[0].rows == data.node_count() + data.link_count()
    assert result.measurements[2].seconds == 15.0
    assert leftover_dirs() <= before


async def test_synth_benchmark() -> None:
    before = leftover_dirs()
    result = await bench_synth(batch_size=200, cities=CITIES, seed=3)
    check_result(result)
    assert result.name == "synth"
    ours, bare = result.measurements
    assert ours.case.startswith("ours")
    assert bare.case.startswith("bare")
    data = generate(cities=CITIES, seed=3)
    assert ours.rows == bare.rows == data.node_count() + data.link_count()
    assert ours.rows_per_s is not None
    assert bare.rows_per_s is not None
    assert result.ratio == pytest.approx(ours.rows_per_s / bare.rows_per_s)
    assert "both stores hold every generated row" in result.notes
    assert leftover_dirs() <= before


async def test_both_paths_store_the_same_graph() -> None:
    data = generate(cities=20, seed=5)
    async with fresh_engine() as engine:
        ours = await load_ours(engine, data, 100)
        ours_graph = await GraphStore(engine).read_data()
    async with fresh_engine() as engine:
        bare = await load_bare(engine, data, 100)
        bare_graph = await GraphStore(engine).read_data()
    assert ours.rows == bare.rows == data.node_count() + data.link_count()
    assert ours_graph.canonical() == bare_graph.canonical() == data.canonical()


def test_bare_statements_are_templates() -> None:
    assert "CREATE (n:City)" in BARE_CREATE_NODES.format(label="City")
    assert "(n:City) ON (n.id)" in BARE_ID_INDEX.format(label="City")
    text = BARE_CREATE_LINKS.format(start="PilotProject", end="City", type="LED_BY")
    assert "MATCH (a:PilotProject {id: row.start})" in text
    assert "CREATE (a)-[r:LED_BY]->(b)" in text


def test_table_lists_every_case_and_ratio() -> None:
    result = BenchResult(
        name="x",
        title="example",
        measurements=(Measurement("ours", 2.0, 100, "detail"), Measurement("bare", 1.0, 100)),
        ratio=0.5,
        ratio_label="ours / bare rows/s",
        goal=">= 0.50",
        met=True,
        notes=("a note",),
    )
    table = format_results([result])
    assert "example" in table
    assert "ours / bare rows/s = 0.50" in table
    assert "(goal >= 0.50: met)" in table
    assert "a note" in table
    assert "detail" in table


def test_main_runs_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    before = leftover_dirs()
    code = main(["--quick", "--cities", "20", "--only", "synth", "--batch-size", "100"])
    assert code == 0
    out = capsys.readouterr().out
    assert "synth load" in out
    assert "ours / bare rows/s" in out
    assert "reference load" not in out
    assert leftover_dirs() <= before
