"""`GET /export/{format}`: for authenticated callers; private data only for the secretariat."""

from __future__ import annotations

import asyncio
import json

from starlette.testclient import TestClient

from graph.store import GraphStore
from hub.app import create_app
from hub.bootstrap import store_session
from hub.settings import Settings
from services.policy import Role
from services.tokens import create_token
from tests.graph.networks import small_network


async def _seed(store: GraphStore) -> dict[str, str]:
    data = small_network()
    data.add_node(
        "Contribution", {"id": "bogota:2024", "year": 2024, "amount": 12000.0, "currency": "USD"}
    )
    data.add_link("Contribution-CONTRIBUTION_OF-City", "bogota:2024", "bogota")
    data.add_node("FocalPoint", {"id": "bogota-ana", "name": "Ana", "email": "ana@bogota.gov.co"})
    data.add_link("FocalPoint-REPRESENTS-City", "bogota-ana", "bogota")
    await store.write_data(data)
    return {
        "researcher": (await create_token(store, Role.RESEARCHER))[1],
        "secretariat": (await create_token(store, Role.SECRETARIAT))[1],
    }


async def _seeded(settings: Settings) -> dict[str, str]:
    async with store_session(settings) as store:
        return await _seed(store)


def _nodes(body: str, label: str) -> list[dict[str, object]]:
    return [n["properties"] for n in json.loads(body)["nodes"] if n["label"] == label]


def test_export_needs_a_token_and_hides_private_data(settings: Settings) -> None:
    tokens = asyncio.run(_seeded(settings))
    with TestClient(create_app(settings)) as client:
        assert client.get("/export/json").status_code == 401
        bad = client.get("/export/json", headers={"authorization": "Bearer nope"})
        assert bad.status_code == 401
        assert (
            client.get(
                "/export/pdf", headers={"authorization": f"Bearer {tokens['researcher']}"}
            ).status_code
            == 404
        )
        research = client.get(
            "/export/json", headers={"authorization": f"Bearer {tokens['researcher']}"}
        )
        assert research.status_code == 200
        assert _nodes(research.text, "Contribution") == [{"year": 2024, "currency": "USD"}]
        assert _nodes(research.text, "FocalPoint") == [{"name": "Ana"}]
        assert "ApiToken" not in research.text
        full = client.get(
            "/export/json", headers={"authorization": f"Bearer {tokens['secretariat']}"}
        )
        assert _nodes(full.text, "Contribution")[0]["amount"] == 12000.0
        graphml = client.get(
            "/export/graphml", headers={"authorization": f"Bearer {tokens['researcher']}"}
        )
        assert graphml.headers["content-type"].startswith("application/graphml+xml")
        assert "12000" not in graphml.text
