"""Recommendations and their feedback loop, called directly: the request's bounds in domain
words, introductions and dismissals with who may make them, and what they change next time."""

from __future__ import annotations

import pytest

from brain.partners import Need
from services.container import Services
from services.errors import InvalidInput, Missing, Refused
from services.introductions import Dismissal, IntroductionRequest
from tests.services.conftest import BOGOTA, CHIANG_MAI, NOBODY, SECRETARIAT, TODAY, snapshot

HERITAGE = Need(targets=("11.4",))


async def test_anyone_may_ask_for_partners(services: Services) -> None:
    found = await services.partners.recommend("chiang-mai", HERITAGE, 5)
    ids = [r.partner.id for r in found.items]
    assert "chiang-mai" not in ids
    assert "bogota" not in ids
    assert "fabriano" not in ids  # already asked to meet


@pytest.mark.parametrize(
    ("need", "first", "field"),
    [
        (Need(targets=("99.9",)), 5, ("need", "sdg_targets", "0")),
        (Need(kinds=()), 5, ("need", "kinds")),
        (HERITAGE, 0, ("first",)),
        (HERITAGE, 101, ("first",)),
    ],
)
async def test_a_bad_request_names_its_field(
    services: Services, need: Need, first: int, field: tuple[str, ...]
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await services.partners.recommend("chiang-mai", need, first)
    assert refused.value.field == field


async def test_an_unknown_city_is_missing(services: Services) -> None:
    with pytest.raises(Missing) as missing:
        await services.partners.recommend("atlantis", HERITAGE, 5)
    assert missing.value.field == ("city",)


async def test_an_introduction_leaves_the_list_and_is_recorded_today(services: Services) -> None:
    first = await services.partners.recommend("chiang-mai", HERITAGE, 5)
    partner = first.items[0].partner
    request = IntroductionRequest("chiang-mai", partner.id, partner.kind, HERITAGE, "hello")
    props = await services.introductions.request(CHIANG_MAI, request)
    assert props["requested_date"] == TODAY.isoformat()
    assert props["id"] == f"chiang-mai:{partner.id}:{TODAY.isoformat()}"
    again = await services.partners.recommend("chiang-mai", HERITAGE, 5)
    assert partner.id not in [r.partner.id for r in again.items]


async def test_only_the_asking_city_or_the_secretariat_asks(services: Services) -> None:
    before = await snapshot(services)
    request = IntroductionRequest("chiang-mai", "phuket", "city", None, None)
    for viewer, field in ((NOBODY, ()), (BOGOTA, ("city",))):
        with pytest.raises(Refused) as refused:
            await services.introductions.request(viewer, request)
        assert refused.value.field == field
    assert await snapshot(services) == before
    with pytest.raises(InvalidInput) as invalid:
        await services.introductions.request(
            CHIANG_MAI, IntroductionRequest("chiang-mai", "chiang-mai", "city", None, None)
        )
    assert invalid.value.field == ("partner",)


async def test_either_side_of_an_introduction_says_how_it_went(services: Services) -> None:
    intro = "chiang-mai:fabriano:2026-01-05"
    with pytest.raises(Refused) as refused:
        await services.introductions.update(BOGOTA, intro, "met")
    assert refused.value.field == ("introduction",)
    fabriano = CHIANG_MAI.__class__(CHIANG_MAI.role, city="fabriano")
    done = await services.introductions.update(fabriano, intro, "met")
    assert done["status"] == "met"
    assert done["updated_date"] == TODAY.isoformat()
    with pytest.raises(InvalidInput) as invalid:
        await services.introductions.update(SECRETARIAT, intro, "married")
    assert invalid.value.field == ("status",)
    with pytest.raises(Missing):
        await services.introductions.update(SECRETARIAT, "nope", "met")


async def test_a_dismissed_partner_is_not_proposed_again_for_that_need(
    services: Services,
) -> None:
    first = await services.partners.recommend("chiang-mai", HERITAGE, 5)
    partner = first.items[0].partner
    await services.introductions.dismiss(
        CHIANG_MAI, Dismissal("chiang-mai", partner.id, partner.kind, HERITAGE)
    )
    again = await services.partners.recommend("chiang-mai", HERITAGE, 5)
    assert partner.id not in [r.partner.id for r in again.items]
    other_need = await services.partners.recommend("chiang-mai", Need(targets=("4.7",)), 5)
    assert partner.id in [r.partner.id for r in other_need.items]
