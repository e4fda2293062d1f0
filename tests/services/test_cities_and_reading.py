"""The read models the bot and the jobs share, called directly: a city at a glance (report
states on the services' day, private parts only for those who may see them), its open
introductions, former ids, walks of the graph, and what an export lets out."""

from __future__ import annotations

import pytest

from graph.dataset import GraphData
from services.container import Services
from services.errors import InvalidInput, Missing, Refused
from services.records import NewContribution, ReportState
from tests.services.conftest import BOGOTA, CHIANG_MAI, NOBODY, RESEARCHER, SECRETARIAT


async def test_a_city_at_a_glance(services: Services) -> None:
    await services.records.record_contribution(
        SECRETARIAT, NewContribution(city="chiang-mai", year=2025, amount=2500)
    )
    data = GraphData()
    data.add_node("FocalPoint", {"id": "cm-somchai", "name": "Somchai", "email": "s@example.org"})
    data.add_link("FocalPoint-REPRESENTS-City", "cm-somchai", "chiang-mai")
    await services.store.write_data(data)

    own = await services.cities.status(CHIANG_MAI, "chiang-mai")
    assert own.name == "Chiang Mai"
    assert own.country == "TH"
    assert [(r.cycle, r.state) for r in own.reports] == [(2021, ReportState.OVERDUE)]
    assert own.next_report is not None
    assert own.next_report.cycle == 2021
    assert own.overdue_reports == own.reports
    assert own.contributed_in(2025) is not None
    assert own.contributed_in(2025).amount == 2500.0  # type: ignore[union-attr]
    assert own.contributed_in(2024) is None
    assert own.suggested_contribution_usd == 2000.0
    assert own.focal_points[0].email == "s@example.org"

    for viewer in (NOBODY, RESEARCHER, BOGOTA):
        seen = await services.cities.status(viewer, "chiang-mai")
        assert not seen.private_visible
        assert seen.contributions[0].amount is None
        assert seen.focal_points[0].email is None
        assert seen.reports == own.reports  # reports are public


async def test_a_missing_city_is_named(services: Services) -> None:
    with pytest.raises(Missing) as missing:
        await services.cities.status(SECRETARIAT, "atlantis")
    assert missing.value.field == ("city",)


async def test_open_introductions_are_seen_from_both_sides(services: Services) -> None:
    for city in ("chiang-mai", "fabriano"):
        [line] = await services.cities.open_introductions(city)
        assert (line.asking, line.partner, line.partner_name) == (
            "chiang-mai",
            "fabriano",
            "Fabriano",
        )
    assert await services.cities.open_introductions("bogota") == []
    await services.introductions.update(SECRETARIAT, "chiang-mai:fabriano:2026-01-05", "declined")
    assert await services.cities.open_introductions("chiang-mai") == []


async def test_a_former_id_resolves_to_the_city(services: Services) -> None:
    await services.store.upsert_nodes(
        "City", [{"id": "lodz", "name": "Łódź", "status": "member", "former_ids": ["odz"]}]
    )
    assert await services.cities.resolve("lodz") == "lodz"
    assert await services.cities.resolve("odz") == "lodz"
    assert await services.cities.resolve("nowhere") is None


async def test_walks_name_their_domain_fields(services: Services) -> None:
    path = await services.traversal.path("chiang-mai", "bogota", 4)
    assert path is not None
    assert path[0] == ("City", "chiang-mai")
    with pytest.raises(Missing) as missing:
        await services.traversal.path("chiang-mai", "atlantis", 4)
    assert missing.value.field == ("to",)
    with pytest.raises(InvalidInput) as refused:
        await services.traversal.path("chiang-mai", "bogota", 9)
    assert refused.value.field == ("max_hops",)
    with pytest.raises(InvalidInput) as refused:
        await services.traversal.neighbourhood("City", "chiang-mai", 4)
    assert refused.value.field == ("hops",)
    with pytest.raises(Missing):  # credentials are no node of the network
        await services.traversal.neighbourhood("ApiToken", "tk_x", 1)


async def test_exports_are_for_token_holders_and_private_parts_for_the_secretariat(
    services: Services,
) -> None:
    await services.records.record_contribution(
        SECRETARIAT, NewContribution(city="chiang-mai", year=2025, amount=2500)
    )
    with pytest.raises(Refused):
        await services.exchange.export_data(NOBODY)
    public = await services.exchange.export_data(RESEARCHER)
    assert all("amount" not in c for c in public.nodes["Contribution"])
    full = await services.exchange.export_data(SECRETARIAT)
    assert [c["amount"] for c in full.nodes["Contribution"]] == [2500.0]
