"""The secretariat's operations, called directly: mentors, host ranking, call checks and
candidates are refused to everyone else, in domain words, with domain field paths."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from graph.dataset import Link
from services.candidates import NewCandidate
from services.container import Services
from services.errors import InvalidInput, Refused
from services.hosts import HostApplicationInput
from tests.services.conftest import CHIANG_MAI, NOBODY, RESEARCHER, SECRETARIAT, TODAY, snapshot

OTHERS = [NOBODY, RESEARCHER, CHIANG_MAI]


@pytest.mark.parametrize("viewer", OTHERS, ids=["anonymous", "researcher", "focal-point"])
async def test_the_secretariats_questions_are_refused_to_others(
    services: Services, viewer: object
) -> None:
    for ask, doing in (
        (lambda: services.mentors.propose(viewer, 2027), "propose mentors"),  # type: ignore[arg-type]
        (lambda: services.calls.check(viewer, 2027), "check a call's applications"),  # type: ignore[arg-type]
        (lambda: services.hosts.rank(viewer, 2027), "rank the cities"),  # type: ignore[arg-type]
    ):
        with pytest.raises(Refused) as refused:
            await ask()
        assert refused.value.field == ()
        assert refused.value.message.startswith(f"only the secretariat may {doing}")


@pytest.mark.parametrize("year", [1999, 2101])
async def test_a_call_year_out_of_range_is_named(services: Services, year: int) -> None:
    for ask in (services.mentors.propose, services.calls.check):
        with pytest.raises(InvalidInput) as refused:
            await ask(SECRETARIAT, year)
        assert refused.value.field == ("call_year",)
        assert refused.value.message == "call_year must be between 2000 and 2100"


async def test_host_ranking_takes_standing_on_the_services_day(services: Services) -> None:
    ranked = await services.hosts.rank(SECRETARIAT, 2027)
    assert ranked.as_of == TODAY  # before the conference year: today
    past = await services.hosts.rank(SECRETARIAT, 2019)
    assert past.as_of == dt.date(2018, 12, 31)  # a past year: the eve of that year
    with pytest.raises(InvalidInput) as refused:
        await services.hosts.rank(SECRETARIAT, 2020, dt.date(2021, 6, 1))
    assert refused.value.field == ("as_of",)


async def test_a_city_applies_to_host_and_is_ranked(services: Services) -> None:
    region = {"id": "asia-and-the-pacific", "name": "Asia and the Pacific", "code": "ASIA"}
    await services.store.upsert_nodes("Region", [region])
    await services.store.upsert_links(
        "Country-IN_REGION-Region", [Link("TH", "asia-and-the-pacific")]
    )
    application = HostApplicationInput("chiang-mai", 2027, 900, 1200, 20.0, None)
    props = await services.hosts.apply(CHIANG_MAI, application)
    assert props["submitted_date"] == TODAY.isoformat()
    ranked = await services.hosts.rank(SECRETARIAT, 2027)
    assert [r.applicant.city_id for r in ranked.candidates] == ["chiang-mai"]
    with pytest.raises(InvalidInput) as refused:
        await services.hosts.apply(
            CHIANG_MAI, HostApplicationInput("chiang-mai", 2027, -1, None, None, None)
        )
    assert refused.value.field == ("venue_seats",)
    with pytest.raises(InvalidInput) as refused:
        await services.hosts.apply(
            CHIANG_MAI, HostApplicationInput("chiang-mai", 2050, None, None, None, None)
        )
    assert refused.value.field == ("year",)


async def test_candidates_and_their_mentors(services: Services) -> None:
    new = NewCandidate(
        name="Nan", country="TH", field="crafts-and-folk-art", mentor="chiang-mai", start_year=2026
    )
    before = await snapshot(services)
    with pytest.raises(Refused):
        await services.candidates.record(CHIANG_MAI, new)
    assert await snapshot(services) == before
    done = await services.candidates.record(SECRETARIAT, new)
    assert done.created
    assert done.city["id"] == "nan"
    assert not (await services.candidates.record(SECRETARIAT, new)).created
    with pytest.raises(InvalidInput) as refused:
        await services.candidates.record(
            SECRETARIAT,
            NewCandidate(
                name="Nan",
                country="TH",
                field="crafts-and-folk-art",
                mentor="nan",
                start_year=2026,
            ),
        )
    assert refused.value.field == ("name",)  # the field that chose the id


async def test_of_concurrent_identical_candidates_exactly_one_is_created(
    services: Services,
) -> None:
    new = NewCandidate(
        name="Nan", country="TH", field="crafts-and-folk-art", mentor="chiang-mai", start_year=2026
    )
    done = await asyncio.gather(*(services.candidates.record(SECRETARIAT, new) for _ in range(50)))
    assert sum(d.created for d in done) == 1
    assert {d.mentorship["id"] for d in done} == {"chiang-mai:nan:2026"}
    assert all("created_now" not in d.mentorship for d in done)
    assert "created_now" not in (
        await services.store.get("Mentorship", "chiang-mai:nan:2026") or {}
    )
