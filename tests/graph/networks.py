"""Small hand-built networks whose right answers are known."""

from __future__ import annotations

from graph.dataset import GraphData
from graph.store import fold_name


def small_network() -> GraphData:
    data = GraphData()
    data.add_node(
        "Region",
        {
            "id": "asia-and-the-pacific",
            "name": "Asia and the Pacific",
            "code": "ASIA_AND_THE_PACIFIC",
        },
    )
    data.add_node("Country", {"id": "TH", "name": "Thailand", "global_south": True})
    data.add_node("Country", {"id": "CO", "name": "Colombia", "global_south": True})
    for city_id, name, country in [
        ("chiang-mai", "Chiang Mai", "TH"),
        ("bogota", "Bogotá", "CO"),
        ("phuket", "Phuket", "TH"),
        ("sukhothai", "Sukhothai", "TH"),
    ]:
        data.add_node(
            "City",
            {
                "id": city_id,
                "name": name,
                "search_name": fold_name(name),
                "status": "member",
                "designation_year": 2017,
                "languages": ["th", "en"],
                "latitude": 18.79,
            },
        )
        data.add_link("City-IN_COUNTRY-Country", city_id, country)
    data.add_link("Country-IN_REGION-Region", "TH", "asia-and-the-pacific")
    data.add_node(
        "PilotProject", {"id": "p1", "title": "Crafts lab", "start_year": 2020, "status": "active"}
    )
    data.add_node(
        "PilotProject",
        {"id": "p2", "title": "Music bridge", "start_year": 2021, "status": "planned"},
    )
    data.add_link("PilotProject-LED_BY-City", "p1", "chiang-mai")
    data.add_link("City-PARTICIPATES_IN-PilotProject", "bogota", "p1", {"role": "partner"})
    data.add_link("PilotProject-LED_BY-City", "p2", "bogota")
    data.add_link("City-PARTICIPATES_IN-PilotProject", "phuket", "p2")
    return data
