"""A deterministic synthetic network in the shape of the model, for load tests and demos.

`generate(cities, seed, reference)` invents `cities` cities with everything around them:
partner institutions, pilot projects, monitoring reports, contributions, mentorships, focal
points, and what the brain's users record: introductions, dismissed proposals and applications
to host the next Annual Conference. Every invented node carries `generated: True` (where the
model has that property), so that it can be told apart from, and deleted without touching, the
real network.

`generate_layer(reference, seed, layer)` invents the same records around the real member cities
of `reference` instead of invented ones (the demo layer, `demo`): it adopts them as its city
pool and never writes them out.

It never invents reference nodes (regions, countries, creative fields, SDG goals and targets).
It links to the ones in `reference`, the real network that the caller loads first; without a
reference it adds `minimal_reference()`, a small real subset with the same ids, to its output.

The same `cities`, `seed` and reference always give the same graph: one `random.Random(seed)`
drives everything, only lists are iterated and no clock is read. The calendar is fixed at
`CURRENT_YEAR`, so "overdue" is relative to that year.

This module is the package's public face; one module per step sits beside it (`network` runs
them in order).
"""

from __future__ import annotations

from services.synth.network import Layer, generate, generate_layer
from services.synth.reference import minimal_reference
from services.synth.targets import HERITAGE_TARGET
from services.synth.years import CURRENT_YEAR, FIRST_YEAR, HOST_YEAR, NEXT_CALL, PAST_CALL

__all__ = [
    "CURRENT_YEAR",
    "FIRST_YEAR",
    "HERITAGE_TARGET",
    "HOST_YEAR",
    "NEXT_CALL",
    "PAST_CALL",
    "Layer",
    "generate",
    "generate_layer",
    "minimal_reference",
]
