"""Fixtures of the import and export tests: a small graph that uses every label, every
relationship and every property type, and a store holding the reference nodes that entity
files refer to."""

from __future__ import annotations

import pytest

from graph.dataset import GraphData
from graph.model import EXPORTED_LABELS, EXPORTED_RELATIONSHIPS
from graph.store import GraphStore, fold_name


def _city(city_id: str, name: str, **props: object) -> dict[str, object]:
    return {"id": city_id, "name": name, "search_name": fold_name(name), **props}


def build_sample_graph() -> GraphData:
    g = GraphData()
    g.add_node(
        "Region",
        {
            "id": "asia-and-the-pacific",
            "name": "Asia and the Pacific",
            "code": "ASIA_AND_THE_PACIFIC",
        },
    )
    g.add_node(
        "Region",
        {
            "id": "latin-america-and-the-caribbean",
            "name": "Latin America and the Caribbean",
            "code": "LAC",
        },
    )
    g.add_node(
        "Country",
        {
            "id": "TH",
            "iso3": "THA",
            "m49": "764",
            "name": "Thailand",
            "name_fr": "Thaïlande",
            "status": "Yes",
            "global_south": True,
            "ldc": False,
            "lldc": False,
            "sids": False,
            "region_source": "whc-sites-2021",
        },
    )
    g.add_node("Country", {"id": "CO", "name": "Colombia", "global_south": True})
    g.add_node("Country", {"id": "CN", "name": "China"})
    g.add_node(
        "Country",
        {"id": "MO", "name": "Macao", "status": "Part of CN", "region_source": "inherited from CN"},
    )
    g.add_node(
        "CreativeField",
        {
            "id": "crafts-and-folk-art",
            "name": "Crafts and Folk Art",
            "code": "CRAFTS_AND_FOLK_ART",
            "since_year": 2004,
        },
    )
    g.add_node("CreativeField", {"id": "gastronomy", "name": "Gastronomy", "code": "GASTRONOMY"})
    g.add_node(
        "City",
        _city(
            "chiang-mai",
            "Chiang Mai",
            status="member",
            designation_year=2017,
            latitude=18.79038,
            longitude=98.98468,
            population=127240,
            geonames_id="1153671",
            unesco_url="https://www.unesco.org/en/creative-cities/chiang-mai",
            languages=["th", "en"],
            generated=False,
        ),
    )
    g.add_node(
        "City",
        _city(
            "bogota",
            "Bogotá",
            status="member",
            designation_year=2012,
            latitude=4.0,
            longitude=-74.0,
            population=7_900_000,
            languages=[],
        ),
    )
    g.add_node("City", _city("macao", "澳門 Macao", status="candidate", generated=True))
    g.add_node(
        "PartnerInstitution",
        {
            "id": "chiang-mai-university",
            "name": "Chiang Mai University",
            "search_name": "chiang mai university",
            "kind": "university",
            "website": "https://www.cmu.ac.th",
        },
    )
    g.add_node(
        "PilotProject",
        {
            "id": "lanna-crafts-lab",
            "title": "Lanna Crafts Lab",
            "search_name": "lanna crafts lab",
            "summary": 'Weaving, "lacquer" & <silver>;\nsecond line',
            "start_year": 2021,
            "end_year": 2024,
            "status": "active",
            "generated": False,
        },
    )
    g.add_node(
        "SDGGoal",
        {
            "id": "11",
            "number": 11,
            "short_title_en": "Sustainable cities",
            "title_en": "Make cities inclusive, safe, resilient and sustainable",
            "title_fr": "Villes et communautés durables",
        },
    )
    g.add_node(
        "SDGTarget",
        {"id": "11.4", "goal": 11, "title_en": "Protect the world's cultural and natural heritage"},
    )
    g.add_node("SDGTarget", {"id": "11.a", "goal": 11, "title_en": "Support links"})
    g.add_node(
        "MonitoringReport",
        {
            "id": "chiang-mai:2023",
            "cycle": 2023,
            "due_date": "2023-11-30",
            "submitted_date": "2023-11-02",
            "url": "https://example.org/report.pdf",
        },
    )
    g.add_node(
        "Contribution",
        {"id": "bogota:2019", "year": 2019, "amount": 1500.5, "currency": "EUR", "generated": True},
    )
    g.add_node(
        "Conference",
        {
            "id": "2019-fabriano",
            "edition": "XIII",
            "year": 2019,
            "host_city_name": "Fabriano",
            "dates": "10–15 June",
            "theme": "A Tale of Cities",
            "status": "held",
            "notes": "tab\there, cr\rthere, spaces  ",
        },
    )
    g.add_node(
        "Mentorship", {"id": "chiang-mai:macao:2024", "start_year": 2024, "status": "proposed"}
    )
    g.add_node(
        "Introduction",
        {
            "id": "chiang-mai:bogota:2026-03-02",
            "status": "became-project",
            "partner_kind": "city",
            "need": "targets=11.4",
            "note": 'a note, with "quotes" and a\nnew line',
            "requested_date": "2026-03-02",
            "updated_date": "2026-05-01",
        },
    )
    g.add_node(
        "Introduction",
        {
            "id": "bogota:chiang-mai-university:2026-04-01",
            "status": "requested",
            "partner_kind": "institution",
            "requested_date": "2026-04-01",
        },
    )
    g.add_node(
        "Dismissal",
        {
            "id": "bogota:institution:chiang-mai-university:any",
            "partner_kind": "institution",
            "partner_id": "chiang-mai-university",
            "need": "any",
            "dismissed_date": "2026-03-03",
        },
    )
    g.add_node(
        "HostApplication",
        {
            "id": "2027:bogota",
            "year": 2027,
            "venue_seats": 1200,
            "hotel_rooms": 900,
            "airport_km": 15.5,
            "submitted_date": "2026-01-15",
            "notes": "Teatro Colón",
        },
    )
    g.add_node(
        "FocalPoint",
        {
            "id": "chiang-mai-somchai",
            "name": "Somchai Kittisak",
            "email": "somchai@example.org",
            "slack_user_id": "U0123",
            "language": "th",
        },
    )
    links: dict[str, list[tuple[str, str, dict[str, object]]]] = {
        "Country-IN_REGION-Region": [
            ("TH", "asia-and-the-pacific", {}),
            ("CO", "latin-america-and-the-caribbean", {}),
        ],
        "Country-PART_OF-Country": [("MO", "CN", {})],
        "City-IN_COUNTRY-Country": [
            ("chiang-mai", "TH", {}),
            ("bogota", "CO", {}),
            ("macao", "MO", {}),
        ],
        "City-DESIGNATED_IN-CreativeField": [
            ("chiang-mai", "crafts-and-folk-art", {"year": 2017}),
            ("macao", "gastronomy", {}),
        ],
        "SDGTarget-OF_GOAL-SDGGoal": [("11.4", "11", {}), ("11.a", "11", {})],
        "PilotProject-LED_BY-City": [("lanna-crafts-lab", "chiang-mai", {})],
        "City-PARTICIPATES_IN-PilotProject": [
            ("chiang-mai", "lanna-crafts-lab", {"role": "lead"}),
            ("bogota", "lanna-crafts-lab", {}),
        ],
        "PartnerInstitution-CONTRIBUTES_TO-PilotProject": [
            ("chiang-mai-university", "lanna-crafts-lab", {"role": "research"})
        ],
        "City-INVITED_TO-PilotProject": [
            ("macao", "lanna-crafts-lab", {"invited_date": "2024-02-29"})
        ],
        "PilotProject-ADDRESSES-SDGTarget": [("lanna-crafts-lab", "11.4", {})],
        "PilotProject-IN_FIELD-CreativeField": [("lanna-crafts-lab", "crafts-and-folk-art", {})],
        "PartnerInstitution-PARTNERS_WITH-City": [
            ("chiang-mai-university", "chiang-mai", {"since_year": 2018})
        ],
        "PartnerInstitution-BASED_IN-Country": [("chiang-mai-university", "TH", {})],
        "MonitoringReport-REPORT_OF-City": [("chiang-mai:2023", "chiang-mai", {})],
        "Contribution-CONTRIBUTION_OF-City": [("bogota:2019", "bogota", {})],
        "Conference-HOSTED_BY-City": [("2019-fabriano", "bogota", {})],
        "Conference-HELD_IN-Country": [("2019-fabriano", "CO", {})],
        "Mentorship-MENTOR-City": [("chiang-mai:macao:2024", "chiang-mai", {})],
        "Mentorship-CANDIDATE-City": [("chiang-mai:macao:2024", "macao", {})],
        "FocalPoint-REPRESENTS-City": [("chiang-mai-somchai", "chiang-mai", {})],
        "Introduction-REQUESTED_BY-City": [
            ("chiang-mai:bogota:2026-03-02", "chiang-mai", {}),
            ("bogota:chiang-mai-university:2026-04-01", "bogota", {}),
        ],
        "Introduction-TO_CITY-City": [("chiang-mai:bogota:2026-03-02", "bogota", {})],
        "Introduction-TO_INSTITUTION-PartnerInstitution": [
            ("bogota:chiang-mai-university:2026-04-01", "chiang-mai-university", {})
        ],
        "Dismissal-DISMISSED_BY-City": [
            ("bogota:institution:chiang-mai-university:any", "bogota", {})
        ],
        "HostApplication-APPLIED_BY-City": [("2027:bogota", "bogota", {})],
    }
    for key, rows in links.items():
        for start, end, props in rows:
            g.add_link(key, start, end, props)
    assert set(g.nodes) == set(EXPORTED_LABELS)
    assert set(g.links) == {r.key for r in EXPORTED_RELATIONSHIPS}
    return g


@pytest.fixture
def sample_graph() -> GraphData:
    """Every label and relationship of the model; ints, floats (one of them whole), bools,
    dates, string lists (one empty), unicode, and text that CSV and XML must escape."""
    return build_sample_graph()


REFERENCE = GraphData(
    nodes={
        "Country": [{"id": "TH", "name": "Thailand"}, {"id": "CO", "name": "Colombia"}],
        "CreativeField": [
            {"id": "crafts-and-folk-art", "name": "Crafts and Folk Art", "code": "CRAFTS"},
            {"id": "design", "name": "Design", "code": "DESIGN"},
        ],
        "SDGGoal": [{"id": "11", "number": 11, "short_title_en": "Cities", "title_en": "Cities"}],
        "SDGTarget": [{"id": "11.4", "goal": 11, "title_en": "Heritage"}],
    }
)


@pytest.fixture
async def reference_store(store: GraphStore) -> GraphStore:
    """The shared empty store, holding two countries, two creative fields and an SDG target."""
    await store.write_data(REFERENCE)
    return store
