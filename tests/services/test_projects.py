"""Projects, called directly: who may create and change one, refusals in domain words with
domain field paths, nothing written on a refusal, and recommendations reading the new graph."""

from __future__ import annotations

import pytest

from services.container import Services
from services.errors import InvalidInput, Missing, Refused
from services.projects import NewProject, ProjectChanges
from tests.services.conftest import BOGOTA, CHIANG_MAI, NOBODY, RESEARCHER, SECRETARIAT, snapshot

NEW = NewProject(
    title="Lanna Makers Exchange",
    start_year=2025,
    lead_city="chiang-mai",
    cities=["bogota"],
    fields=["crafts-and-folk-art"],
    sdg_targets=["4.7"],
)


async def test_the_lead_citys_focal_point_creates_and_a_retry_finds_it(
    services: Services,
) -> None:
    made = await services.projects.create(CHIANG_MAI, NEW)
    assert made.created
    assert made.props["id"] == "lanna-makers-exchange"
    again = await services.projects.create(CHIANG_MAI, NEW)
    assert not again.created
    assert again.props == made.props


@pytest.mark.parametrize("viewer", [NOBODY, RESEARCHER], ids=["anonymous", "researcher"])
async def test_readers_may_not_create_and_nothing_is_written(
    services: Services, viewer: object
) -> None:
    before = await snapshot(services)
    with pytest.raises(Refused) as refused:
        await services.projects.create(viewer, NEW)  # type: ignore[arg-type]
    assert refused.value.field == ()  # the operation itself is refused
    assert "may not create a project" in refused.value.message
    assert "createProject" not in refused.value.message  # domain words, not the API's
    assert await snapshot(services) == before


async def test_another_citys_focal_point_is_refused_on_the_lead_city(services: Services) -> None:
    with pytest.raises(Refused) as refused:
        await services.projects.create(BOGOTA, NEW)
    assert refused.value.field == ("lead_city",)
    assert "chiang-mai" in refused.value.message


async def test_values_are_refused_naming_the_domain_field(services: Services) -> None:
    bad = NewProject(title="Late", start_year=2025, end_year=2020, lead_city="chiang-mai")
    with pytest.raises(InvalidInput) as refused:
        await services.projects.create(SECRETARIAT, bad)
    assert refused.value.field == ("end_year",)
    assert refused.value.message == "end_year must not be before start_year (2025)"
    # Each entry point renders the field names its own way.
    assert refused.value.render(str.upper) == "END_YEAR must not be before START_YEAR (2025)"


async def test_a_missing_reference_is_named_with_its_index(services: Services) -> None:
    bad = NewProject(title="Ghosts", start_year=2025, lead_city="chiang-mai", cities=["atlantis"])
    with pytest.raises(Missing) as missing:
        await services.projects.create(CHIANG_MAI, bad)
    assert missing.value.field == ("cities", "0")
    assert missing.value.id == "atlantis"


async def test_only_the_lead_city_or_the_secretariat_change_a_project(
    services: Services,
) -> None:
    change = ProjectChanges(project="lanna-crafts-lab", status="completed")
    with pytest.raises(Refused) as refused:
        await services.projects.update(BOGOTA, change)
    assert refused.value.field == ("project",)
    done = await services.projects.update(SECRETARIAT, change)
    assert done.props["status"] == "completed"


async def test_a_write_refreshes_the_recommendations_and_a_refusal_does_not(
    services: Services,
) -> None:
    index = services.core.partner_index
    before = await index.snapshot()
    assert "4.7" not in before.cities["chiang-mai"].targets
    with pytest.raises(Refused):
        await services.projects.create(BOGOTA, NEW)
    assert await index.snapshot() is before  # nothing changed, nothing rebuilt
    await services.projects.create(CHIANG_MAI, NEW)
    after = await index.snapshot()
    assert after is not before
    assert "4.7" in after.cities["chiang-mai"].targets
