"""Focal points: the people who speak for a member city in the network (and in the hub).

Invented people: a first name from a short list and a surname of the city's region's syllables,
with an `example.org` address under the city's id, so that no real person is named or mailed.
"""

from __future__ import annotations

from graph.dataset import Link
from names import slugify
from services.synth.draft import Draft

_FIRST_NAMES = (
    "Amara", "Noor", "Kenji", "Lucia", "Tomas", "Aiko", "Farid", "Ines", "Kwame", "Mei",
    "Rafael", "Sana", "Oskar", "Leila", "Ravi", "Zanele", "Mateo", "Hana", "Yusuf", "Elena",
)  # fmt: skip


def add_focal_points(draft: Draft, count: int) -> None:
    """`count` member cities drawn without repeat, each represented by one invented person."""
    rng = draft.rng
    members = [c for c in draft.cities if c.status == "member"]
    if not members:
        return
    represents = draft.links("FocalPoint-REPRESENTS-City")
    for city in rng.sample(members, min(count, len(members))):
        first = rng.choice(_FIRST_NAMES)
        last = draft.word(city.region)
        person_id = draft.unique("FocalPoint", f"{city.id}-{slugify(first)}")
        draft.node(
            "FocalPoint",
            {
                "id": person_id,
                "name": f"{first} {last}",
                "email": f"{slugify(first)}.{slugify(last)}@{city.id}.example.org",
                "language": city.language,
            },
        )
        represents.append(Link(person_id, city.id, {}))
