"""The researchers' benchmark at a tiny size: every part runs through its real path (schema,
served hub, headless Chromium, `uccn export` processes), reports what it promised, and leaves
no process behind. Timings are never asserted, only that there are some."""

from __future__ import annotations

import psutil
import pytest

from bench import format_results
from bench.research import bench_research


def children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


@pytest.mark.slow
async def test_research_benchmark_reports_every_part() -> None:
    before = children()
    results = await bench_research(cities=120, seed=3)
    assert [r.name for r in results] == [
        "research-stats",
        "research-measures",
        "research-explorer",
        "research-export",
    ]
    stats, measures, explorer, export = results
    assert "member cities" in stats.measurements[0].detail
    assert [m.case for m in measures.measurements][:5] == [
        "centrality degree",
        "centrality betweenness",
        "centrality pagerank",
        "centrality eigenvector",
        "communities (Leiden)",
    ]
    assert explorer.measurements[0].rows > 400  # the real cities and the synthetic ones
    pans = [m for m in explorer.measurements if m.case.startswith("panning")]
    assert len(pans) == 3
    assert all(m.detail.endswith(" fps") for m in pans)
    assert not any(note.startswith("console error") for note in explorer.notes)
    assert [m.case for m in export.measurements] == [
        "uccn export --format graphml",
        "uccn export --format json",
        "uccn export --format gexf",
    ]
    assert all(m.seconds > 0 for r in results for m in r.measurements)
    assert "ratios:" in format_results(results)
    assert children() <= before
