"""The demo layer: generated activity around the REAL member cities, so that a fresh `uccn load
--demo` shows recommendations, mentor pairings, host rankings and application checks with
something to work on.

The real data has cities but no projects, reports or requests: those are what members record
once they use the hub. The layer invents them with `services.synth.generate_layer` over the
real cities, and every node it adds is marked `generated: true` (where the model has that
property), so that it is never mistaken for, and can be deleted without touching, the real
network. It never re-emits a
real node: its links point to real ids. The same reference and seed give the same layer, so
loading it twice (MERGE on ids) leaves the same graph.
"""

from __future__ import annotations

from graph.dataset import GraphData
from graph.model import LABELS
from services.synth.network import Layer, generate_layer

DEMO_SEED = 2026
# Chiang Mai works on heritage (11.4) in the layer: "partners for Chiang Mai on 11.4" then has
# partners to leave out and others to propose.
DEMO = Layer(
    institutions_per_city=0.5,
    projects_per_city=3.0,
    focal_points_per_city=0.1,
    candidates=34,
    featured=("chiang-mai",),
)


def demo_layer(reference: GraphData, seed: int = DEMO_SEED) -> GraphData:
    """Generated nodes and their links over the real member cities of `reference` (what
    `services.reference.dataset.load_reference_data()` returns and `uccn load` writes)."""
    return generate_layer(reference, seed, DEMO)


def describe(layer: GraphData) -> str:
    """What a layer adds, label by label in model order: what `uccn load --demo` prints."""
    counts = [f"{len(layer.nodes[label])} {label}" for label in LABELS if layer.nodes.get(label)]
    return ", ".join(counts)
