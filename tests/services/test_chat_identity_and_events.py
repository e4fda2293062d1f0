"""The services the bot stands on: who a chat user is (linked by verified e-mail or by the
secretariat), the ledger that lets an event be handled once, and the directory's listings."""

from __future__ import annotations

import asyncio

import pytest

from graph.store import GraphStore
from services.container import Services
from services.directory import CityCriteria
from services.errors import InvalidInput, Missing, Refused
from services.policy import Role
from tests.services.conftest import CHIANG_MAI, SECRETARIAT


async def test_an_unknown_chat_user_is_anonymous(services: Services) -> None:
    who = await services.identity.of_chat_user("U0NOBODY")
    assert who.viewer.role is Role.ANONYMOUS
    assert not who.linked


async def test_the_secretariat_links_a_user_to_a_new_focal_point(services: Services) -> None:
    linked = await services.identity.link(
        SECRETARIAT, "U0SOMCHAI", "chiang-mai", name="Somchai K", email="s@example.org"
    )
    assert (linked.city, linked.focal_point) == ("chiang-mai", "chiang-mai-somchai-k")
    assert linked.viewer.role is Role.FOCAL_POINT
    again = await services.identity.of_chat_user("U0SOMCHAI")
    assert again == linked
    contacts = await services.identity.contacts("chiang-mai")
    assert [(c.id, c.slack_user) for c in contacts] == [("chiang-mai-somchai-k", "U0SOMCHAI")]


async def test_only_the_secretariat_links_and_ids_are_checked(services: Services) -> None:
    with pytest.raises(Refused):
        await services.identity.link(CHIANG_MAI, "U0X1", "chiang-mai", name="X")
    with pytest.raises(InvalidInput) as bad:
        await services.identity.link(SECRETARIAT, "not-a-user", "chiang-mai", name="X")
    assert bad.value.field == ("slack_user",)
    with pytest.raises(Missing):
        await services.identity.link(SECRETARIAT, "U0X1", "atlantis", name="X")


async def test_a_verified_e_mail_links_once_and_never_takes_over(services: Services) -> None:
    await services.identity.link(
        SECRETARIAT, "U0FIRST", "bogota", name="Lucia", email="Lucia@Example.org"
    )
    await services.identity.unlink(SECRETARIAT, "U0FIRST")
    linked = await services.identity.link_by_email("U0LUCIA", "lucia@example.org")
    assert linked.city == "bogota"
    taken = await services.identity.link_by_email("U0OTHER", "lucia@example.org")
    assert not taken.linked  # already linked to U0LUCIA: not taken over by e-mail


async def test_a_user_speaks_for_one_role_at_most(services: Services) -> None:
    await services.identity.link(SECRETARIAT, "U0BOTH", "bogota", name="Lucia")
    staff = await services.identity.link_secretariat(SECRETARIAT, "U0BOTH", "Staff")
    assert staff.viewer.role is Role.SECRETARIAT
    contacts = await services.identity.contacts("bogota")
    assert all(c.slack_user != "U0BOTH" for c in contacts)


async def test_an_event_is_claimed_by_exactly_one_of_concurrent_claimants(
    store: GraphStore,
) -> None:
    services = Services(store)
    claims = await asyncio.gather(*(services.events.claim("Ev0SAME") for _ in range(8)))
    assert sorted(claims) == [False] * 7 + [True]
    assert await services.events.claim("Ev0OTHER") is True
    assert await services.events.prune() == 0  # all younger than a week


async def test_the_directory_lists_cities_by_criteria(services: Services) -> None:
    found = await services.directory.cities(CityCriteria(fields=("music",)), 10)
    assert [c.id for c in found.items] == ["bogota"]
    assert found.total == 1
    projects = await services.directory.projects(targets=["11.4"], first=5)
    assert [p.id for p in projects.items] == ["lanna-crafts-lab"]
    assert projects.items[0].lead == "chiang-mai"
    assert await services.directory.target("99.9") is None
