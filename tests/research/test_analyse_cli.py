"""`uccn analyse` through the real command: the API's figures, as JSON for scripts or tables."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import networkx as nx
import pytest

from hub.bootstrap import store_session
from hub.settings import Settings
from tests.research.networks import two_clusters
from tests.serving import run_uccn


@pytest.fixture
def seeded(settings: Settings) -> Settings:
    async def write() -> None:
        async with store_session(settings) as store:
            await store.write_data(two_clusters().data())

    asyncio.run(write())
    return settings


def test_analyse_prints_the_figures_as_json(seeded: Settings, tmp_path: Path) -> None:
    result = run_uccn(seeded, "analyse", "--json", "--as-of", "2019", "--top", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    g = two_clusters().networkx(2019)
    stats = document["stats"]
    assert document["as_of"] == 2019
    assert (stats["members"], stats["ties"]) == (g.number_of_nodes(), g.number_of_edges())
    assert stats["density"] == pytest.approx(nx.density(g))
    betweenness = nx.betweenness_centrality(g)
    best = sorted(betweenness, key=lambda c: (-betweenness[c], c))[:3]
    assert [x["city"] for x in document["centrality"]["betweenness"]] == best
    assert set(document["centrality"]) == {"degree", "betweenness", "pagerank", "eigenvector"}
    assert document["communities"]["count"] == 2
    assert document["brokers"][0]["id"] == "fabriano"  # the institution's partners came later


def test_analyse_prints_tables_and_filters(seeded: Settings, tmp_path: Path) -> None:
    result = run_uccn(
        seeded, "analyse", "--only", "stats", "--only", "brokers", "--global-south", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "The cooperation network (now)" in lines
    assert next(line.split() for line in lines if "member" in line) == ["member", "cities", "7"]
    assert any(line.startswith("Brokers (top 10)") for line in lines)
    assert not any(line.startswith("Centrality") for line in lines)


def test_analyse_refuses_a_year_before_the_network(seeded: Settings, tmp_path: Path) -> None:
    result = run_uccn(seeded, "analyse", "--as-of", "1999", cwd=tmp_path)
    assert result.returncode == 2
    assert "--as-of must be a year from 2004" in result.stderr
