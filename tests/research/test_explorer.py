"""The explorer (/explore) in headless Chromium against a real `uccn serve` on the hand-made
network: it loads with no console error, the filters and the year slider show the expected
cities, a click opens the city's panel (from the public GraphQL API), the URL keeps the view.
Each run saves screenshots under var/screenshots/."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, Request

from bench.browser import Watched, chromium, screenshot, watched_page
from hub.bootstrap import store_session
from hub.settings import Settings
from tests.conftest import embedded_url, unique_graph_name
from tests.research.networks import COUNTRIES, Network, two_clusters
from tests.serving import Served, serving

READY = "body[data-ready=true]"


@pytest.fixture(scope="module")
async def hub(graph_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Served]:
    settings = Settings(
        graph_url=embedded_url(graph_dir),
        graph_name=unique_graph_name(),
        _env_file=None,  # type: ignore[call-arg]
    )

    async with store_session(settings) as store:
        await store.write_data(two_clusters().data())
    with serving(settings, tmp_path_factory.mktemp("explore")) as served:
        yield served


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    async with chromium() as opened:
        yield opened


@pytest.fixture
async def explorer(browser: Browser, hub: Served) -> AsyncIterator[Watched]:
    watched = await watched_page(browser, hub.base)
    yield watched
    await watched.page.close()
    assert watched.errors == []
    assert watched.refused == []


async def _open(watched: Watched, hub: Served, query: str = "") -> Page:
    page = watched.page
    await page.goto(f"{hub.base}/explore{query}")
    await page.wait_for_selector(READY, timeout=20_000)
    return page


async def _shown(page: Page) -> tuple[int, int]:
    count = page.locator("#count")
    cities = await count.get_attribute("data-cities")
    ties = await count.get_attribute("data-ties")
    return int(cities or -1), int(ties or -1)


def _expected(network: Network, year: int | None = None, **only: object) -> int:
    cities = [c for c in network.cities if year is None or c.year <= year]
    if "field" in only:
        cities = [c for c in cities if c.field == only["field"]]
    if "south" in only:
        cities = [c for c in cities if COUNTRIES[c.country][1] == only["south"]]
    return len(cities)


async def test_the_page_loads_every_city_without_a_console_error(
    explorer: Watched, hub: Served
) -> None:
    page = await _open(explorer, hub)
    network = two_clusters()
    assert await _shown(page) == (len(network.cities), network.networkx().number_of_edges())
    assert await page.evaluate("window.explorer.renderer.getGraph().order") == 10
    assert await page.evaluate("window.explorer.shownAfterMs") > 0
    await screenshot(page, "explore.png")


async def test_a_filter_shows_the_cities_it_selects(explorer: Watched, hub: Served) -> None:
    page = await _open(explorer, hub)
    network = two_clusters()
    await page.select_option("#south", "yes")
    assert (await _shown(page))[0] == _expected(network, south=True) == 7
    await page.select_option("#field", "music")
    assert (await _shown(page))[0] == len(
        [c for c in network.cities if c.field == "music" and COUNTRIES[c.country][1]]
    )
    assert "south=yes" in page.url
    assert "field=music" in page.url


async def test_the_year_slider_replays_growth(explorer: Watched, hub: Served) -> None:
    page = await _open(explorer, hub)
    network = two_clusters()
    await page.eval_on_selector(
        "#year", "e => { e.value = '2010'; e.dispatchEvent(new Event('input')); }"
    )
    g = network.networkx(2010)
    assert await _shown(page) == (_expected(network, 2010), g.number_of_edges()) == (2, 1)
    assert "year=2010" in page.url
    await page.eval_on_selector(
        "#year", "e => { e.value = '2018'; e.dispatchEvent(new Event('input')); }"
    )
    assert await _shown(page) == (
        _expected(network, 2018),
        network.networkx(2018).number_of_edges(),
    )


async def _click_city(page: Page, city: str) -> None:
    x, y = await page.evaluate(
        """city => {
            const r = window.explorer.renderer;
            const p = r.framedGraphToViewport(r.getNodeDisplayData(city));
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        city,
    )
    await page.mouse.click(x, y)


async def test_a_click_on_a_city_opens_its_panel(explorer: Watched, hub: Served) -> None:
    page = await _open(explorer, hub)
    sent: list[Any] = []

    def record(request: Request) -> None:
        if "/graphql" in request.url:
            sent.append(request.post_data_json)

    page.on("request", record)
    await _click_city(page, "marrakech")
    await page.wait_for_selector("#panel[data-loaded=true]", timeout=10_000)
    panel = page.locator("#panel")
    assert await panel.get_attribute("data-city") == "marrakech"
    assert await page.text_content("#panel-title") == "Marrakech"
    text = await panel.inner_text()
    for partner in ("Dakar", "Saint Louis", "Rabat", "Fabriano"):
        assert partner in text
    assert "Crafts-Bridge (2019" in text
    assert "Recommended partners" in text
    assert "city=marrakech" in page.url
    highlighted = await page.evaluate("[...window.explorer.graph.neighbors('marrakech')].length")
    assert highlighted == 4
    # A trusted document, sent by its hash alone (the hub knew it: no retry with the text).
    [body] = sent
    assert "query" not in body
    assert body["extensions"]["persistedQuery"]["version"] == 1
    await screenshot(page, "explore-city.png")


async def test_the_url_keeps_the_view(explorer: Watched, hub: Served) -> None:
    page = await _open(explorer, hub, "?colour=region&south=yes&year=2019&city=dakar")
    network = two_clusters()
    assert await page.input_value("#colour") == "region"
    assert await page.input_value("#south") == "yes"
    assert await page.input_value("#year") == "2019"
    assert (await _shown(page))[0] == len(
        [c for c in network.cities if c.year <= 2019 and COUNTRIES[c.country][1]]
    )
    await page.wait_for_selector("#panel[data-loaded=true]", timeout=10_000)
    assert await page.text_content("#panel-title") == "Dakar"


async def test_the_search_box_finds_a_city_without_accents_or_case(
    explorer: Watched, hub: Served
) -> None:
    page = await _open(explorer, hub)
    await page.fill("#search", "SAINT LOUIS")
    await page.press("#search", "Enter")
    await page.wait_for_selector("#panel[data-loaded=true]", timeout=10_000)
    assert await page.locator("#panel").get_attribute("data-city") == "saint-louis"


async def test_the_force_layout_runs_in_a_worker_and_is_kept_in_the_url(
    explorer: Watched, hub: Served
) -> None:
    page = await _open(explorer, hub)
    before = await page.evaluate("window.explorer.graph.getNodeAttribute('bogota', 'x')")
    await page.select_option("#layout", "force")
    await page.wait_for_function(
        f"window.explorer.graph.getNodeAttribute('bogota', 'x') !== {before}", timeout=10_000
    )
    assert "layout=force" in page.url
    await page.select_option("#layout", "geo")
    assert await page.evaluate("window.explorer.graph.getNodeAttribute('bogota', 'x')") == before


async def test_graphiql_loads_offline_and_runs_a_query(explorer: Watched, hub: Served) -> None:
    page = explorer.page
    await page.goto(f"{hub.base}/graphql")
    await page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=20_000)
    await page.evaluate(
        """() => document.querySelector('.graphiql-query-editor .CodeMirror')
            .CodeMirror.setValue('{ city(id: "kanazawa") { name designationYear } }')"""
    )
    await page.click(".graphiql-execute-button")
    await page.wait_for_function(
        "document.querySelector('.graphiql-response')?.innerText.includes('Kanazawa')",
        timeout=10_000,
    )
    assert '"designationYear": 2009' in await page.inner_text(".graphiql-response")
    await screenshot(page, "graphiql.png")
