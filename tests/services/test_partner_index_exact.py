"""The recommendation index is built from other reads since issue 11 (grouped by target, field,
city, institution, with the engine's own project keys) and must hold exactly what it held:
checked against the index as it was built before (tests/services/partner_index_reference.py)
on a generated network over the real reference data, with bad records in it, and through the
answers of `recommendPartners` for many asking cities and needs."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from brain import partners
from graph.dataset import GraphData, Link
from graph.statements import recommend
from graph.store import GraphStore
from services.clock import FixedClock
from services.container import Services
from services.partner_index import Snapshot
from services.partners import asker_of
from services.reference.dataset import load_reference_data
from services.reference.loading import load_reference
from services.synth import generate
from tests.services.partner_index_reference import (
    ReferenceIndex,
    reference_build,
    reference_ranking,
    reference_recommend,
)

TODAY = dt.date(2026, 3, 2)
CITIES = 300
SEED = 11


@pytest.fixture(scope="module")
def network() -> GraphData:
    return generate(cities=CITIES, seed=SEED, reference=load_reference_data())


@pytest.fixture
async def services(store: GraphStore, network: GraphData) -> Services:
    await load_reference(store)  # as `uccn load`, then `uccn synth`
    await store.write_data(network)
    members = sorted(str(n["id"]) for n in network.nodes["City"] if n.get("status") == "member")
    institutions = sorted(str(n["id"]) for n in network.nodes["PartnerInstitution"])
    # Bad records, written around the import (which refuses them): a member city with a second
    # country, another with a second creative field, an institution in a second country.
    await store.upsert_links("City-IN_COUNTRY-Country", [Link(members[3], "TH")])
    await store.upsert_links("City-DESIGNATED_IN-CreativeField", [Link(members[5], "music")])
    await store.upsert_links("PartnerInstitution-BASED_IN-Country", [Link(institutions[2], "TH")])
    return Services(store, clock=FixedClock.on(TODAY))


async def both(services: Services) -> tuple[Snapshot, ReferenceIndex]:
    built = await services.core.partner_index.snapshot()
    return built, await reference_build(services.store, TODAY)


async def test_the_index_holds_what_the_per_project_reads_gave(services: Services) -> None:
    built, reference = await both(services)
    assert len(built.candidates) > CITIES  # member cities and institutions
    assert built.profiles == reference.profiles
    assert built.cities == reference.cities
    assert built.candidates == reference.candidates
    assert built.statuses == reference.statuses
    assert built.places == reference.places
    assert len(built.left_out) == 3
    assert built.left_out == reference.left_out
    # The reference kept an empty set for a city whose projects have no one else in them.
    assert dict(built.city_ties) == {c: t for c, t in reference.city_ties.items() if t}
    assert sum(len(t) for t in built.city_ties.values()) > 10 * CITIES


def needs(profile: partners.Profile, places: partners.Places) -> list[partners.Need]:
    own = sorted(profile.targets)
    regions = sorted({p.region for p in places.countries.values() if p.region})
    return [
        partners.Need(),
        partners.Need(targets=(own[0] if own else "11.4",)),
        partners.Need(targets=tuple(own[:3]) or ("4.7", "11.4"), kinds=("city",)),
        partners.Need(fields=("music", "design"), kinds=("institution",)),
        partners.Need(targets=("8.9",), regions=tuple(regions[:2])),
    ]


async def test_recommendations_are_the_same_for_every_asking_city(services: Services) -> None:
    built, reference = await both(services)
    asking = sorted(built.cities)[::3]
    assert len(asking) > CITIES // 4
    compared = 0
    for city in asking:
        [row] = await services.store.run(recommend.ASKER, city=city)
        for need in needs(built.cities[city], built.places):
            found = await services.partners.recommend(city, need, 20)
            # The reference index through the reference scoring (asker_of reads the fields both
            # indexes have).
            expected = reference_recommend(
                asker_of(row, cast(Snapshot, reference)),
                need,
                reference.candidates,
                reference.places,
                year=TODAY.year,
                first=20,
                weights=services.core.config.partners,
            )
            assert found == expected, (city, need)
            compared += len(found.items)
    assert compared > 1000


async def test_every_candidate_s_score_is_the_same_to_the_last_bit(services: Services) -> None:
    """Beyond the listed few (whose scores are rounded): every allowed candidate, its score
    unrounded, in the same order, for a city of each kind of need."""
    built, reference = await both(services)
    weights = services.core.config.partners
    compared = 0
    for city in sorted(built.cities)[::17]:
        [row] = await services.store.run(recommend.ASKER, city=city)
        asker = asker_of(row, built)
        for need in needs(built.cities[city], built.places):
            wanted = partners._Wanted.of(asker, need, built.places, weights, TODAY.year)
            considered, ranking = wanted.ranking(built.pool)
            found = [(score, c.kind, c.id) for score, c in ranking]
            expected = [
                (-neg, kind, key)
                for neg, kind, key, _n, _c in reference_ranking(wanted, reference.candidates)
            ]
            assert considered == len(expected)
            assert found == expected, (city, need)
            compared += len(found)
    assert compared > 10_000
