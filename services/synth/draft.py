"""The network being generated: the one seeded stream every step draws from, the output graph
it writes into, and what later steps need of earlier ones (the city pool, the institutions, the
ids in use).

Each step (`cities`, `institutions`, `projects`, ...) is a function over a `Draft`, and
`network` runs them in a fixed order: the steps share one `random.Random`, so the order of the
steps, and of the draws within each, is what makes a seed give one graph.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from graph.dataset import GraphData, Link, Props
from graph.model import NODE_BY_LABEL
from services.synth.reference import Reference
from services.synth.words import invent_word


@dataclass(slots=True)
class City:
    """A city of the pool: invented, or a real member city adopted by a layer."""

    id: str
    name: str
    country: str
    region: str
    field_id: str
    status: str
    year: int | None
    language: str
    activity: float  # how likely the city is to lead a project (0 for a candidate)
    institutions: list[int] = field(default_factory=list)  # indexes into Draft.institutions


class Draft:
    """The network being generated, passed from step to step."""

    def __init__(self, rng: random.Random, ref: Reference, out: GraphData) -> None:
        self.rng = rng
        self.ref = ref
        self.out = out
        self.cities: list[City] = []
        self.institutions: list[tuple[str, int]] = []  # (id, home city index)
        self.used: dict[str, set[str]] = {label: set(ids) for label, ids in ref.taken.items()}
        self.generated_flag = {
            label: spec.prop("generated") is not None for label, spec in NODE_BY_LABEL.items()
        }

    def node(self, label: str, props: Props) -> None:
        """Add a node, marked `generated` where the model has that property."""
        if self.generated_flag[label]:
            props["generated"] = True
        self.out.nodes.setdefault(label, []).append(props)

    def links(self, key: str) -> list[Link]:
        return self.out.links.setdefault(key, [])

    def unique(self, label: str, slug: str) -> str:
        """`slug`, or `slug-2`, `slug-3`, ... if taken; taken from now on."""
        used = self.used.setdefault(label, set())
        candidate, n = slug, 1
        while candidate in used:
            n += 1
            candidate = f"{slug}-{n}"
        used.add(candidate)
        return candidate

    def word(self, region: str) -> str:
        return invent_word(self.rng, region)
