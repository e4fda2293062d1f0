"""Partner institutions, called directly: a focal point registers one for its own city, the
same institution again is not duplicated, links are made for one's own city only."""

from __future__ import annotations

import pytest

from services.container import Services
from services.errors import InvalidInput, Refused
from services.institutions import InstitutionLink, NewInstitution
from tests.services.conftest import BOGOTA, CHIANG_MAI, RESEARCHER, SECRETARIAT, snapshot

GUILD = NewInstitution(name="Lanna Weaving Guild", kind="professional-body", country="TH")


async def test_a_focal_point_registers_for_its_own_city(services: Services) -> None:
    made = await services.institutions.register(CHIANG_MAI, GUILD)
    assert made.created
    assert made.props["id"] == "lanna-weaving-guild"
    again = await services.institutions.register(CHIANG_MAI, GUILD)
    assert not again.created
    with pytest.raises(InvalidInput) as refused:
        await services.institutions.register(
            SECRETARIAT, NewInstitution(name=GUILD.name, kind="ngo", country="TH")
        )
    assert refused.value.field == ("name",)
    assert "kind" in refused.value.message


async def test_an_institution_needs_a_country(services: Services) -> None:
    # Found by the API fuzzing: an empty country code was a TypeError, not a refusal.
    with pytest.raises(InvalidInput) as refused:
        await services.institutions.register(
            SECRETARIAT, NewInstitution(name="A Guild", kind="ngo", country="")
        )
    assert refused.value.field == ("country",)


async def test_links_are_for_ones_own_city(services: Services) -> None:
    before = await snapshot(services)
    link = InstitutionLink("chiang-mai-university", "chiang-mai", 2019)
    for viewer, field in ((RESEARCHER, ()), (BOGOTA, ("city",))):
        with pytest.raises(Refused) as refused:
            await services.institutions.link(viewer, link)
        assert refused.value.field == field
    assert await snapshot(services) == before
    linked = await services.institutions.link(CHIANG_MAI, link)
    assert linked.since_year == 2019
    with pytest.raises(InvalidInput) as invalid:
        await services.institutions.link(
            CHIANG_MAI, InstitutionLink("chiang-mai-university", "chiang-mai", 1066)
        )
    assert invalid.value.field == ("since_year",)
