"""No data in the graph, however it got there, makes a whole-network answer fail (issue 13,
item 2): a city given two countries by a write around the import is left out of mentor pairing,
host ranking, the call check and the recommendation index, with the reason, and everyone else
is answered as usual."""

from __future__ import annotations

import datetime as dt

import pytest

from brain import partners
from graph.dataset import GraphData, Link
from graph.store import GraphStore, fold_name
from services.clock import FixedClock
from services.container import Services
from services.policy import Role, Viewer

TODAY = dt.date(2026, 3, 2)
SECRETARIAT = Viewer(Role.SECRETARIAT)
TWO_COUNTRIES = "the graph gives it 2 countries (CO, TH) and 2 regions ({}), where a city has one"


def network() -> GraphData:
    """Three member cities (Bogotá, Chiang Mai, Dakar) and two candidates of the 2027 call
    (Cali, Bamako); Bogotá and Dakar apply to host the 2027 conference."""
    data = GraphData()
    regions = {
        "africa": "Africa",
        "asia-and-the-pacific": "Asia and the Pacific",
        "latin-america-and-the-caribbean": "Latin America and the Caribbean",
    }
    for region, name in regions.items():
        data.add_node("Region", {"id": region, "name": name, "code": region.upper()})
    for code, name, region in (
        ("CO", "Colombia", "latin-america-and-the-caribbean"),
        ("TH", "Thailand", "asia-and-the-pacific"),
        ("SN", "Senegal", "africa"),
        ("ML", "Mali", "africa"),
    ):
        data.add_node("Country", {"id": code, "name": name, "global_south": True})
        data.add_link("Country-IN_REGION-Region", code, region)
    for field_id, name in (("music", "Music"), ("crafts-and-folk-art", "Crafts and Folk Art")):
        data.add_node("CreativeField", {"id": field_id, "name": name, "code": field_id.upper()})
    for city, name, country, field_id, status in (
        ("bogota", "Bogotá", "CO", "music", "member"),
        ("chiang-mai", "Chiang Mai", "TH", "crafts-and-folk-art", "member"),
        ("dakar", "Dakar", "SN", "music", "member"),
        ("cali", "Cali", "CO", "music", "candidate"),
        ("bamako", "Bamako", "ML", "music", "candidate"),
    ):
        props: dict[str, object] = {
            "id": city,
            "name": name,
            "search_name": fold_name(name),
            "status": status,
        }
        if status == "candidate":
            props["call_year"] = 2027
        data.add_node("City", props)
        data.add_link("City-IN_COUNTRY-Country", city, country)
        data.add_link("City-DESIGNATED_IN-CreativeField", city, field_id)
    for city in ("bogota", "dakar"):
        application = f"2027:{city}"
        data.add_node(
            "HostApplication",
            {"id": application, "year": 2027, "submitted_date": "2026-01-10", "venue_seats": 900},
        )
        data.add_link("HostApplication-APPLIED_BY-City", application, city)
    data.add_node(
        "PilotProject", {"id": "p1", "title": "Sound", "start_year": 2025, "status": "active"}
    )
    data.add_link("PilotProject-LED_BY-City", "p1", "chiang-mai")
    data.add_link("City-PARTICIPATES_IN-PilotProject", "bogota", "p1")
    return data


@pytest.fixture
async def services(store: GraphStore) -> Services:
    await store.write_data(network())
    # Around the import, which would refuse it: Bogotá (a member, a mentor, an applicant) and
    # Cali (a candidate) each get a second country.
    await store.upsert_links("City-IN_COUNTRY-Country", [Link("bogota", "TH"), Link("cali", "TH")])
    return Services(store, clock=FixedClock.on(TODAY))


def bogota_problem() -> str:
    return TWO_COUNTRIES.format("asia-and-the-pacific, latin-america-and-the-caribbean")


async def test_mentor_pairing_leaves_the_bad_records_out(services: Services) -> None:
    assignment = await services.mentors.propose(SECRETARIAT, 2027)
    assert [(p.candidate.id, p.mentor.id) for p in assignment.pairs] == [("bamako", "dakar")]
    [(unmatched, reasons)] = [(u.candidate.id, u.reasons) for u in assignment.unmatched]
    assert unmatched == "cali"
    assert [(r.code, r.params["problem"]) for r in reasons] == [("bad_record", bogota_problem())]
    excluded = {m.id: r for m, r in assignment.excluded_mentors}
    assert list(excluded) == ["bogota"]
    assert excluded["bogota"].code == "bad_record"
    assert excluded["bogota"].text.startswith("Bogotá is left out: the graph gives it 2 countries")


async def test_host_ranking_leaves_the_bad_record_out(services: Services) -> None:
    ranked = await services.hosts.rank(SECRETARIAT, 2027)
    assert [r.applicant.city_id for r in ranked.candidates] == ["dakar"]
    [left] = ranked.left_out
    assert (left.city_id, left.reason.code) == ("bogota", "bad_record")
    assert left.reason.params["problem"] == bogota_problem()


async def test_host_ranking_leaves_out_what_it_cannot_score(
    services: Services, store: GraphStore
) -> None:
    # Around the API, which refuses both: a negative capacity, and a second application.
    await store.upsert_nodes("HostApplication", [{"id": "2027:dakar", "venue_seats": -5}])
    ranked = await services.hosts.rank(SECRETARIAT, 2027)
    assert ranked.candidates == []
    assert [(x.city_id, x.reason.params["problem"]) for x in ranked.left_out] == [
        ("bogota", bogota_problem()),
        ("dakar", "its application declares venue_seats -5, not a number >= 0"),
    ]
    extra = GraphData()
    extra.add_node("HostApplication", {"id": "2027:dakar-again", "year": 2027})
    extra.add_link("HostApplication-APPLIED_BY-City", "2027:dakar-again", "dakar")
    await store.write_data(extra)
    ranked = await services.hosts.rank(SECRETARIAT, 2027)
    assert ranked.left_out[1].reason.params["problem"] == (
        "the graph holds 2 applications of it (2027:dakar, 2027:dakar-again)"
    )


async def test_the_call_check_reports_the_bad_record_and_checks_the_rest(
    services: Services,
) -> None:
    checked = await services.calls.check(SECRETARIAT, 2027)
    assert checked.candidates == 2
    assert [(v.rule, v.city_ids) for v in checked.violations] == [("bad_record", ("cali",))]
    assert checked.violations[0].message == (
        f"Cali (cali) cannot be checked: {bogota_problem()}; the data needs fixing"
    )


async def test_a_candidate_with_an_unknown_status_is_a_bad_record(
    services: Services, store: GraphStore
) -> None:
    await store.upsert_nodes("City", [{"id": "bamako", "status": "applicant"}])
    checked = await services.calls.check(SECRETARIAT, 2027)
    assert [(v.rule, v.city_ids) for v in checked.violations] == [
        ("bad_record", ("bamako",)),
        ("bad_record", ("cali",)),
    ]
    assert "its status is 'applicant', not one of candidate, member, former" in (
        checked.violations[0].message
    )


async def test_the_recommendation_index_never_proposes_a_bad_record(services: Services) -> None:
    snapshot = await services.core.partner_index.snapshot()
    index_problem = "the graph gives it 2 countries (CO, TH), where it has one"
    assert snapshot.left_out == {("city", "bogota"): index_problem, ("city", "cali"): index_problem}
    assert ("city", "bogota") not in snapshot.profiles
    found = await services.partners.recommend("dakar", partners.Need(), 10)
    assert [item.partner.id for item in found.items] == ["chiang-mai"]
    # The bad record may still ask: it is known without a country.
    asked = await services.partners.recommend("bogota", partners.Need(), 10)
    assert [item.partner.id for item in asked.items] == ["dakar"]
