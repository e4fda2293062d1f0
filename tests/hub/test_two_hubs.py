"""Two real `uccn serve` processes on one graph (the same embedded FalkorDB server): an answer
hub B keeps is dropped the moment hub A writes, since the write bumps the graph's version in
the same statement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from hub.graphql_app import CACHE_HEADER
from hub.settings import Settings
from services.policy import Role
from tests.hub.conftest import build_sample_graph
from tests.hub.test_response_cache import _token, _write
from tests.serving import serving

PROJECTS = {
    "query": "query Projects($id: ID!) { city(id: $id) { projects(first: 10) { totalCount "
    "nodes { title } } } }",
    "variables": {"id": "chiang-mai"},
}
CREATE = {
    "query": 'mutation { createProject(input: {title: "Lanna Weaving Days", startYear: 2026, '
    'leadCity: "chiang-mai"}) { __typename } }'
}


def _post(base: str, body: dict[str, Any], token: str | None = None) -> tuple[Any, str | None]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{base}/graphql", json=body, headers=headers, timeout=30)
    return response.json(), response.headers.get(CACHE_HEADER)


def test_a_write_through_one_hub_is_seen_at_once_through_the_other(
    settings: Settings, tmp_path: Path
) -> None:
    _write(settings, build_sample_graph())
    secretariat = _token(settings, Role.SECRETARIAT)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with serving(settings, tmp_path / "a") as hub_a, serving(settings, tmp_path / "b") as hub_b:
        before, cache = _post(hub_b.base, PROJECTS)
        assert cache == "miss"
        count = before["data"]["city"]["projects"]["totalCount"]
        assert _post(hub_b.base, PROJECTS) == (before, "hit")

        created, _ = _post(hub_a.base, CREATE, secretariat)
        assert created == {"data": {"createProject": {"__typename": "CreateProjectSuccess"}}}

        after, cache = _post(hub_b.base, PROJECTS)
        assert cache == "miss"
        assert after["data"]["city"]["projects"]["totalCount"] == count + 1
        titles = [node["title"] for node in after["data"]["city"]["projects"]["nodes"]]
        assert "Lanna Weaving Days" in titles
        assert _post(hub_b.base, PROJECTS) == (after, "hit")
