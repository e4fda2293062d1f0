"""Request latencies, measured case against case in one run: what the API and brain benchmarks
report as p50 and p95.

The cases take turns, and which goes first alternates, so that a slow patch of a shared machine
weighs on every case alike; warm-ups run before anything is timed.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from bench.loadgen import percentile

Call = Callable[[], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Latencies:
    seconds: tuple[float, ...]

    @property
    def p50(self) -> float:
        return percentile(self.seconds, 50)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 95)

    def describe(self) -> str:
        return (
            f"p50 {self.p50 * 1000:.1f} ms, p95 {self.p95 * 1000:.1f} ms, "
            f"min {min(self.seconds) * 1000:.1f} ms over {len(self.seconds)} requests"
        )


async def measure(cases: Mapping[str, Call], requests: int, warmup: int) -> dict[str, Latencies]:
    """Every case `requests` times, interleaved (alternating who goes first), after warm-ups."""
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            await cases[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for n in range(requests):
        for name in names if n % 2 == 0 else names[::-1]:
            started = time.perf_counter()
            await cases[name]()
            times[name].append(time.perf_counter() - started)
    return {name: Latencies(tuple(values)) for name, values in times.items()}
