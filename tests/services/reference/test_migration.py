"""`uccn load` on a graph loaded from the previous reference data: it reaches exactly what a
fresh load gives, plus what users added (under the cities' new ids), and loading again changes
nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from graph.dataset import GraphData
from graph.store import GraphStore
from services.clock import FixedClock
from services.container import Services
from services.reference.dataset import load_reference_data
from services.reference.loading import sync_reference
from services.reference.migration import (
    WITHDRAWN,
    CityMove,
    CityRemoval,
    Migration,
    moved_record_id,
)
from tests.schema.api import run
from tests.services.reference.releases import LAGOS, OLD_IDS, old_id, previous_release

Canonical = dict[str, Any]
CityId = Callable[[str], str]  # a city's id in the graph at hand, from its current id

LAGOS_WHY = WITHDRAWN[0].why


def same(city_id: str) -> str:
    return city_id


def users_records(city: CityId) -> GraphData:
    """What users added around the renamed cities, each city named by `city(current id)`."""
    lodz, wroclaw, kirsehir = city("lodz"), city("wroclaw"), city("kirsehir")
    g = GraphData()
    g.add_node("City", {"id": "tarnow", "name": "Tarnów", "status": "candidate"})
    g.add_link("City-IN_COUNTRY-Country", "tarnow", "PL")
    g.add_node("MonitoringReport", {"id": f"{lodz}:2023", "cycle": 2023, "due_date": "2023-11-30"})
    g.add_link("MonitoringReport-REPORT_OF-City", f"{lodz}:2023", lodz)
    g.add_node(
        "Contribution", {"id": f"{wroclaw}:2024", "year": 2024, "amount": 900.0, "currency": "EUR"}
    )
    g.add_link("Contribution-CONTRIBUTION_OF-City", f"{wroclaw}:2024", wroclaw)
    host = f"2027:{city('sanliurfa')}"
    g.add_node("HostApplication", {"id": host, "year": 2027, "submitted_date": "2026-01-15"})
    g.add_link("HostApplication-APPLIED_BY-City", host, city("sanliurfa"))
    mentorship = f"{kirsehir}:tarnow:2026"
    g.add_node("Mentorship", {"id": mentorship, "start_year": 2026, "status": "active"})
    g.add_link("Mentorship-MENTOR-City", mentorship, kirsehir)
    g.add_link("Mentorship-CANDIDATE-City", mentorship, "tarnow")
    # An institution whose id happens to be an old city id: never renamed, nor where it is named.
    g.add_node("PartnerInstitution", {"id": "odz", "name": "ODZ Design Lab", "kind": "company"})
    g.add_link("PartnerInstitution-BASED_IN-Country", "odz", "PL")
    g.add_link("PartnerInstitution-PARTNERS_WITH-City", "odz", lodz, {"since_year": 2020})
    to_city = f"{wroclaw}:{lodz}:2026-01-05"
    to_institution = f"{city('sanliurfa')}:odz:2026-02-01"
    for intro, kind in [(to_city, "city"), (to_institution, "institution")]:
        requested = intro.rsplit(":", 1)[1]
        g.add_node(
            "Introduction",
            {"id": intro, "status": "requested", "partner_kind": kind, "requested_date": requested},
        )
    g.add_link("Introduction-REQUESTED_BY-City", to_city, wroclaw)
    g.add_link("Introduction-TO_CITY-City", to_city, lodz)
    g.add_link("Introduction-REQUESTED_BY-City", to_institution, city("sanliurfa"))
    g.add_link("Introduction-TO_INSTITUTION-PartnerInstitution", to_institution, "odz")
    for dismissal, by, kind, partner in [
        (f"bogota:city:{lodz}:any", "bogota", "city", lodz),
        (f"{kirsehir}:institution:odz:any", kirsehir, "institution", "odz"),
    ]:
        g.add_node(
            "Dismissal",
            {
                "id": dismissal,
                "partner_kind": kind,
                "partner_id": partner,
                "need": "any",
                "dismissed_date": "2026-03-03",
            },
        )
        g.add_link("Dismissal-DISMISSED_BY-City", dismissal, by)
    g.add_node("FocalPoint", {"id": "lodz-anna", "name": "Anna Nowak", "email": "anna@lodz.pl"})
    g.add_link("FocalPoint-REPRESENTS-City", "lodz-anna", lodz)
    g.add_node(
        "PilotProject",
        {"id": "design-week", "title": "Design Week", "start_year": 2024, "status": "active"},
    )
    g.add_link("PilotProject-LED_BY-City", "design-week", wroclaw)
    g.add_link("City-PARTICIPATES_IN-PilotProject", lodz, "design-week")
    return g


def lagos_records() -> tuple[GraphData, GraphData]:
    """Records around Lagos: (those that go with it, those that stay, without their Lagos links)."""
    own, kept = GraphData(), GraphData()
    kept.add_node("City", {"id": "ibadan", "name": "Ibadan", "status": "candidate"})
    kept.add_link("City-IN_COUNTRY-Country", "ibadan", "NG")
    own.add_node("MonitoringReport", {"id": "lagos:2027", "cycle": 2027, "due_date": "2027-11-30"})
    own.add_link("MonitoringReport-REPORT_OF-City", "lagos:2027", "lagos")
    own.add_node(
        "Contribution", {"id": "lagos:2025", "year": 2025, "amount": 100.0, "currency": "USD"}
    )
    own.add_link("Contribution-CONTRIBUTION_OF-City", "lagos:2025", "lagos")
    own.add_node(
        "HostApplication", {"id": "2027:lagos", "year": 2027, "submitted_date": "2026-01-15"}
    )
    own.add_link("HostApplication-APPLIED_BY-City", "2027:lagos", "lagos")
    own.add_node("FocalPoint", {"id": "lagos-ade", "name": "Ade Bello"})
    own.add_link("FocalPoint-REPRESENTS-City", "lagos-ade", "lagos")
    own.add_node("Mentorship", {"id": "lagos:ibadan:2026", "start_year": 2026, "status": "active"})
    own.add_link("Mentorship-MENTOR-City", "lagos:ibadan:2026", "lagos")
    own.add_link("Mentorship-CANDIDATE-City", "lagos:ibadan:2026", "ibadan")
    for intro, by, to in [
        ("lagos:abuja:2026-01-05", "lagos", "abuja"),
        ("abuja:lagos:2026-02-01", "abuja", "lagos"),
    ]:
        requested = intro.rsplit(":", 1)[1]
        own.add_node(
            "Introduction",
            {"id": intro, "status": "met", "partner_kind": "city", "requested_date": requested},
        )
        own.add_link("Introduction-REQUESTED_BY-City", intro, by)
        own.add_link("Introduction-TO_CITY-City", intro, to)
    for graph, dismissal, by, partner in [
        (own, "lagos:city:abuja:any", "lagos", "abuja"),
        (kept, "abuja:city:lagos:any", "abuja", "lagos"),  # Abuja's own record: it stays
    ]:
        graph.add_node(
            "Dismissal",
            {
                "id": dismissal,
                "partner_kind": "city",
                "partner_id": partner,
                "need": "any",
                "dismissed_date": "2026-03-03",
            },
        )
        graph.add_link("Dismissal-DISMISSED_BY-City", dismissal, by)
    for project, lead in [("lagos-book-festival", "lagos"), ("abuja-reads", "abuja")]:
        kept.add_node(
            "PilotProject",
            {"id": project, "title": project, "start_year": 2025, "status": "active"},
        )
        if lead != "lagos":
            kept.add_link("PilotProject-LED_BY-City", project, lead)
        kept.add_link("City-PARTICIPATES_IN-PilotProject", "abuja", project)
    kept.add_node(
        "PartnerInstitution", {"id": "lagos-pen-club", "name": "Lagos PEN Club", "kind": "ngo"}
    )
    kept.add_link("PartnerInstitution-BASED_IN-Country", "lagos-pen-club", "NG")
    return own, kept


def lagos_links() -> GraphData:
    """The links to Lagos that go with it while the nodes at their other end stay."""
    g = GraphData()
    g.add_link("PilotProject-LED_BY-City", "lagos-book-festival", "lagos")
    g.add_link("City-PARTICIPATES_IN-PilotProject", "lagos", "lagos-book-festival")
    g.add_link("City-PARTICIPATES_IN-PilotProject", "lagos", "abuja-reads")
    g.add_link("PartnerInstitution-PARTNERS_WITH-City", "lagos-pen-club", "lagos")
    return g


async def loaded(store: GraphStore, *parts: GraphData) -> Canonical:
    """The graph after `uccn load` on a graph holding `parts`, written in order."""
    for part in parts:
        await store.write_data(part)
    await sync_reference(store)
    return (await store.read_data()).canonical()


async def freshly_loaded(store: GraphStore, *extra: GraphData) -> Canonical:
    """A fresh load, then `extra`: what a new installation holds with the same user data."""
    await store.drop_all()
    await sync_reference(store)
    for part in extra:
        await store.write_data(part)
    return (await store.read_data()).canonical()


async def sync_reference_after(store: GraphStore, previous: GraphData) -> Migration:
    await store.write_data(previous)
    return (await sync_reference(store)).migration


async def test_the_previous_release_moves_to_exactly_a_fresh_load(store: GraphStore) -> None:
    await store.write_data(previous_release(load_reference_data()))
    update = await sync_reference(store)
    assert update.migration == Migration(
        moved=tuple(CityMove(old, new) for new, old in sorted(OLD_IDS.items(), key=lambda i: i[1])),
        removed=(CityRemoval("lagos", 0, LAGOS_WHY),),
    )
    migrated = (await store.read_data()).canonical()
    assert migrated == await freshly_loaded(store)


async def test_users_records_move_with_their_cities(store: GraphStore) -> None:
    previous = previous_release(load_reference_data())
    migrated = await loaded(store, previous, users_records(old_id))
    again = await sync_reference(store)
    assert again.migration == Migration()  # idempotent: nothing left to move or remove
    assert (await store.read_data()).canonical() == migrated
    assert migrated == await freshly_loaded(store, users_records(same))


async def test_users_records_moved_count_and_old_ids_resolve(store: GraphStore) -> None:
    await store.write_data(previous_release(load_reference_data()))
    await store.write_data(users_records(old_id))
    update = await sync_reference(store)
    # Report, contribution, host application, mentorship, both introductions, both dismissals.
    assert update.migration.records_moved == 8
    dismissal = await store.get("Dismissal", "bogota:city:lodz:any")
    assert dismissal is not None
    assert dismissal["partner_id"] == "lodz"
    assert await store.get("Introduction", "sanliurfa:odz:2026-02-01") is not None
    cities = Services(store, clock=FixedClock.on(dt.date(2026, 3, 2))).cities
    for new, old in OLD_IDS.items():
        assert await cities.resolve(old) == new
        assert await cities.resolve(new) == new
    # An old link still opens the city in the API, with the report that moved with it.
    query = '{ city(id: "odz") { slug name reports(first: 5) { nodes { cycle city { slug } } } } }'
    city = (await run(store, query))["city"]
    assert (city["slug"], city["name"]) == ("lodz", "Łódź")
    assert city["reports"]["nodes"] == [{"cycle": 2023, "city": {"slug": "lodz"}}]


async def test_a_withdrawn_city_goes_with_its_own_records_only(store: GraphStore) -> None:
    own, kept = lagos_records()
    previous = previous_release(load_reference_data())
    # The stubs of the records that stay are written before the links that tie them to Lagos.
    migrated = await loaded(store, previous, kept, own, lagos_links())
    update = await sync_reference(store)
    assert update.migration == Migration()
    assert migrated == await freshly_loaded(store, kept)


async def test_the_removal_is_reported_with_its_records(store: GraphStore) -> None:
    own, kept = lagos_records()
    for part in (previous_release(load_reference_data()), kept, own, lagos_links()):
        await store.write_data(part)
    update = await sync_reference(store)
    # Report, contribution, host application, focal point, mentorship, 2 introductions, dismissal.
    assert update.migration.removed == (CityRemoval("lagos", 8, LAGOS_WHY),)


@pytest.mark.parametrize(
    "city",
    [
        {"id": "lagos", "name": "Lagos", "status": "candidate"},  # a user's candidate city
        {"id": "lagos", "name": "Lagos de Moreno", "status": "member", "geonames_id": "4004886"},
        LAGOS | {"generated": True},  # the demo's or synth's
    ],
    ids=["candidate", "imported", "generated"],
)
async def test_a_city_a_user_made_under_a_withdrawn_id_stays(
    store: GraphStore, city: dict[str, Any]
) -> None:
    previous = previous_release(load_reference_data())
    previous.nodes["City"] = [c for c in previous.nodes["City"] if c["id"] != "lagos"] + [city]
    update = await sync_reference_after(store, previous)
    assert update.removed == ()
    assert await store.get("City", "lagos") == city


async def test_a_city_is_not_moved_onto_a_city_that_has_its_new_id(store: GraphStore) -> None:
    previous = previous_release(load_reference_data())
    previous.add_node("City", {"id": "lodz", "name": "Łódź", "status": "member"})
    update = await sync_reference_after(store, previous)
    assert update.not_moved == (CityMove("odz", "lodz"),)
    assert "odz" not in {move.old for move in update.moved}
    assert await store.existing_ids("City", ["odz", "lodz"]) == {"odz", "lodz"}


@pytest.mark.parametrize(
    ("label", "record", "kind", "moved"),
    [
        ("MonitoringReport", "odz:2023", None, "lodz:2023"),
        ("Contribution", "wrocaw:2019", None, "wroclaw:2019"),
        ("HostApplication", "2027:odz", None, "2027:lodz"),
        ("Mentorship", "odz:wrocaw:2024", None, "lodz:wroclaw:2024"),
        ("Introduction", "odz:wrocaw:2026-01-05", "city", "lodz:wroclaw:2026-01-05"),
        ("Introduction", "odz:wrocaw:2026-01-05", "institution", "lodz:wrocaw:2026-01-05"),
        ("Dismissal", "wrocaw:city:odz:any", "city", "wroclaw:city:lodz:any"),
        ("Dismissal", "odz:institution:odz:any", "institution", "lodz:institution:odz:any"),
        ("Dismissal", "bogota:city:odz:targets=11.4", "city", "bogota:city:lodz:targets=11.4"),
        ("FocalPoint", "odz-anna", None, "odz-anna"),
        ("MonitoringReport", "bogota:2023", None, "bogota:2023"),
    ],
)
def test_only_the_segments_that_hold_a_city_id_move(
    label: str, record: str, kind: str | None, moved: str
) -> None:
    moves = {"odz": "lodz", "wrocaw": "wroclaw"}
    assert moved_record_id(label, record, kind, moves) == moved
