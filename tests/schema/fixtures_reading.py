"""Graphs the reading tests share, each loaded once per session and only read:

- `reference_graph`: the real reference data shipped in `services/reference/data/`, nothing else;
- `synthetic_graph`: the reference data plus a deterministic synthetic network (projects,
  institutions, SDG targets) for the round-trip count;
- `small_graph`: `reading_network()`, a hand-built network whose answers are known, plus an
  API token speaking for Chiang Mai (which no reading may ever show).

Import the fixtures you use into a test module: `from tests.schema.fixtures_reading import ...`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph.dataset import GraphData
from graph.store import GraphStore, fold_name
from services import synth
from services.policy import Role
from services.reference.dataset import load_reference_data
from services.reference.loading import load_reference
from services.tokens import create_token
from tests.conftest import _open, embedded_url, unique_graph_name

SYNTHETIC_CITIES = 150
SYNTHETIC_SEED = 2024


async def _fresh_store(graph_dir: Path) -> GraphStore:
    store = await _open(embedded_url(graph_dir), unique_graph_name())
    await store.setup_schema()
    return store


async def _dispose(store: GraphStore) -> None:
    await store.drop_all()
    await store.close()


@pytest.fixture(scope="session")
async def reference_graph(graph_dir: Path) -> AsyncIterator[GraphStore]:
    """The real reference data only: 405 member cities, countries, fields, SDGs, conferences."""
    store = await _fresh_store(graph_dir)
    await load_reference(store)
    try:
        yield store
    finally:
        await _dispose(store)


@pytest.fixture(scope="session")
async def synthetic_graph(graph_dir: Path) -> AsyncIterator[GraphStore]:
    """The reference data and a synthetic network over it (every generated node is marked)."""
    store = await _fresh_store(graph_dir)
    await load_reference(store)
    reference = load_reference_data()
    await store.write_data(synth.generate(SYNTHETIC_CITIES, SYNTHETIC_SEED, reference=reference))
    try:
        yield store
    finally:
        await _dispose(store)


@pytest.fixture(scope="session")
async def small_graph(graph_dir: Path) -> AsyncIterator[GraphStore]:
    """`reading_network()` and an API token that speaks for Chiang Mai."""
    store = await _fresh_store(graph_dir)
    await store.write_data(reading_network())
    await create_token(store, Role.FOCAL_POINT, "chiang-mai", label="never shown")
    try:
        yield store
    finally:
        await _dispose(store)


# City id → (name, country, field, designation year, status).
CITIES: dict[str, tuple[str, str, str, int | None, str]] = {
    "chiang-mai": ("Chiang Mai", "TH", "crafts-and-folk-art", 2017, "member"),
    "bogota": ("Bogotá", "CO", "music", 2012, "member"),
    "phuket": ("Phuket", "TH", "gastronomy", 2015, "member"),
    "sukhothai": ("Sukhothai", "TH", "crafts-and-folk-art", 2019, "member"),
    "fabriano": ("Fabriano", "IT", "crafts-and-folk-art", 2013, "member"),
    "pistoia": ("Pistoia", "IT", "design", None, "candidate"),
}

# Project id → (title, lead city, participating cities, SDG targets, field, start, end, status).
PROJECTS: dict[
    str, tuple[str, str, tuple[str, ...], tuple[str, ...], str, int, int | None, str]
] = {
    "crafts-lab": (
        "Crafts Lab",
        "chiang-mai",
        ("bogota",),
        ("11.4",),
        "crafts-and-folk-art",
        2021,
        None,
        "active",
    ),
    "music-bridge": (
        "Music Bridge",
        "bogota",
        ("fabriano",),
        ("4.7", "17.17"),
        "music",
        2022,
        None,
        "planned",
    ),
    "island-food": ("Island Food", "phuket", (), ("11.4",), "gastronomy", 2019, 2020, "completed"),
}

# Private values, by the city they belong to.
AMOUNTS = {"chiang-mai": 1000.0, "bogota": 2500.5}
CONTACTS = {
    "chiang-mai": ("chiang-mai-somchai", "Somchai Kittisak", "somchai@example.org", "U0CM"),
    "bogota": ("bogota-ana", "Ana Gómez", "ana@example.org", "U0BO"),
}


def reading_network() -> GraphData:
    """Six cities in three countries; three projects; two institutions; private data for two
    cities. The only cooperation paths:

    chiang-mai -crafts-lab- bogota -music-bridge- fabriano -paper-guild- sukhothai
    phuket -island-food- silk-institute - pistoia (a project, then an institution)
    """
    data = GraphData()
    for region_id, name, code in (
        ("asia-and-the-pacific", "Asia and the Pacific", "ASIA_AND_THE_PACIFIC"),
        (
            "latin-america-and-the-caribbean",
            "Latin America and the Caribbean",
            "LATIN_AMERICA_AND_THE_CARIBBEAN",
        ),
        ("europe-and-north-america", "Europe and North America", "EUROPE_AND_NORTH_AMERICA"),
    ):
        data.add_node("Region", {"id": region_id, "name": name, "code": code})
    for code, name, region, south in (
        ("TH", "Thailand", "asia-and-the-pacific", True),
        ("CO", "Colombia", "latin-america-and-the-caribbean", True),
        ("IT", "Italy", "europe-and-north-america", False),
    ):
        data.add_node("Country", {"id": code, "name": name, "global_south": south})
        data.add_link("Country-IN_REGION-Region", code, region)
    for field_id, name in (
        ("crafts-and-folk-art", "Crafts and Folk Art"),
        ("music", "Music"),
        ("gastronomy", "Gastronomy"),
        ("design", "Design"),
    ):
        data.add_node("CreativeField", {"id": field_id, "name": name})
    for goal, title in (("4", "Quality education"), ("11", "Sustainable cities"), ("17", "Goals")):
        data.add_node(
            "SDGGoal", {"id": goal, "number": int(goal), "short_title_en": title, "title_en": title}
        )
    for target in ("11.4", "4.7", "17.17"):
        goal = target.split(".")[0]
        data.add_node("SDGTarget", {"id": target, "goal": int(goal), "title_en": f"T {target}"})
        data.add_link("SDGTarget-OF_GOAL-SDGGoal", target, goal)
    for city_id, (name, country, field_id, year, status) in CITIES.items():
        props: dict[str, object] = {
            "id": city_id,
            "name": name,
            "search_name": fold_name(name),
            "status": status,
            "designation_year": year,
        }
        data.add_node("City", props)
        data.add_link("City-IN_COUNTRY-Country", city_id, country)
        data.add_link("City-DESIGNATED_IN-CreativeField", city_id, field_id, {"year": year})
    for project_id, project in PROJECTS.items():
        title, lead, cities, targets, field_id, start, end, status = project
        data.add_node(
            "PilotProject",
            {
                "id": project_id,
                "title": title,
                "search_name": fold_name(title),
                "start_year": start,
                "end_year": end,
                "status": status,
            },
        )
        data.add_link("PilotProject-LED_BY-City", project_id, lead)
        for city in cities:
            data.add_link("City-PARTICIPATES_IN-PilotProject", city, project_id)
        for target in targets:
            data.add_link("PilotProject-ADDRESSES-SDGTarget", project_id, target)
        data.add_link("PilotProject-IN_FIELD-CreativeField", project_id, field_id)
    for inst_id, name, kind, country in (
        ("paper-guild", "Paper Guild", "professional-body", "IT"),
        ("silk-institute", "Silk Institute", "university", "TH"),
    ):
        data.add_node(
            "PartnerInstitution",
            {"id": inst_id, "name": name, "search_name": fold_name(name), "kind": kind},
        )
        data.add_link("PartnerInstitution-BASED_IN-Country", inst_id, country)
    data.add_link("PartnerInstitution-PARTNERS_WITH-City", "paper-guild", "fabriano")
    data.add_link("PartnerInstitution-PARTNERS_WITH-City", "paper-guild", "sukhothai")
    data.add_link("PartnerInstitution-CONTRIBUTES_TO-PilotProject", "silk-institute", "island-food")
    data.add_link("PartnerInstitution-PARTNERS_WITH-City", "silk-institute", "pistoia")
    for city_id, amount in AMOUNTS.items():
        contribution = f"{city_id}:2023"
        data.add_node(
            "Contribution", {"id": contribution, "year": 2023, "amount": amount, "currency": "USD"}
        )
        data.add_link("Contribution-CONTRIBUTION_OF-City", contribution, city_id)
    for city_id, (person, name, email, slack) in CONTACTS.items():
        data.add_node(
            "FocalPoint",
            {"id": person, "name": name, "email": email, "slack_user_id": slack, "language": "en"},
        )
        data.add_link("FocalPoint-REPRESENTS-City", person, city_id)
    data.add_node(
        "MonitoringReport", {"id": "chiang-mai:2021", "cycle": 2021, "due_date": "2021-11-30"}
    )
    data.add_link("MonitoringReport-REPORT_OF-City", "chiang-mai:2021", "chiang-mai")
    data.add_node(
        "Mentorship", {"id": "chiang-mai:pistoia:2024", "start_year": 2024, "status": "active"}
    )
    data.add_link("Mentorship-MENTOR-City", "chiang-mai:pistoia:2024", "chiang-mai")
    data.add_link("Mentorship-CANDIDATE-City", "chiang-mai:pistoia:2024", "pistoia")
    data.add_node(
        "Conference",
        {"id": "2019-fabriano", "year": 2019, "host_city_name": "Fabriano", "status": "held"},
    )
    data.add_link("Conference-HOSTED_BY-City", "2019-fabriano", "fabriano")
    data.add_link("Conference-HELD_IN-Country", "2019-fabriano", "IT")
    intro = "chiang-mai:sukhothai:2026-03-02"
    data.add_node(
        "Introduction",
        {
            "id": intro,
            "status": "accepted",
            "partner_kind": "city",
            "need": "targets=11.4",
            "note": "met at the Braga conference",
            "requested_date": "2026-03-02",
        },
    )
    data.add_link("Introduction-REQUESTED_BY-City", intro, "chiang-mai")
    data.add_link("Introduction-TO_CITY-City", intro, "sukhothai")
    dismissal = "chiang-mai:silk-institute:targets=11.4"
    data.add_node(
        "Dismissal",
        {
            "id": dismissal,
            "partner_kind": "institution",
            "partner_id": "silk-institute",
            "need": "targets=11.4",
            "dismissed_date": "2026-03-03",
        },
    )
    data.add_link("Dismissal-DISMISSED_BY-City", dismissal, "chiang-mai")
    data.add_node(
        "HostApplication",
        {"id": "2027:bogota", "year": 2027, "venue_seats": 900, "submitted_date": "2026-01-15"},
    )
    data.add_link("HostApplication-APPLIED_BY-City", "2027:bogota", "bogota")
    return data
