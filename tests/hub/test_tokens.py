"""Bearer tokens: shown once, stored as a hash, resolved to a viewer, revocable at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph.store import GraphStore
from hub.app import create_app
from hub.settings import Settings
from services.policy import Role, Viewer
from services.tokens import (
    InvalidToken,
    TokenRequestError,
    create_token,
    list_tokens,
    resolve_token,
    revoke_token,
)
from tests.graph.networks import small_network
from tests.serving import run_uccn


async def test_token_resolves_to_its_role_and_city(store: GraphStore) -> None:
    await store.write_data(small_network())
    token_id, clear = await create_token(store, Role.FOCAL_POINT, "chiang-mai", "Somchai")
    assert await resolve_token(store, clear) == Viewer(Role.FOCAL_POINT, "chiang-mai", token_id)
    _, research = await create_token(store, Role.RESEARCHER)
    assert (await resolve_token(store, research)).role is Role.RESEARCHER


async def test_only_a_hash_is_stored(store: GraphStore) -> None:
    token_id, clear = await create_token(store, Role.SECRETARIAT)
    record = await store.get("ApiToken", token_id)
    assert record is not None
    secret = clear.split(".", 1)[1]
    assert secret not in json.dumps(record)
    assert len(record["hash"]) == 64


async def test_wrong_secret_unknown_and_revoked_tokens_are_refused(store: GraphStore) -> None:
    token_id, clear = await create_token(store, Role.SECRETARIAT)
    forged = clear[:-4] + ("AAAA" if not clear.endswith("AAAA") else "BBBB")
    for bad, reason in [
        ("not-a-token", "malformed"),
        (forged, "unknown"),
        ("uccn_tk_000000000000." + "A" * 43, "unknown"),
    ]:
        with pytest.raises(InvalidToken, match=reason):
            await resolve_token(store, bad)
    assert await revoke_token(store, token_id) is True
    assert await revoke_token(store, token_id) is False
    with pytest.raises(InvalidToken, match="revoked"):
        await resolve_token(store, clear)
    [info] = await list_tokens(store)
    assert info.revoked_at is not None


async def test_token_requests_are_checked(store: GraphStore) -> None:
    await store.write_data(small_network())
    with pytest.raises(TokenRequestError, match="needs --city"):
        await create_token(store, Role.FOCAL_POINT)
    with pytest.raises(TokenRequestError, match="no city with id 'atlantis'"):
        await create_token(store, Role.FOCAL_POINT, "atlantis")
    with pytest.raises(TokenRequestError, match="drop --city"):
        await create_token(store, Role.RESEARCHER, "bogota")
    assert await list_tokens(store) == []


def test_tokens_never_leave_through_export(settings: Settings, tmp_path: Path) -> None:
    assert (
        run_uccn(settings, "token", "create", "--role", "secretariat", cwd=tmp_path).returncode == 0
    )
    exported = run_uccn(settings, "export", "--format", "json", cwd=tmp_path).stdout
    assert "ApiToken" not in exported


def test_cli_token_lifecycle_and_http_refusal(settings: Settings, tmp_path: Path) -> None:
    created = run_uccn(
        settings, "token", "create", "--role", "researcher", "--label", "lab", cwd=tmp_path
    )
    assert created.returncode == 0, created.stderr
    clear = created.stdout.strip()
    token_id = clear.removeprefix("uccn_").split(".")[0]
    assert "not shown again" in created.stderr
    listed = run_uccn(settings, "token", "list", cwd=tmp_path).stdout
    assert token_id in listed
    assert clear.split(".")[1] not in listed
    with TestClient(create_app(settings)) as client:
        query = {"query": "{ stats { nodes { label } } }"}
        ok = client.post("/graphql", json=query, headers={"authorization": f"Bearer {clear}"})
        assert ok.status_code == 200
        assert ok.headers["x-request-id"]
        assert run_uccn(settings, "token", "revoke", token_id, cwd=tmp_path).returncode == 0
        refused = client.post("/graphql", json=query, headers={"authorization": f"Bearer {clear}"})
        assert refused.status_code == 401
        assert refused.json() == {"errors": [{"message": "the bearer token was revoked"}]}
        assert (
            client.post("/graphql", json=query, headers={"authorization": "Basic abc"}).status_code
            == 401
        )
    again = run_uccn(settings, "token", "revoke", token_id, cwd=tmp_path)
    assert again.returncode == 1
    assert f"no active token '{token_id}'" in again.stderr
    bad = run_uccn(settings, "token", "create", "--role", "focal-point", cwd=tmp_path)
    assert bad.returncode == 2
    assert "needs --city" in bad.stderr
