"""Mentorships: a member city that guides a candidate city through its application.

A mentorship links one mentor and one candidate; its id (`<mentor>:<candidate>:<start year>`)
says who and since when. Its status follows its start: one started this year is proposed or
active; an older one is mostly completed, sometimes still active or ended early.
"""

from __future__ import annotations

from graph.dataset import Link
from services.synth.draft import Draft
from services.synth.draw import Weighted
from services.synth.years import CURRENT_YEAR

_MENTORSHIP_OUTCOMES = Weighted(("active", "completed", "ended-early"), (30, 55, 15))


def add_mentorships(draft: Draft) -> None:
    """About two candidates in five are mentored by a member city, of their field when it has
    one, in a mentorship started in the last five years."""
    rng, cities = draft.rng, draft.cities
    members_by_field: dict[str, list[int]] = {}
    members: list[int] = []
    for i, city in enumerate(cities):
        if city.status == "member":
            members.append(i)
            members_by_field.setdefault(city.field_id, []).append(i)
    if not members:
        return
    mentor_links = draft.links("Mentorship-MENTOR-City")
    candidate_links = draft.links("Mentorship-CANDIDATE-City")
    for candidate in cities:
        if candidate.status != "candidate" or rng.random() >= 0.4:
            continue
        mentor = cities[rng.choice(members_by_field.get(candidate.field_id) or members)]
        start = rng.randint(CURRENT_YEAR - 4, CURRENT_YEAR)
        if start == CURRENT_YEAR:
            status = rng.choice(("proposed", "active"))
        else:
            status = _MENTORSHIP_OUTCOMES.pick(rng)
        ended = status in ("completed", "ended-early")
        end = min(start + rng.randint(1, 2), CURRENT_YEAR) if ended else None
        mentorship_id = draft.unique("Mentorship", f"{mentor.id}:{candidate.id}:{start}")
        draft.node(
            "Mentorship",
            {"id": mentorship_id, "start_year": start, "end_year": end, "status": status},
        )
        mentor_links.append(Link(mentorship_id, mentor.id, {}))
        candidate_links.append(Link(mentorship_id, candidate.id, {}))
