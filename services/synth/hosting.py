"""Applications to host the next Annual Conference (`HOST_YEAR`), from a handful of members.

The declared capacity (venue seats, hotel rooms, distance to the airport) varies around what a
conference needs, so that ranking the hosts has some to prefer and some that fall short; every
third applicant leaves one figure out, so that the ranking meets missing figures too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from graph.dataset import Link
from services.synth.draft import City, Draft
from services.synth.years import CURRENT_YEAR, HOST_YEAR, day

_HOST_APPLICANTS = (5, 12)
_HOST_NOTES = (
    "Main venue: {city} Convention Centre.",
    "Hotel rooms include the neighbouring towns.",
    "Venue under renovation, ready a year before the conference.",
    "Shuttle from the airport included in the offer.",
    None,
    None,
)


def add_host_applications(draft: Draft, members: Sequence[City]) -> None:
    """Five to twelve of `members` (all of them if fewer) apply, each once."""
    rng = draft.rng
    low, high = _HOST_APPLICANTS
    applicants = rng.sample(members, min(len(members), rng.randint(low, high)))
    applied_by = draft.links("HostApplication-APPLIED_BY-City")
    for n, city in enumerate(applicants):
        declared: dict[str, float | None] = {
            "venue_seats": round(rng.uniform(300, 2500), -1),
            "hotel_rooms": round(rng.lognormvariate(math.log(1400), 0.6), -1),
            "airport_km": round(rng.uniform(3.0, 90.0), 1),
        }
        if n % 3 == 1:
            declared[rng.choice(sorted(declared))] = None
        note = rng.choice(_HOST_NOTES)
        application_id = f"{HOST_YEAR}:{city.id}"
        draft.node(
            "HostApplication",
            {
                "id": application_id,
                "year": HOST_YEAR,
                "venue_seats": _whole(declared["venue_seats"]),
                "hotel_rooms": _whole(declared["hotel_rooms"]),
                "airport_km": declared["airport_km"],
                "submitted_date": day(rng, CURRENT_YEAR).isoformat(),
                "notes": note.format(city=city.name) if note else None,
            },
        )
        applied_by.append(Link(application_id, city.id, {}))


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)
