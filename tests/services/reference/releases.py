"""The graph `uccn load` wrote from the previous release of the reference data (before the
Lagos withdrawal, the 21 cities added after the October 2025 round and transliterated ids),
rebuilt from the current data: what an existing installation holds before it loads again."""

from __future__ import annotations

from graph.dataset import GraphData, Link

# The ids the previous rule gave (it dropped letters Unicode does not decompose), by current id.
OLD_IDS = {
    "kirsehir": "krsehir",
    "lodz": "odz",
    "sanliurfa": "sanlurfa",
    "wroclaw": "wrocaw",
}

# Cities added to the data after the previous release (SOURCES.md: 55 of the 58 of 2025).
ADDED = {
    "ho-chi-minh-city",
    "hohr-grenzhausen",
    "kahramanmaras",
    "kelowna",
    "korhogo",
    "la-spezia",
    "lalitpur",
    "liege",
    "lubango",
    "lucknow",
    "lund",
    "manizales",
    "niksic",
    "ponorogo",
    "safi",
    "san-javier-de-loncomilla",
    "san-luis-potosi",
    "songkhla",
    "tangier",
    "varna",
    "zaragoza",
}

# Lagos as the previous release loaded it (its row in the previous uccn_cities.csv).
LAGOS = {
    "id": "lagos",
    "name": "Lagos",
    "search_name": "lagos",
    "status": "member",
    "designation_year": 2025,
    "latitude": 6.45407,
    "longitude": 3.39467,
    "population": 15388000,
    "geonames_id": "2332459",
}


def old_id(city_id: str) -> str:
    return OLD_IDS.get(city_id, city_id)


def previous_release(current: GraphData) -> GraphData:
    """`current` as the previous release's `uccn load` wrote it."""
    previous = GraphData()
    for label, rows in current.nodes.items():
        for row in rows:
            if label == "City":
                if row["id"] in ADDED:
                    continue
                row = {k: v for k, v in row.items() if k != "former_ids"} | {
                    "id": old_id(row["id"])
                }
            previous.add_node(label, dict(row))
    for key, links in current.links.items():
        start_is_city, end_is_city = key.startswith("City-"), key.endswith("-City")
        for link in links:
            if (start_is_city and link.start in ADDED) or (end_is_city and link.end in ADDED):
                continue
            previous.links.setdefault(key, []).append(
                Link(
                    old_id(link.start) if start_is_city else link.start,
                    old_id(link.end) if end_is_city else link.end,
                    dict(link.props),
                )
            )
    previous.add_node("City", dict(LAGOS))
    previous.add_link("City-IN_COUNTRY-Country", "lagos", "NG")
    previous.add_link("City-DESIGNATED_IN-CreativeField", "lagos", "literature", {"year": 2025})
    return previous
