"""Benchmarks, run by `make bench` (`python -m bench`).

Each benchmark measures our code side by side with a baseline or a target in one run, and
reports a ratio. Benchmarks never assert timings: they print what they measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measurement:
    """One timed case of a benchmark."""

    case: str
    seconds: float
    rows: int = 0
    detail: str = ""

    @property
    def rows_per_s(self) -> float | None:
        if not self.rows or self.seconds <= 0:
            return None
        return self.rows / self.seconds


@dataclass(frozen=True, slots=True)
class BenchResult:
    """What one benchmark found: its cases, the ratio it reports and the goal for that ratio."""

    name: str
    title: str
    measurements: tuple[Measurement, ...]
    ratio: float
    ratio_label: str
    goal: str
    met: bool
    notes: tuple[str, ...] = ()


def format_results(results: Sequence[BenchResult]) -> str:
    """A plain-text table of every case, then one line per ratio."""
    header = ("benchmark", "case", "seconds", "rows", "rows/s")
    lines: list[tuple[str, str, str, str, str]] = []
    details: list[str] = []
    for result in results:
        for n, m in enumerate(result.measurements):
            rate = m.rows_per_s
            lines.append(
                (
                    result.title if n == 0 else "",
                    m.case,
                    f"{m.seconds:.2f}",
                    f"{m.rows:,}" if m.rows else "",
                    f"{rate:,.0f}" if rate is not None else "",
                )
            )
            if m.detail:
                details.append(f"  {result.title} / {m.case}: {m.detail}")
    widths = [max(len(row[i]) for row in (header, *lines)) for i in range(len(header))]

    def render(row: Sequence[str]) -> str:
        left = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        right = [row[i].rjust(widths[i]) for i in range(2, len(row))]
        return "  ".join(left + right).rstrip()

    out = [render(header), render(["-" * w for w in widths])]
    out += [render(row) for row in lines]
    if details:
        out += ["", "details:", *details]
    out += ["", "ratios:"]
    title_width = max((len(r.title) for r in results), default=0)
    for result in results:
        verdict = "met" if result.met else "NOT met"
        out.append(
            f"  {result.title.ljust(title_width)}  {result.ratio_label} = {result.ratio:.2f}"
            f"  (goal {result.goal}: {verdict})"
        )
        out += [f"    {note}" for note in result.notes]
    return "\n".join(out)
