"""The bot benchmark at a tiny size: it runs, answers every command it sends, reports the
cases promised and cleans up (timings are never asserted, only that there are some)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import psutil
import pytest

from bench.bot import bench_bot


def leftovers() -> tuple[set[Path], set[int]]:
    dirs = set(Path(tempfile.gettempdir()).glob("uccn-bench-*"))
    return dirs, {p.pid for p in psutil.Process().children(recursive=True)}


@pytest.mark.slow
async def test_the_bot_benchmark_reports_acks_and_answers_and_cleans_up() -> None:
    before = leftovers()
    [result] = await bench_bot(cities=30, seed=3, rounds=2, concurrency=3, batch_size=500)
    assert result.name == "bot-partners"
    cases = {m.case: m for m in result.measurements}
    assert set(cases) == {
        "ack p99 (HTTP 200)",
        "ack p50",
        "full answer p95 (respond)",
        "full answer p50",
        "the work alone p95 (no Slack, serial)",
    }
    assert cases["ack p99 (HTTP 200)"].rows == 6  # every command acked and answered
    assert cases["full answer p95 (respond)"].rows == 6
    assert all(m.seconds > 0 for m in result.measurements)
    assert result.ratio > 0
    assert leftovers() == before
