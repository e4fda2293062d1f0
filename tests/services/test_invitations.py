"""A city named in another city's project takes part only once it accepts (issue 13, item 13):
until then the invitation is no tie, and the city's recommendations do not change."""

from __future__ import annotations

import pytest

from brain.partners import Need
from services.container import Services
from services.errors import Missing, Refused
from services.policy import Role, Viewer
from services.projects import NewProject, ProjectChanges
from tests.services.conftest import BOGOTA, CHIANG_MAI, SECRETARIAT, TODAY

FABRIANO = Viewer(Role.FOCAL_POINT, city="fabriano")
PHUKET = Viewer(Role.FOCAL_POINT, city="phuket")
NEW = NewProject(
    title="Lanna Paper Routes", start_year=2026, lead_city="chiang-mai", cities=["fabriano"]
)


async def taking_part(services: Services, project: str) -> tuple[list[str], list[str]]:
    state = await services.projects.state(project)
    assert state is not None
    invited = [c for c in state.sets["cities"] if c not in state.taking_part]
    return sorted(state.taking_part), sorted(invited)


async def ties_of(services: Services, city: str) -> set[tuple[str, str]]:
    services.core.partner_index.invalidate()
    snap = await services.core.partner_index.snapshot()
    return snap.city_ties.get(city, set())


async def test_a_focal_point_invites_and_the_invitation_is_no_tie(services: Services) -> None:
    before = await ties_of(services, "fabriano")
    await services.projects.create(CHIANG_MAI, NEW)
    assert await taking_part(services, "lanna-paper-routes") == ([], ["fabriano"])
    assert await ties_of(services, "fabriano") == before
    assert ("city", "chiang-mai") not in await ties_of(services, "fabriano")
    path = await services.traversal.path("fabriano", "chiang-mai", 2)
    assert path is None  # no cooperation path through an unanswered invitation
    rows = await services.store.engine.read(
        "MATCH (:City {id: 'fabriano'})-[i:INVITED_TO]->(:PilotProject) RETURN i.invited_date AS d",
        {},
    )
    assert rows == [{"d": TODAY.isoformat()}]


async def test_the_invited_city_accepts_and_then_it_is_a_tie(services: Services) -> None:
    await services.projects.create(CHIANG_MAI, NEW)
    for viewer in (CHIANG_MAI, BOGOTA):  # not the lead, not a stranger: only Fabriano
        with pytest.raises(Refused) as refused:
            await services.projects.answer_invitation(
                viewer, "lanna-paper-routes", "fabriano", True
            )
        assert refused.value.field == ("city",)
    await services.projects.answer_invitation(FABRIANO, "lanna-paper-routes", "fabriano", True)
    assert await taking_part(services, "lanna-paper-routes") == (["fabriano"], [])
    assert ("city", "chiang-mai") in await ties_of(services, "fabriano")
    found = await services.partners.recommend("fabriano", Need(), 10)
    assert "chiang-mai" not in [r.partner.id for r in found.items]  # now a partner already
    with pytest.raises(Missing) as missing:  # answered once: no invitation is left
        await services.projects.answer_invitation(FABRIANO, "lanna-paper-routes", "fabriano", True)
    assert missing.value.field == ("project",)


async def test_a_declined_invitation_goes(services: Services) -> None:
    await services.projects.create(CHIANG_MAI, NEW)
    await services.projects.answer_invitation(SECRETARIAT, "lanna-paper-routes", "fabriano", False)
    assert await taking_part(services, "lanna-paper-routes") == ([], [])


async def test_the_secretariats_cities_take_part_at_once(services: Services) -> None:
    await services.projects.create(SECRETARIAT, NEW)
    assert await taking_part(services, "lanna-paper-routes") == (["fabriano"], [])


async def test_an_update_keeps_who_takes_part_and_invites_the_new_ones(
    services: Services,
) -> None:
    # Bogotá takes part in Lanna Crafts Lab already; Chiang Mai's focal point adds Phuket.
    change = ProjectChanges(project="lanna-crafts-lab", cities=["bogota", "phuket"])
    await services.projects.update(CHIANG_MAI, change)
    assert await taking_part(services, "lanna-crafts-lab") == (["bogota"], ["phuket"])
    # A retry of the same create is still the same project while the invitation is pending.
    await services.projects.create(CHIANG_MAI, NEW)
    again = await services.projects.create(CHIANG_MAI, NEW)
    assert not again.created
    # Dropping a city drops its invitation too.
    await services.projects.update(
        CHIANG_MAI, ProjectChanges(project="lanna-crafts-lab", cities=["bogota"])
    )
    assert await taking_part(services, "lanna-crafts-lab") == (["bogota"], [])
    with pytest.raises(Missing):
        await services.projects.answer_invitation(PHUKET, "lanna-crafts-lab", "phuket", True)
