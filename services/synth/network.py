"""The two ways to generate a network, and the order of their steps.

`generate` invents the cities and everything around them; `generate_layer` adopts the real
member cities of the reference as its pool and invents the rest (the demo layer, `demo`). Both
run the steps over one `Draft` in a fixed order, from one `random.Random(seed)`: the order is
part of the output, so a step added or moved changes every graph after it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graph.dataset import GraphData
from services.synth.cities import adopt_cities, invent_cities
from services.synth.draft import Draft
from services.synth.focal_points import add_focal_points
from services.synth.hosting import add_host_applications
from services.synth.institutions import add_institutions
from services.synth.introductions import add_introductions_and_dismissals
from services.synth.mentorships import add_mentorships
from services.synth.projects import add_projects
from services.synth.records import add_contributions, add_reports
from services.synth.reference import minimal_reference, read_reference
from services.synth.targets import HERITAGE_TARGET

_FEATURED_ACTIVITY = 5.0  # how much more a featured city of a layer leads projects


@dataclass(frozen=True, slots=True)
class Layer:
    """How much `generate_layer` invents around the real member cities (per real city where the
    amount should grow with the network, a fixed number where it should not)."""

    institutions_per_city: float = 0.5
    projects_per_city: float = 3.0
    focal_points_per_city: float = 0.1
    candidates: int = 30  # invented candidate cities, most of them for NEXT_CALL
    featured: tuple[str, ...] = ()  # real cities that lead several projects, one on 11.4


def generate(cities: int, seed: int, reference: GraphData | None = None) -> GraphData:
    """A synthetic network of `cities` cities, linked only to reference ids.

    With `reference` (the real network, loaded by the caller first) the output holds generated
    nodes only; without it, the output also holds `minimal_reference()`.
    """
    if cities < 0:
        raise ValueError("cities must be >= 0")
    base = reference if reference is not None else minimal_reference()
    ref = read_reference(base)
    out = GraphData()
    if reference is None:
        out.merge(base)
    draft = Draft(random.Random(seed), ref, out)
    invent_cities(draft, cities)
    add_institutions(draft, cities // 2)
    add_projects(draft, cities * 5)
    add_reports(draft)
    add_contributions(draft)
    add_mentorships(draft)
    add_focal_points(draft, max(1, cities // 20) if cities else 0)
    _users_records(draft)
    return out


def generate_layer(reference: GraphData, seed: int, layer: Layer) -> GraphData:
    """Generated records around the real member cities of `reference`, linked to them by id.

    The output holds generated nodes only: the real cities are the pool it links to, never
    rewritten, so loading it over the real network changes no real value. Candidates are
    invented after the projects so that, like new applicants, they have none yet.
    """
    out = GraphData()
    draft = Draft(random.Random(seed), read_reference(reference), out)
    adopt_cities(draft, reference)
    real = len(draft.cities)
    featured = [i for i, c in enumerate(draft.cities) if c.id in layer.featured]
    for index in featured:
        draft.cities[index].activity = max(draft.cities[index].activity, _FEATURED_ACTIVITY)
    add_institutions(draft, round(real * layer.institutions_per_city))
    add_projects(draft, round(real * layer.projects_per_city))
    add_projects(draft, len(featured), leads=featured, first_target=HERITAGE_TARGET)
    invent_cities(draft, layer.candidates, status="candidate")
    add_reports(draft)
    add_contributions(draft)
    add_mentorships(draft)
    add_focal_points(draft, round(real * layer.focal_points_per_city))
    _users_records(draft)
    return out


def _users_records(draft: Draft) -> None:
    """What the hub's users record once the network exists: introductions they asked for,
    proposals they dismissed, applications to host the next conference."""
    members = [c for c in draft.cities if c.status == "member"]
    if not members:
        return
    add_introductions_and_dismissals(draft, members)
    add_host_applications(draft, members)
