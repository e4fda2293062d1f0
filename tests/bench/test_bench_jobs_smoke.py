"""The jobs benchmarks at a tiny size: they run, report the structure promised, clean up.
Timings are never asserted, only that there are some."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from bench import BenchResult
from bench.jobs import bench_jobs


@pytest.mark.slow
async def test_jobs_benchmarks_report_both_cases_and_clean_up() -> None:
    before = set(Path(tempfile.gettempdir()).glob("uccn-bench-*"))
    results = await bench_jobs(cities=40, seed=3, runs=1, batch_size=500)
    assert [r.name for r in results] == ["jobs-digest", "jobs-sweep"]
    for result in results:
        assert isinstance(result, BenchResult)
        assert all(m.seconds > 0 for m in result.measurements)
        assert result.ratio > 0
    digest, sweep = results
    assert "bare" in digest.measurements[1].case
    assert sweep.measurements[1].detail.endswith("0 failed, 0 without transport")
    assert " 0 sent" in sweep.measurements[1].detail  # the second sweep sends nothing again
    assert set(Path(tempfile.gettempdir()).glob("uccn-bench-*")) == before
