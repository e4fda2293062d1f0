"""The mutations: each union error with its exact field path, idempotent retries, and atomic
writes. Every refusal leaves the graph exactly as it was."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph.engine import Row
from graph.statement import Statement
from graph.statements import writes as statements
from graph.store import GraphStore
from schema.node import to_global_id
from services.policy import Viewer
from tests.schema.conftest import BOGOTA, CHIANG_MAI, SECRETARIAT, Api, focal_point

_LEADS = Statement(
    "test_leads", "MATCH (:PilotProject {id: $project})-[:LED_BY]->(c:City) RETURN c.id AS lead"
)
NEW_PROJECT: dict[str, Any] = {
    "title": "Bridges of Sound and Craft",
    "summary": "Makers and musicians",
    "startYear": 2024,
    "endYear": 2026,
    "status": "ACTIVE",
    "leadCity": "chiang-mai",
    "cities": ["bogota", "fabriano"],
    "institutions": ["chiang-mai-university"],
    "fields": ["CRAFTS_AND_FOLK_ART", "MUSIC"],
    "sdgTargets": ["11.4", "4.7"],
}
NEW_INSTITUTION: dict[str, Any] = {
    "name": "Bogotá Music School",
    "kind": "TRAINING_INSTITUTE",
    "country": "CO",
    "website": "https://music.example.org",
    "city": "bogota",
    "sinceYear": 2019,
}
NEW_CANDIDATE: dict[str, Any] = {
    "name": "Cali",
    "country": "CO",
    "field": "MUSIC",
    "mentor": "bogota",
    "startYear": 2024,
}


async def refused(
    api: Api,
    viewer: Viewer,
    mutation: str,
    data: dict[str, Any],
    typename: str,
    field: list[str],
) -> dict[str, Any]:
    """Call, expect the refusal with exactly this field path, and the graph unchanged."""
    before = await api.snapshot()
    outcome = await api.call(viewer, mutation, data)
    assert outcome["__typename"] == typename, outcome
    assert outcome["field"] == field, outcome
    assert outcome["message"]
    assert await api.snapshot() == before
    return outcome


def slugs(connection: dict[str, Any]) -> list[str]:
    return sorted(node["slug"] for node in connection["nodes"])


# --- createProject ------------------------------------------------------------------------------


async def test_create_project_writes_the_project_and_every_relationship(api: Api) -> None:
    outcome = await api.call(SECRETARIAT, "createProject", NEW_PROJECT)
    assert outcome["__typename"] == "CreateProjectSuccess"
    assert outcome["created"] is True
    project = outcome["project"]
    assert project["slug"] == "bridges-of-sound-and-craft"
    assert (project["title"], project["summary"], project["status"]) == (
        "Bridges of Sound and Craft",
        "Makers and musicians",
        "ACTIVE",
    )
    assert (project["startYear"], project["endYear"]) == (2024, 2026)
    assert project["leadCity"] == {"slug": "chiang-mai"}
    assert slugs(project["cities"]) == ["bogota", "fabriano"]
    assert slugs(project["institutions"]) == ["chiang-mai-university"]
    assert sorted(f["code"] for f in project["fields"]) == ["CRAFTS_AND_FOLK_ART", "MUSIC"]
    assert sorted(t["code"] for t in project["sdgTargets"]) == ["11.4", "4.7"]
    stored = await api.store.get("PilotProject", "bridges-of-sound-and-craft")
    assert stored is not None
    assert stored["search_name"] == "bridges of sound and craft"


async def test_create_project_by_the_lead_citys_focal_point_with_global_ids(api: Api) -> None:
    data = {
        "title": "Lanna Sound",
        "startYear": 2025,
        "leadCity": to_global_id("City", "chiang-mai"),
        "cities": [to_global_id("City", "phuket")],
        "institutions": [to_global_id("PartnerInstitution", "chiang-mai-university")],
    }
    outcome = await api.call(CHIANG_MAI, "createProject", data)
    assert outcome["__typename"] == "CreateProjectSuccess"
    project = outcome["project"]
    assert (project["slug"], project["status"], project["endYear"]) == (
        "lanna-sound",
        "PLANNED",
        None,
    )
    # Phuket was named by Chiang Mai's focal point: invited, not yet taking part.
    assert slugs(project["cities"]) == []
    assert slugs(project["invitedCities"]) == ["phuket"]
    assert project["fields"] == []
    assert project["sdgTargets"] == []


async def test_create_project_retried_returns_the_same_project(api: Api) -> None:
    first = await api.call(SECRETARIAT, "createProject", NEW_PROJECT)
    after_first = await api.snapshot()
    reordered = NEW_PROJECT | {
        "cities": ["fabriano", "bogota"],
        "title": " Bridges of Sound and Craft ",
    }
    again = await api.call(SECRETARIAT, "createProject", reordered)
    assert again["__typename"] == "CreateProjectSuccess"
    assert again["created"] is False
    assert again["project"] == first["project"]
    assert await api.snapshot() == after_first


async def test_create_project_over_another_project_with_the_same_slug_is_refused(
    api: Api,
) -> None:
    await api.call(SECRETARIAT, "createProject", NEW_PROJECT)
    outcome = await refused(
        api,
        SECRETARIAT,
        "createProject",
        NEW_PROJECT | {"startYear": 2023, "cities": ["bogota"]},
        "ValidationError",
        ["input", "title"],
    )
    assert "already exists" in outcome["message"]
    assert "startYear" in outcome["message"]
    assert "cities" in outcome["message"]
    outcome = await refused(
        api,
        SECRETARIAT,
        "createProject",
        {"title": "Another", "slug": "lanna-crafts-lab", "startYear": 2022, "leadCity": "bogota"},
        "ValidationError",
        ["input", "slug"],
    )
    assert "lanna-crafts-lab" in outcome["message"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, ["input", "title"]),
        ({"title": "x" * 201}, ["input", "title"]),
        ({"title": "¿¿¿"}, ["input", "title"]),
        ({"slug": "Not A Slug"}, ["input", "slug"]),
        ({"startYear": 1850}, ["input", "startYear"]),
        ({"endYear": 2150}, ["input", "endYear"]),
        ({"endYear": 2020}, ["input", "endYear"]),
        ({"summary": "s" * 4001}, ["input", "summary"]),
        ({"cities": ["bogota", "bogota"]}, ["input", "cities", "1"]),
        ({"cities": ["bogota", " "]}, ["input", "cities", "1"]),
        ({"cities": ["bogota", "chiang-mai"]}, ["input", "cities", "1"]),
        ({"sdgTargets": ["11.4", "eleven"]}, ["input", "sdgTargets", "1"]),
        ({"fields": ["MUSIC", "MUSIC"]}, ["input", "fields", "1"]),
        ({"leadCity": to_global_id("Country", "TH")}, ["input", "leadCity"]),
        ({"leadCity": "  "}, ["input", "leadCity"]),
        ({"institutions": [to_global_id("City", "bogota")]}, ["input", "institutions", "0"]),
    ],
)
async def test_create_project_refuses_bad_values(
    api: Api, changes: dict[str, Any], field: list[str]
) -> None:
    await refused(
        api, SECRETARIAT, "createProject", NEW_PROJECT | changes, "ValidationError", field
    )


@pytest.mark.parametrize(
    ("changes", "field", "missing"),
    [
        ({"leadCity": "atlantis"}, ["input", "leadCity"], "atlantis"),
        ({"cities": ["bogota", "atlantis"]}, ["input", "cities", "1"], "atlantis"),
        ({"institutions": ["nowhere-college"]}, ["input", "institutions", "0"], "nowhere-college"),
        ({"fields": ["MUSIC", "FILM"]}, ["input", "fields", "1"], "film"),
        ({"sdgTargets": ["16.1"]}, ["input", "sdgTargets", "0"], "16.1"),
    ],
)
async def test_create_project_names_what_does_not_exist(
    api: Api, changes: dict[str, Any], field: list[str], missing: str
) -> None:
    outcome = await refused(
        api, SECRETARIAT, "createProject", NEW_PROJECT | changes, "NotFoundError", field
    )
    assert outcome["id"] == missing


async def test_create_project_for_another_lead_city_is_forbidden(api: Api) -> None:
    outcome = await refused(
        api, BOGOTA, "createProject", NEW_PROJECT, "ForbiddenError", ["input", "leadCity"]
    )
    assert "own city" in outcome["message"]


# --- updateProject ------------------------------------------------------------------------------


async def test_update_project_changes_properties_and_replaces_sets(api: Api) -> None:
    data = {
        "project": "lanna-crafts-lab",
        "title": "Lanna Crafts and Sound Lab",
        "summary": None,
        "endYear": 2027,
        "cities": ["phuket", "fabriano"],
        "institutions": [],
        "fields": ["MUSIC", "DESIGN"],
    }
    outcome = await api.call(SECRETARIAT, "updateProject", data)
    assert outcome["__typename"] == "UpdateProjectSuccess"
    project = outcome["project"]
    assert project["slug"] == "lanna-crafts-lab"  # the id never changes
    assert project["title"] == "Lanna Crafts and Sound Lab"
    assert project["summary"] is None
    assert (project["startYear"], project["endYear"], project["status"]) == (2022, 2027, "ACTIVE")
    assert project["leadCity"] == {"slug": "chiang-mai"}
    assert slugs(project["cities"]) == ["fabriano", "phuket"]
    assert slugs(project["institutions"]) == []
    assert sorted(f["code"] for f in project["fields"]) == ["DESIGN", "MUSIC"]
    assert [t["code"] for t in project["sdgTargets"]] == ["11.4"]  # left out: kept
    stored = await api.store.get("PilotProject", "lanna-crafts-lab")
    assert stored is not None
    assert "summary" not in stored
    assert stored["search_name"] == "lanna crafts and sound lab"
    after = await api.snapshot()
    again = await api.call(SECRETARIAT, "updateProject", data)
    assert again == outcome
    assert await api.snapshot() == after


async def test_update_project_by_the_lead_focal_point_and_lead_handover_by_the_secretariat(
    api: Api,
) -> None:
    outcome = await api.call(
        CHIANG_MAI, "updateProject", {"project": "lanna-crafts-lab", "status": "COMPLETED"}
    )
    assert outcome["project"]["status"] == "COMPLETED"
    data = {"project": "lanna-crafts-lab", "leadCity": "bogota", "cities": ["chiang-mai"]}
    outcome = await api.call(SECRETARIAT, "updateProject", data)
    assert outcome["project"]["leadCity"] == {"slug": "bogota"}
    assert slugs(outcome["project"]["cities"]) == ["chiang-mai"]
    rows = await api.store.run(_LEADS, project="lanna-crafts-lab")
    assert [r["lead"] for r in rows] == ["bogota"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": None}, ["input", "title"]),
        ({"status": None}, ["input", "status"]),
        ({"startYear": None}, ["input", "startYear"]),
        ({"cities": None}, ["input", "cities"]),
        ({"title": ""}, ["input", "title"]),
        ({"endYear": 2021}, ["input", "endYear"]),
        ({"startYear": 2030, "endYear": 2025}, ["input", "endYear"]),
        ({"startYear": 1492}, ["input", "startYear"]),
        ({"leadCity": "bogota"}, ["input", "leadCity"]),  # Bogotá already takes part
        ({"cities": ["phuket", "chiang-mai"]}, ["input", "cities", "1"]),
        ({"sdgTargets": ["11.4", "11.4"]}, ["input", "sdgTargets", "1"]),
        ({"project": to_global_id("City", "bogota")}, ["input", "project"]),
    ],
)
async def test_update_project_refuses_bad_values(
    api: Api, changes: dict[str, Any], field: list[str]
) -> None:
    data = {"project": "lanna-crafts-lab"} | changes
    await refused(api, SECRETARIAT, "updateProject", data, "ValidationError", field)


async def test_update_project_refusals(api: Api) -> None:
    await api.call(SECRETARIAT, "updateProject", {"project": "lanna-crafts-lab", "endYear": 2030})
    outcome = await refused(
        api,
        SECRETARIAT,
        "updateProject",
        {"project": "lanna-crafts-lab", "startYear": 2031},
        "ValidationError",
        ["input", "startYear"],
    )
    assert "2030" in outcome["message"]
    outcome = await refused(
        api,
        SECRETARIAT,
        "updateProject",
        {"project": "no-such-project", "title": "x"},
        "NotFoundError",
        ["input", "project"],
    )
    assert outcome["id"] == "no-such-project"
    outcome = await refused(
        api,
        SECRETARIAT,
        "updateProject",
        {"project": "lanna-crafts-lab", "institutions": ["nowhere-college"]},
        "NotFoundError",
        ["input", "institutions", "0"],
    )
    assert outcome["id"] == "nowhere-college"
    outcome = await refused(
        api,
        SECRETARIAT,
        "updateProject",
        {"project": "lanna-crafts-lab", "leadCity": "atlantis"},
        "NotFoundError",
        ["input", "leadCity"],
    )
    # Bogotá takes part but does not lead: its focal point may not change the project.
    await refused(
        api,
        BOGOTA,
        "updateProject",
        {"project": "lanna-crafts-lab", "title": "Mine now"},
        "ForbiddenError",
        ["input", "project"],
    )
    # The lead's focal point may not hand the project over to another city.
    await refused(
        api,
        CHIANG_MAI,
        "updateProject",
        {"project": "lanna-crafts-lab", "leadCity": "phuket"},
        "ForbiddenError",
        ["input", "leadCity"],
    )


# --- registerInstitution ------------------------------------------------------------------------


async def test_register_institution_and_retry(api: Api) -> None:
    outcome = await api.call(SECRETARIAT, "registerInstitution", NEW_INSTITUTION)
    assert outcome["__typename"] == "RegisterInstitutionSuccess"
    assert outcome["created"] is True
    assert outcome["institution"] == {
        "slug": "bogota-music-school",
        "name": "Bogotá Music School",
        "kind": "TRAINING_INSTITUTE",
        "website": "https://music.example.org",
        "country": {"code": "CO"},
        "partnerCities": {"nodes": [{"slug": "bogota"}]},
    }
    after = await api.snapshot()
    again = await api.call(SECRETARIAT, "registerInstitution", NEW_INSTITUTION)
    assert again["created"] is False
    assert again["institution"] == outcome["institution"]
    assert await api.snapshot() == after
    outcome = await refused(
        api,
        SECRETARIAT,
        "registerInstitution",
        NEW_INSTITUTION | {"kind": "NGO"},
        "ValidationError",
        ["input", "name"],
    )
    assert "kind" in outcome["message"]
    await refused(
        api,
        SECRETARIAT,
        "registerInstitution",
        NEW_INSTITUTION | {"slug": "bogota-music-school", "name": "BMS"},
        "ValidationError",
        ["input", "slug"],
    )


async def test_a_focal_points_institution_partners_with_its_city(api: Api) -> None:
    data = {"name": "Chiang Mai Design Centre", "kind": "CULTURAL_CENTRE", "country": "th"}
    outcome = await api.call(CHIANG_MAI, "registerInstitution", data)
    assert outcome["institution"]["partnerCities"] == {"nodes": [{"slug": "chiang-mai"}]}
    assert outcome["institution"]["country"] == {"code": "TH"}
    # An institution registered already, the same: a focal point links it to its city.
    existing = {"name": "Chiang Mai University", "kind": "UNIVERSITY", "country": "TH"}
    outcome = await api.call(focal_point("phuket"), "registerInstitution", existing)
    assert outcome["created"] is False
    assert outcome["institution"]["partnerCities"] == {"nodes": [{"slug": "phuket"}]}


@pytest.mark.parametrize(
    ("changes", "typename", "field"),
    [
        ({"name": ""}, "ValidationError", ["input", "name"]),
        ({"country": "Colombia"}, "ValidationError", ["input", "country"]),
        ({"website": "music.example.org"}, "ValidationError", ["input", "website"]),
        ({"sinceYear": 1800}, "ValidationError", ["input", "sinceYear"]),
        ({"city": None}, "ValidationError", ["input", "sinceYear"]),
        ({"slug": "-bad-"}, "ValidationError", ["input", "slug"]),
        ({"city": to_global_id("PilotProject", "x")}, "ValidationError", ["input", "city"]),
        ({"country": "FR"}, "NotFoundError", ["input", "country"]),
        ({"city": "atlantis"}, "NotFoundError", ["input", "city"]),
    ],
)
async def test_register_institution_refusals(
    api: Api, changes: dict[str, Any], typename: str, field: list[str]
) -> None:
    data = NEW_INSTITUTION | changes
    await refused(api, SECRETARIAT, "registerInstitution", data, typename, field)


async def test_a_focal_point_registers_for_its_own_city_only(api: Api) -> None:
    await refused(
        api, CHIANG_MAI, "registerInstitution", NEW_INSTITUTION, "ForbiddenError", ["input", "city"]
    )


# --- linkInstitution ----------------------------------------------------------------------------


async def test_link_institution_keeps_or_updates_the_since_year(api: Api) -> None:
    link = {"institution": "chiang-mai-university", "city": "bogota", "sinceYear": 2020}
    outcome = await api.call(BOGOTA, "linkInstitution", link)
    assert outcome == {
        "__typename": "LinkInstitutionSuccess",
        "sinceYear": 2020,
        "institution": {
            "slug": "chiang-mai-university",
            "partnerCities": {"nodes": [{"slug": "bogota"}]},
        },
        "city": {"slug": "bogota"},
    }
    after = await api.snapshot()
    again = await api.call(BOGOTA, "linkInstitution", link | {"sinceYear": None})
    assert again["sinceYear"] == 2020
    assert await api.snapshot() == after
    changed = await api.call(SECRETARIAT, "linkInstitution", link | {"sinceYear": 2021})
    assert changed["sinceYear"] == 2021


@pytest.mark.parametrize(
    ("viewer", "changes", "typename", "field"),
    [
        (
            SECRETARIAT,
            {"institution": "nowhere-college"},
            "NotFoundError",
            ["input", "institution"],
        ),
        (SECRETARIAT, {"city": "atlantis"}, "NotFoundError", ["input", "city"]),
        (SECRETARIAT, {"sinceYear": 3000}, "ValidationError", ["input", "sinceYear"]),
        (SECRETARIAT, {"institution": " "}, "ValidationError", ["input", "institution"]),
        (CHIANG_MAI, {}, "ForbiddenError", ["input", "city"]),
    ],
)
async def test_link_institution_refusals(
    api: Api, viewer: Viewer, changes: dict[str, Any], typename: str, field: list[str]
) -> None:
    data = {"institution": "chiang-mai-university", "city": "bogota"} | changes
    await refused(api, viewer, "linkInstitution", data, typename, field)


# --- recordReportSubmission ---------------------------------------------------------------------


async def test_record_report_submission_and_retry(api: Api) -> None:
    data = {
        "city": "chiang-mai",
        "cycle": 2021,
        "submittedDate": "2021-11-02",
        "url": "https://reports.example.org/chiang-mai/2021.pdf",
    }
    outcome = await api.call(CHIANG_MAI, "recordReportSubmission", data)
    assert outcome == {
        "__typename": "RecordReportSubmissionSuccess",
        "created": False,
        "report": {
            "cycle": 2021,
            "dueDate": "2021-11-30",
            "submittedDate": "2021-11-02",
            "url": "https://reports.example.org/chiang-mai/2021.pdf",
            "state": "SUBMITTED",
            "city": {"slug": "chiang-mai"},
        },
    }
    after = await api.snapshot()
    assert await api.call(CHIANG_MAI, "recordReportSubmission", data) == outcome
    assert await api.snapshot() == after
    outcome = await refused(
        api,
        CHIANG_MAI,
        "recordReportSubmission",
        data | {"submittedDate": "2021-11-03"},
        "ValidationError",
        ["input", "submittedDate"],
    )
    assert "2021-11-02" in outcome["message"]


async def test_the_secretariat_records_a_report_not_on_record_with_its_due_date(
    api: Api,
) -> None:
    data = {"city": "bogota", "cycle": 2017, "submittedDate": "2017-12-01"}
    outcome = await api.call(
        SECRETARIAT, "recordReportSubmission", data | {"dueDate": "2017-11-30"}
    )
    assert outcome["created"] is True
    assert outcome["report"]["dueDate"] == "2017-11-30"
    assert outcome["report"]["city"] == {"slug": "bogota"}
    await refused(
        api,
        SECRETARIAT,
        "recordReportSubmission",
        data | {"dueDate": "2017-10-31"},
        "ValidationError",
        ["input", "dueDate"],
    )


@pytest.mark.parametrize(
    ("viewer", "changes", "typename", "field"),
    [
        (
            CHIANG_MAI,
            {"submittedDate": "02/11/2021"},
            "ValidationError",
            ["input", "submittedDate"],
        ),
        (
            CHIANG_MAI,
            {"submittedDate": "2021-02-30"},
            "ValidationError",
            ["input", "submittedDate"],
        ),
        (
            CHIANG_MAI,
            {"submittedDate": "2099-01-01"},
            "ValidationError",
            ["input", "submittedDate"],
        ),
        (CHIANG_MAI, {"cycle": 1700}, "ValidationError", ["input", "cycle"]),
        (CHIANG_MAI, {"url": "ftp://x"}, "ValidationError", ["input", "url"]),
        (CHIANG_MAI, {"cycle": 2025}, "NotFoundError", ["input", "cycle"]),
        (
            CHIANG_MAI,
            {"cycle": 2025, "dueDate": "2025-11-30"},
            "ForbiddenError",
            ["input", "dueDate"],
        ),
        (SECRETARIAT, {"dueDate": "2025-13-01"}, "ValidationError", ["input", "dueDate"]),
        (SECRETARIAT, {"city": "atlantis"}, "NotFoundError", ["input", "city"]),
        (BOGOTA, {}, "ForbiddenError", ["input", "city"]),
    ],
)
async def test_record_report_submission_refusals(
    api: Api, viewer: Viewer, changes: dict[str, Any], typename: str, field: list[str]
) -> None:
    data = {"city": "chiang-mai", "cycle": 2021, "submittedDate": "2021-11-02"} | changes
    outcome = await refused(api, viewer, "recordReportSubmission", data, typename, field)
    if typename == "NotFoundError" and field == ["input", "cycle"]:
        assert outcome["id"] == "chiang-mai:2025"


# --- recordContribution -------------------------------------------------------------------------


async def test_record_contribution_and_retry(api: Api) -> None:
    data = {"city": "fabriano", "year": 2019, "amount": 5000, "currency": "EUR"}
    outcome = await api.call(SECRETARIAT, "recordContribution", data)
    assert outcome == {
        "__typename": "RecordContributionSuccess",
        "created": True,
        "contribution": {
            "year": 2019,
            "amount": 5000.0,
            "currency": "EUR",
            "city": {"slug": "fabriano"},
        },
    }
    after = await api.snapshot()
    again = await api.call(SECRETARIAT, "recordContribution", data)
    assert again == outcome | {"created": False}
    assert await api.snapshot() == after
    outcome = await refused(
        api,
        SECRETARIAT,
        "recordContribution",
        data | {"amount": 6000},
        "ValidationError",
        ["input", "amount"],
    )
    assert "5000.0 EUR" in outcome["message"]
    await refused(
        api,
        SECRETARIAT,
        "recordContribution",
        data | {"currency": "USD"},
        "ValidationError",
        ["input", "currency"],
    )


@pytest.mark.parametrize(
    ("viewer", "changes", "typename", "field"),
    [
        (SECRETARIAT, {"amount": 0}, "ValidationError", ["input", "amount"]),
        (SECRETARIAT, {"amount": -5}, "ValidationError", ["input", "amount"]),
        (SECRETARIAT, {"currency": "euro"}, "ValidationError", ["input", "currency"]),
        (SECRETARIAT, {"year": 1899}, "ValidationError", ["input", "year"]),
        (SECRETARIAT, {"city": "atlantis"}, "NotFoundError", ["input", "city"]),
        (
            SECRETARIAT,
            {"city": to_global_id("Country", "IT")},
            "ValidationError",
            ["input", "city"],
        ),
        (focal_point("fabriano"), {}, "ForbiddenError", ["recordContribution"]),
    ],
)
async def test_record_contribution_refusals(
    api: Api, viewer: Viewer, changes: dict[str, Any], typename: str, field: list[str]
) -> None:
    data = {"city": "fabriano", "year": 2019, "amount": 5000} | changes
    await refused(api, viewer, "recordContribution", data, typename, field)


@pytest.mark.parametrize("amount", [1e308, 1e-7, 0.001, 100_000_000.01])
async def test_a_contribution_outside_its_domain_is_refused(api: Api, amount: float) -> None:
    data = {"city": "fabriano", "year": 2019, "amount": amount, "currency": "USD"}
    outcome = await refused(
        api, SECRETARIAT, "recordContribution", data, "ValidationError", ["input", "amount"]
    )
    assert "between 0.01 and 100,000,000" in outcome["message"]


@pytest.mark.parametrize("amount", [0.01, 100_000_000])
async def test_a_contribution_at_the_ends_of_its_domain_is_recorded(
    api: Api, amount: float
) -> None:
    data = {"city": "fabriano", "year": 2019, "amount": amount, "currency": "USD"}
    outcome = await api.call(SECRETARIAT, "recordContribution", data)
    assert outcome["__typename"] == "RecordContributionSuccess", outcome
    assert outcome["contribution"]["amount"] == amount


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"airportKm": 1e308}, "airportKm", "between 0 and 20,000 km"),
        ({"airportKm": -1.0}, "airportKm", "between 0 and 20,000 km"),
        ({"venueSeats": 2_000_000_000}, "venueSeats", "between 0 and 1,000,000"),
        ({"hotelRooms": 1_000_001}, "hotelRooms", "between 0 and 1,000,000"),
    ],
)
async def test_a_host_application_outside_its_domain_is_refused(
    api: Api, changes: dict[str, Any], field: str, says: str
) -> None:
    data = {"city": "chiang-mai", "year": 2027, "venueSeats": 900} | changes
    outcome = await refused(
        api, SECRETARIAT, "recordHostApplication", data, "ValidationError", ["input", field]
    )
    assert says in outcome["message"]


# --- recordCandidate ----------------------------------------------------------------------------


async def test_record_candidate_and_retry(api: Api) -> None:
    outcome = await api.call(SECRETARIAT, "recordCandidate", NEW_CANDIDATE)
    assert outcome == {
        "__typename": "RecordCandidateSuccess",
        "created": True,
        "city": {
            "slug": "cali",
            "name": "Cali",
            "status": "CANDIDATE",
            "country": {"code": "CO"},
            "field": {"code": "MUSIC"},
        },
        "mentorship": {
            "startYear": 2024,
            "endYear": None,
            "status": "PROPOSED",
            "mentor": {"slug": "bogota"},
            "candidate": {"slug": "cali"},
        },
    }
    after = await api.snapshot()
    again = await api.call(SECRETARIAT, "recordCandidate", NEW_CANDIDATE)
    assert again == outcome | {"created": False}
    assert await api.snapshot() == after
    await refused(
        api,
        SECRETARIAT,
        "recordCandidate",
        NEW_CANDIDATE | {"status": "ACTIVE"},
        "ValidationError",
        ["input", "status"],
    )
    await refused(
        api,
        SECRETARIAT,
        "recordCandidate",
        NEW_CANDIDATE | {"endYear": 2026},
        "ValidationError",
        ["input", "endYear"],
    )
    # A second mentor for the same candidate: the city is reused.
    second = await api.call(SECRETARIAT, "recordCandidate", NEW_CANDIDATE | {"mentor": "fabriano"})
    assert second["created"] is True
    assert second["mentorship"]["mentor"] == {"slug": "fabriano"}
    assert (await api.store.counts()).nodes["City"] == 5
    # The same slug for another candidate city is refused.
    await refused(
        api,
        SECRETARIAT,
        "recordCandidate",
        NEW_CANDIDATE | {"country": "TH"},
        "ValidationError",
        ["input", "name"],
    )
    # A candidate does not mentor.
    await refused(
        api,
        SECRETARIAT,
        "recordCandidate",
        NEW_CANDIDATE | {"name": "Medellín", "mentor": "cali"},
        "ValidationError",
        ["input", "mentor"],
    )


@pytest.mark.parametrize(
    ("changes", "typename", "field"),
    [
        ({"name": "Phuket"}, "ValidationError", ["input", "name"]),  # a member already
        ({"slug": "phuket"}, "ValidationError", ["input", "slug"]),
        ({"slug": "Cali!"}, "ValidationError", ["input", "slug"]),
        ({"name": " "}, "ValidationError", ["input", "name"]),
        ({"country": "Colombia"}, "ValidationError", ["input", "country"]),
        ({"startYear": 2200}, "ValidationError", ["input", "startYear"]),
        ({"endYear": 2020}, "ValidationError", ["input", "endYear"]),
        ({"name": "Bogotá"}, "ValidationError", ["input", "name"]),  # itself, as its mentor
        ({"mentor": to_global_id("Country", "CO")}, "ValidationError", ["input", "mentor"]),
        ({"mentor": "atlantis"}, "NotFoundError", ["input", "mentor"]),
        ({"country": "FR"}, "NotFoundError", ["input", "country"]),
        ({"field": "FILM"}, "NotFoundError", ["input", "field"]),
        ({}, "ForbiddenError", None),
    ],
)
async def test_record_candidate_refusals(
    api: Api, changes: dict[str, Any], typename: str, field: list[str] | None
) -> None:
    viewer = BOGOTA if typename == "ForbiddenError" else SECRETARIAT
    expected = field or ["recordCandidate"]
    await refused(api, viewer, "recordCandidate", NEW_CANDIDATE | changes, typename, expected)


# --- atomicity ----------------------------------------------------------------------------------


async def test_each_mutation_writes_with_exactly_one_statement(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One statement per write: FalkorDB runs it atomically, Neo4j in one transaction."""
    writes: list[str] = []
    engine_write = api.store.engine.write

    async def counting(text: str, params: dict[str, Any]) -> list[Row]:
        writes.append(text)
        return await engine_write(text, params)

    monkeypatch.setattr(api.store.engine, "write", counting)
    calls: list[tuple[Viewer, str, dict[str, Any]]] = [
        (SECRETARIAT, "createProject", NEW_PROJECT),
        (SECRETARIAT, "updateProject", {"project": "lanna-crafts-lab", "cities": ["phuket"]}),
        (SECRETARIAT, "registerInstitution", NEW_INSTITUTION),
        (
            SECRETARIAT,
            "linkInstitution",
            {"institution": "chiang-mai-university", "city": "bogota"},
        ),
        (
            CHIANG_MAI,
            "recordReportSubmission",
            {"city": "chiang-mai", "cycle": 2021, "submittedDate": "2021-11-02"},
        ),
        (SECRETARIAT, "recordContribution", {"city": "bogota", "year": 2020, "amount": 100}),
        (SECRETARIAT, "recordCandidate", NEW_CANDIDATE),
    ]
    for viewer, mutation, data in calls:
        writes.clear()
        outcome = await api.call(viewer, mutation, data)
        assert outcome["__typename"].endswith("Success"), outcome
        assert len(writes) == 1, (mutation, writes)


async def test_a_write_that_fails_in_the_engine_changes_nothing(api: Api) -> None:
    """The create statement stops at the taken id: nothing of the project's relationships is
    written, even when the references of the new content all exist."""
    before = await api.snapshot()
    rows = await api.store.run(
        statements.CREATE_PROJECT,
        project="lanna-crafts-lab",
        lead="phuket",
        props={"title": "Other", "start_year": 2020, "status": "planned"},
        city_ids=["fabriano"],
        invited_ids=["bogota"],
        institution_ids=[],
        field_ids=["music"],
        target_ids=["4.7"],
        today="2026-03-02",
    )
    assert rows == []
    assert await api.snapshot() == before


async def test_a_refused_write_leaves_the_counts_alone(api: Api, store: GraphStore) -> None:
    counts = await store.counts()
    await api.call(SECRETARIAT, "createProject", NEW_PROJECT | {"sdgTargets": ["11.4", "99.9"]})
    assert await store.counts() == counts


async def test_later_mutations_of_one_request_see_what_earlier_ones_wrote(api: Api) -> None:
    document = """
        mutation {
          first: updateProject(input: {project: "lanna-crafts-lab", title: "Renamed"}) {
            ... on UpdateProjectSuccess { project { title cities { nodes { slug } } } }
          }
          second: updateProject(input: {project: "lanna-crafts-lab", cities: ["phuket"]}) {
            ... on UpdateProjectSuccess { project { title cities { nodes { slug } } } }
          }
        }
    """
    result = await api.execute(SECRETARIAT, document)
    assert result.errors is None
    first, second = result.data["first"]["project"], result.data["second"]["project"]
    assert first == {"title": "Renamed", "cities": {"nodes": [{"slug": "bogota"}]}}
    assert second == {"title": "Renamed", "cities": {"nodes": [{"slug": "phuket"}]}}


async def test_an_update_that_changes_nothing_writes_nothing(api: Api) -> None:
    before = await api.snapshot()
    outcome = await api.call(CHIANG_MAI, "updateProject", {"project": "lanna-crafts-lab"})
    assert outcome["__typename"] == "UpdateProjectSuccess"
    assert outcome["project"]["title"] == "Lanna Crafts Lab"
    assert await api.snapshot() == before


async def test_concurrent_creates_of_one_project_make_one_project(api: Api) -> None:
    other = NEW_PROJECT | {"summary": "Another summary"}
    outcomes = await asyncio.gather(
        api.call(SECRETARIAT, "createProject", NEW_PROJECT),
        api.call(CHIANG_MAI, "createProject", NEW_PROJECT),
        api.call(SECRETARIAT, "createProject", other),
    )
    created = [o for o in outcomes if o["__typename"] == "CreateProjectSuccess" and o["created"]]
    assert len(created) == 1
    assert (await api.store.counts()).nodes[
        "PilotProject"
    ] == 3  # the seed's two and the one created
    rows = await api.store.run(_LEADS, project="bridges-of-sound-and-craft")
    assert [r["lead"] for r in rows] == ["chiang-mai"]


async def test_an_invited_city_sees_its_invitation_and_accepts_it(api: Api) -> None:
    invitations = '{ city(id: "chiang-mai") { invitations { nodes { slug } } } }'
    shown = await api.execute(CHIANG_MAI, invitations)
    assert shown.errors is None
    assert shown.data["city"]["invitations"]["nodes"] == [{"slug": "bogota-sound-lab"}]
    answer = {"project": "bogota-sound-lab", "city": "chiang-mai", "accept": True}
    refused = await api.call(BOGOTA, "answerInvitation", answer)
    assert refused["__typename"] == "ForbiddenError"
    assert refused["field"] == ["input", "city"]
    accepted = await api.call(CHIANG_MAI, "answerInvitation", answer)
    assert accepted["__typename"] == "UpdateProjectSuccess"
    assert slugs(accepted["project"]["cities"]) == ["chiang-mai"]
    assert slugs(accepted["project"]["invitedCities"]) == []
    missing = await api.call(CHIANG_MAI, "answerInvitation", answer)
    assert missing["__typename"] == "NotFoundError"
    assert missing["field"] == ["input", "project"]
