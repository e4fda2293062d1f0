"""The hub's memory: its resident set size sampled while the loads run, and what the
benchmark keeps of the samples (before, peak and after each load).

The embedded FalkorDB server is another process; its RSS is sampled apart and reported, not
counted against the hub's limit.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import psutil

MB = 1024 * 1024
RSS_SAMPLE_S = 0.02


@dataclass(slots=True)
class RssSampler:
    """Samples one process's resident set size every `RSS_SAMPLE_S` while running."""

    pid: int
    peak: int = 0
    samples: int = 0
    _process: psutil.Process | None = None
    _task: asyncio.Task[None] | None = field(default=None, repr=False)

    def now(self) -> int:
        if self._process is None:
            self._process = psutil.Process(self.pid)
        rss = int(self._process.memory_info().rss)
        self.peak = max(self.peak, rss)
        self.samples += 1
        return rss

    async def _run(self) -> None:
        with contextlib.suppress(psutil.Error):
            while True:
                self.now()
                await asyncio.sleep(RSS_SAMPLE_S)

    @contextlib.contextmanager
    def sampling(self) -> Iterator[RssSampler]:
        self.now()
        self._task = asyncio.get_running_loop().create_task(self._run())
        try:
            yield self
        finally:
            self._task.cancel()
            self._task = None
            with contextlib.suppress(psutil.Error):
                self.now()


def mb(value: int) -> float:
    return value / MB


@dataclass(slots=True)
class Memory:
    before: int = 0
    after_nested: int = 0
    after_load: int = 0
    peak_nested: int = 0
    peak_load: int = 0
    db_before: int = 0
    db_peak: int = 0
    samples: int = 0
    notes: list[str] = field(default_factory=list)
