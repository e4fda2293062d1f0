"""The front door and what the explorer reads, through the ASGI app: `/` is a landing page
with its links, `/explore/network.json` holds every member city and the projection's ties with
their start years (public data, cached per graph version, gzip when asked), and GraphiQL is
served from the hub's own bundle, not a CDN."""

from __future__ import annotations

import asyncio
import time

from starlette.testclient import TestClient

from hub.app import create_app
from hub.bootstrap import store_session
from hub.settings import Settings
from tests.research.networks import two_clusters


def _seeded(settings: Settings) -> Settings:
    async def seed() -> None:
        async with store_session(settings) as store:
            await store.write_data(two_clusters().data())

    asyncio.run(seed())
    return settings


def test_the_landing_page_links_every_door(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        for link in ('href="/explore"', 'href="/graphql"', 'href="/healthz"', 'href="/readyz"'):
            assert link in page.text
        assert "README" in page.text
        assert client.get("/static/hub.css").status_code == 200
        assert client.get("/explore").status_code == 200


def test_the_explorer_reads_the_network_with_tie_years(settings: Settings) -> None:
    network = two_clusters()
    with TestClient(create_app(_seeded(settings))) as client:
        answer = client.get("/explore/network.json", headers={"accept-encoding": "identity"})
        assert answer.status_code == 200
        document = answer.json()
        zipped = client.get("/explore/network.json", headers={"accept-encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert zipped.json() == document  # the client inflates it
    ids = [c[0] for c in document["cities"]]
    assert sorted(ids) == sorted(c.id for c in network.cities)
    by_id = {c[0]: c for c in document["cities"]}
    assert by_id["kanazawa"][1:6] == [
        "Kanazawa",
        "crafts-and-folk-art",
        "asia-and-the-pacific",
        0,
        2009,
    ]
    assert by_id["kanazawa"][6:] == [36.56, 136.65]
    g = network.networkx()
    columns = document["ties"]
    rows = zip(columns["a"], columns["b"], columns["weight"], columns["since"], strict=True)
    ties = {frozenset((ids[i], ids[j])): (w, since) for i, j, w, since in rows}
    assert ties == {frozenset((a, b)): (d["weight"], d["start"]) for a, b, d in g.edges(data=True)}
    assert document["lastYear"] == 2021
    assert "music" in document["fields"]


def test_graphiql_comes_from_the_local_bundle(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        page = client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert "/static/dist/graphiql.js" in page.text
        assert "cdn" not in page.text.lower()
        assert "unpkg" not in page.text.lower()
        assert client.get("/static/dist/graphiql.js").status_code == 200


def test_the_hub_reads_the_network_as_it_starts_and_requests_share_that_read(
    settings: Settings,
) -> None:
    warm = _seeded(settings).model_copy(update={"analytics_warm_on_start": True})
    with TestClient(create_app(warm)) as client:
        assert client.get("/readyz").status_code == 200  # readiness does not wait for it
        index = client.app_state["services"].analytics.core.network_index
        for _ in range(200):  # the background read, before any request asked for it
            if index.computations >= 2:
                break
            time.sleep(0.05)
        assert (index.reads, index.computations) == (1, 2)  # the explorer's picture, the stats
        assert client.get("/explore/network.json").status_code == 200
        assert (index.reads, index.computations) == (1, 2)
