"""The digest's chart: new ties (introductions asked) per region and month over 12 months, as
a PNG. matplotlib's object API with the Agg canvas: no pyplot, no global figure state, safe in
a server's threads."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def ties_chart(months: Sequence[str], per_region: Mapping[str, Sequence[int]], title: str) -> bytes:
    """A stacked bar per month, one colour per region; the PNG's bytes."""
    figure = Figure(figsize=(8, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bottom = [0] * len(months)
    for region, counts in sorted(per_region.items()):
        axes.bar(months, counts, bottom=bottom, label=region)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axes.set_title(title)
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    if per_region:
        axes.legend(fontsize=7, loc="upper left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
