"""Partner institutions: universities, guilds, foundations, studios... of the pool's cities.

Each is named after its home city and what the city's field is about, is based in the city's
country, and partners with its home city and, now and then, one or two neighbours (same country
or same region), since a year no earlier than the city's designation.
"""

from __future__ import annotations

from graph.dataset import Link
from graph.model import INSTITUTION_KINDS
from names import fold_name, slugify
from services.synth.draft import Draft
from services.synth.draw import Weighted
from services.synth.years import CURRENT_YEAR, FIRST_YEAR

# What an institution of a field's city is about.
_FIELD_SUBJECTS: dict[str, tuple[str, ...]] = {
    "crafts-and-folk-art": ("Crafts", "Folk Art", "Textiles", "Ceramics"),
    "design": ("Design", "Industrial Design", "Visual Communication"),
    "film": ("Film", "Cinema", "Animation"),
    "gastronomy": ("Gastronomy", "Culinary Arts", "Food Heritage"),
    "literature": ("Literature", "Books", "Translation"),
    "media-arts": ("Media Arts", "Digital Arts", "New Media"),
    "music": ("Music", "Performing Arts", "Sound"),
    "architecture": ("Architecture", "Urban Design", "Heritage Conservation"),
}
_GENERIC_SUBJECTS = ("Culture", "Creative Industries", "the Arts")
_KIND_WEIGHTS: dict[str, int] = {
    "university": 30,
    "training-institute": 12,
    "professional-body": 12,
    "ngo": 18,
    "cultural-centre": 15,
    "company": 10,
    "city-network": 3,
}
_INSTITUTION_TEMPLATES: dict[str, tuple[str, ...]] = {
    "university": (
        "University of {city}", "{city} University of the Arts", "{city} Polytechnic",
        "{city} Institute of Technology",
    ),
    "training-institute": (
        "{city} Institute of {subject}", "{city} School of {subject}",
        "{city} Academy of {subject}",
    ),
    "professional-body": (
        "{city} {subject} Guild", "{city} Association of {subject} Professionals",
        "{city} Chamber of {subject}",
    ),
    "ngo": ("{city} {subject} Foundation", "Friends of {city} {subject}", "{city} Heritage Trust"),
    "cultural-centre": ("{city} {subject} Centre", "{city} House of Culture", "{city} Museum of {subject}"),  # noqa: E501
    "company": ("{word} Studios", "{word} Creative Labs", "{word} Media", "{word} Workshop"),
    "city-network": ("{city} Creative Cities Alliance", "{word} Cities Forum"),
}  # fmt: skip
_EXTRA_PARTNERS = Weighted((0, 1, 2), (60, 30, 10))  # partner cities besides the home city


def add_institutions(draft: Draft, count: int) -> None:
    """`count` institutions, each at home in a city of the pool drawn uniformly."""
    rng, cities = draft.rng, draft.cities
    if not cities or not count:
        return
    kind_names = [k for k in INSTITUTION_KINDS if k in _KIND_WEIGHTS]
    kinds = Weighted(kind_names, [_KIND_WEIGHTS[k] for k in kind_names])
    by_country: dict[str, list[int]] = {}
    by_region: dict[str, list[int]] = {}
    for i, city in enumerate(cities):
        by_country.setdefault(city.country, []).append(i)
        by_region.setdefault(city.region, []).append(i)
    partners = draft.links("PartnerInstitution-PARTNERS_WITH-City")
    based = draft.links("PartnerInstitution-BASED_IN-Country")
    for _ in range(count):
        home_index = rng.randrange(len(cities))
        home = cities[home_index]
        kind = kinds.pick(rng)
        template = rng.choice(_INSTITUTION_TEMPLATES.get(kind, ("{city} {subject} Centre",)))
        subject = rng.choice(_FIELD_SUBJECTS.get(home.field_id, _GENERIC_SUBJECTS))
        name = template.format(city=home.name, subject=subject, word=draft.word(home.region))
        inst_id = draft.unique("PartnerInstitution", slugify(name))
        draft.node(
            "PartnerInstitution",
            {
                "id": inst_id,
                "name": name,
                "search_name": fold_name(name),
                "kind": kind,
                "website": f"https://{inst_id}.example.org",
            },
        )
        index = len(draft.institutions)
        draft.institutions.append((inst_id, home_index))
        based.append(Link(inst_id, home.country, {}))
        chosen = [home_index]
        for _extra in range(_EXTRA_PARTNERS.pick(rng)):
            pool = by_country[home.country] if rng.random() < 0.5 else by_region[home.region]
            other = rng.choice(pool)
            if other not in chosen:
                chosen.append(other)
        for city_index in chosen:
            city = cities[city_index]
            start = city.year if city.year is not None else CURRENT_YEAR - 3
            since = rng.randint(max(start, FIRST_YEAR), CURRENT_YEAR)
            partners.append(Link(inst_id, city.id, {"since_year": since}))
            city.institutions.append(index)
