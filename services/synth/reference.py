"""What the generator takes from the reference graph, read once into a deterministic order.

The generator never invents reference nodes (regions, countries, creative fields, SDG goals and
targets): it links to the ones of the reference the caller loads first. It reads from them where
cities may go (countries with a region and a place to anchor a city), how likely each country
and field is (the real network's counts, tilted towards the Global South), which SDG targets
exist, and which ids are taken. Without a reference, `minimal_reference()` stands in for it: a
small real subset with the real ids, built from `tables`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph.dataset import GraphData
from services.synth.tables import (
    COUNTRY_ROWS,
    FIELD_ROWS,
    GOAL_ROWS,
    REGION_ROWS,
    TARGET_ROWS,
)
from services.synth.years import FIRST_YEAR

GLOBAL_SOUTH_BOOST = 2.2  # weight multiplier that tilts invented cities towards the South
UNREPRESENTED_WEIGHT = 0.6  # weight of a country with no real creative city (sovereign state)
TERRITORY_WEIGHT = 0.15  # weight of a territory with no real creative city


@dataclass(frozen=True, slots=True)
class Country:
    id: str
    region: str
    global_south: bool
    anchors: tuple[tuple[float, float], ...]
    language: str
    weight: float


@dataclass(slots=True)
class Reference:
    """What the generator needs from the reference graph, in a deterministic order."""

    countries: list[Country]
    fields: list[str]
    field_weights: list[float]
    field_since: dict[str, int]
    targets: list[str]
    taken: dict[str, set[str]] = field(default_factory=dict)  # ids already in use, by label


def minimal_reference() -> GraphData:
    """A small real subset of the reference data, with the real ids: what `generate` links to
    when it is given no reference. Loading it over the real data changes no value."""
    data = GraphData()
    for region_id, name, code in REGION_ROWS:
        data.add_node("Region", {"id": region_id, "name": name, "code": code})
    for field_id, name, code, since, _count in FIELD_ROWS:
        data.add_node(
            "CreativeField", {"id": field_id, "name": name, "code": code, "since_year": since}
        )
    for iso2, name, region, south, *_rest in sorted(COUNTRY_ROWS):
        data.add_node("Country", {"id": iso2, "name": name, "global_south": south})
        data.add_link("Country-IN_REGION-Region", iso2, region)
    for goal, short, title in GOAL_ROWS:
        data.add_node(
            "SDGGoal", {"id": goal, "number": int(goal), "short_title_en": short, "title_en": title}
        )
    for target, title in TARGET_ROWS:
        goal = target.split(".")[0]
        data.add_node("SDGTarget", {"id": target, "goal": int(goal), "title_en": title})
        data.add_link("SDGTarget-OF_GOAL-SDGGoal", target, goal)
    return data


def read_reference(data: GraphData) -> Reference:
    """`data` as the generator draws from it; a ValueError when it has nowhere to put a city
    (no country with a region), no creative field or no SDG target."""
    country_rows = data.nodes.get("Country", [])
    region_of = {k.start: k.end for k in data.links.get("Country-IN_REGION-Region", [])}
    region_ids = {str(r["id"]) for r in data.nodes.get("Region", [])}
    builtin = {row[0]: row for row in COUNTRY_ROWS}

    city_coords = {
        str(r["id"]): (float(r["latitude"]), float(r["longitude"]))
        for r in data.nodes.get("City", [])
        if r.get("latitude") is not None and r.get("longitude") is not None
    }
    real_cities: Counter[str] = Counter()
    anchors: dict[str, list[tuple[float, float]]] = {}
    for k in data.links.get("City-IN_COUNTRY-Country", []):
        real_cities[k.end] += 1
        if k.start in city_coords:
            anchors.setdefault(k.end, []).append(city_coords[k.start])
    have_cities = bool(data.nodes.get("City"))

    countries: list[Country] = []
    for row in country_rows:
        iso2 = str(row["id"])
        region = region_of.get(iso2)
        if region is None or region not in region_ids:
            continue  # a city needs a region: territories without one are left out
        known = builtin.get(iso2)
        points = anchors.get(iso2) or ([(known[4], known[5])] if known else [])
        if not points:
            continue  # nowhere to put a city of this country
        south = bool(row.get("global_south"))
        builtin_count = float(known[7]) if known else 0.0
        count = float(real_cities[iso2]) if have_cities else builtin_count
        if count == 0:
            sovereign = row.get("status") in (None, "Yes")
            count = UNREPRESENTED_WEIGHT if sovereign else TERRITORY_WEIGHT
        weight = count * (GLOBAL_SOUTH_BOOST if south else 1.0)
        language = known[6] if known else "en"
        countries.append(Country(iso2, region, south, tuple(points), language, weight))
    if not countries:
        raise ValueError("the reference has no country with a region to put cities in")

    field_rows = data.nodes.get("CreativeField", [])
    if not field_rows:
        raise ValueError("the reference has no creative fields")
    fields = [str(r["id"]) for r in field_rows]
    since = {str(r["id"]): int(r.get("since_year") or FIRST_YEAR) for r in field_rows}
    real_fields = Counter(k.end for k in data.links.get("City-DESIGNATED_IN-CreativeField", []))
    builtin_fields = {row[0]: row[4] for row in FIELD_ROWS}
    counts = real_fields if real_fields else builtin_fields
    field_weights = [float(counts.get(f, 0)) + 1.0 for f in fields]

    targets = [str(r["id"]) for r in data.nodes.get("SDGTarget", [])]
    if not targets:
        raise ValueError("the reference has no SDG targets")

    taken = {label: {str(r["id"]) for r in rows} for label, rows in data.nodes.items()}
    return Reference(countries, fields, field_weights, since, targets, taken)
