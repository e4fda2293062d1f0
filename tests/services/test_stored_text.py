"""The API's writes refuse what no engine should store, with the import's rule
(`services.exchange.values`): a control character, a lone surrogate, U+FFFE/U+FFFF. It was the
root of issue 13, item 3: a BEL accepted by `createProject` made every GraphML export fail."""

from __future__ import annotations

import pytest

from services.container import Services
from services.errors import InvalidInput
from services.hosts import HostApplicationInput
from services.projects import NewProject
from tests.services.conftest import BOGOTA, SECRETARIAT, snapshot


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("Bell\x07Lab", "a control character (U+0007 at position 4)"),
        ("Lab\x00", "a control character (U+0000 at position 3)"),
        ("Lab\ud83d", "a lone surrogate (U+D83D at position 3)"),
        ("Lab\uffff", "a noncharacter (U+FFFF at position 3)"),
    ],
    ids=["bel", "nul", "surrogate", "noncharacter"],
)
async def test_create_project_refuses_a_title_no_engine_should_store(
    services: Services, title: str, reason: str
) -> None:
    before = await snapshot(services)
    new = NewProject(title=title, start_year=2025, lead_city="bogota")
    with pytest.raises(InvalidInput) as refused:
        await services.projects.create(SECRETARIAT, new)
    assert refused.value.field == ("title",)
    assert refused.value.template == f"`title` must not contain {reason}"
    assert await snapshot(services) == before


async def test_tabs_and_line_breaks_are_text(services: Services) -> None:
    new = NewProject(
        title="Sound Lab", summary="one\ttwo\r\nthree", start_year=2025, lead_city="bogota"
    )
    made = await services.projects.create(SECRETARIAT, new)
    assert made.props["summary"] == "one\ttwo\r\nthree"


async def test_every_text_the_api_takes_has_the_rule(services: Services) -> None:
    before = await snapshot(services)
    application = HostApplicationInput("bogota", 2027, None, None, None, notes="near\x1bthe sea")
    with pytest.raises(InvalidInput) as refused:
        await services.hosts.apply(BOGOTA, application)
    assert refused.value.field == ("notes",)
    assert await snapshot(services) == before
