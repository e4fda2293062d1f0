"""Trusted documents over HTTP: the hub's own documents by hash (Apollo's automatic persisted
queries), `PersistedQueryNotFound` and the retry with the text, and anonymous callers held to
the registered documents when `api_trusted_documents_only` is set."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import parse, validate
from starlette.testclient import TestClient

from hub.app import create_app
from hub.bootstrap import api_config
from hub.graphql_http import GRAPHQL_RESPONSE_JSON
from hub.pages import STATIC
from hub.settings import Settings
from hub.trusted_documents import MANIFEST, TrustedDocuments, document_hash
from schema.build import build_schema
from schema.mutation import Mutation
from services.policy import Role
from tests.hub.conftest import build_sample_graph
from tests.hub.test_response_cache import _token, _write

REPO = Path(__file__).resolve().parents[2]
EXPLORER = json.loads(MANIFEST.read_text(encoding="utf-8"))["ExplorerCity"]
PERSISTED = {"persistedQuery": {"version": 1, "sha256Hash": EXPLORER["sha256Hash"]}}
ARBITRARY = {"query": '{ city(id: "chiang-mai") { name } }'}
UNKNOWN = "0" * 64


@pytest.fixture
def seeded(settings: Settings) -> Settings:
    _write(settings, build_sample_graph())
    return settings


@pytest.fixture
def client(seeded: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seeded)) as test_client:
        yield test_client


@pytest.fixture
def trusted(seeded: Settings) -> Iterator[TestClient]:
    only = seeded.model_copy(update={"api_trusted_documents_only": True})
    with TestClient(create_app(only)) as test_client:
        yield test_client


def _post(client: TestClient, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/graphql", json=body, headers=headers)


def test_the_manifest_holds_valid_documents_under_their_own_hashes() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    schema = build_schema(api_config(Settings(_env_file=None)), mutation=Mutation)  # type: ignore[call-arg]
    for name, entry in manifest.items():
        assert document_hash(entry["query"]) == entry["sha256Hash"], name
        assert validate(schema._schema, parse(entry["query"])) == [], name
    assert TrustedDocuments.load(anonymous_trusted_only=False).by_hash


def test_a_manifest_whose_hash_is_not_its_text_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "documents.json"
    broken.write_text(
        json.dumps({"X": {"sha256Hash": UNKNOWN, "query": "{ stats { nodes { count } } }"}})
    )
    with pytest.raises(ValueError, match="X's sha256Hash"):
        TrustedDocuments.load(anonymous_trusted_only=False, path=broken)


def test_a_registered_document_runs_by_its_hash_alone(client: TestClient) -> None:
    variables = {"id": "chiang-mai"}
    by_hash = _post(client, {"variables": variables, "extensions": PERSISTED})
    by_text = _post(client, {"query": EXPLORER["query"], "variables": variables})
    assert by_hash.status_code == 200
    assert by_hash.json()["data"]["city"]["name"] == "Chiang Mai"
    assert by_hash.json() == by_text.json()
    over_get = client.get(
        "/graphql",
        params={"variables": json.dumps(variables), "extensions": json.dumps(PERSISTED)},
        headers={"accept": "application/json"},
    )
    assert over_get.json() == by_hash.json()


def test_an_unknown_hash_is_not_found_and_the_retry_with_the_text_runs(
    client: TestClient,
) -> None:
    unknown = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(ARBITRARY["query"])}}
    missing = _post(client, {"extensions": unknown})
    assert missing.status_code == 200
    assert missing.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    strict = _post(client, {"extensions": unknown}, accept=GRAPHQL_RESPONSE_JSON)
    assert strict.status_code == 400
    retried = _post(client, {**ARBITRARY, "extensions": unknown})
    assert retried.json() == {"data": {"city": {"name": "Chiang Mai"}}}
    # The text sent with its hash is not remembered: the hash alone is still unknown.
    assert _post(client, {"extensions": unknown}).json()["errors"][0]["message"] == (
        "PersistedQueryNotFound"
    )


@pytest.mark.parametrize(
    "persisted",
    [
        {"version": 2, "sha256Hash": UNKNOWN},
        {"version": 1, "sha256Hash": "A" * 64},
        {"version": 1, "sha256Hash": "abc"},
        {"version": 1},
        "sha",
    ],
)
def test_a_malformed_persisted_query_is_a_bad_request(client: TestClient, persisted: Any) -> None:
    response = _post(client, {**ARBITRARY, "extensions": {"persistedQuery": persisted}})
    assert response.status_code == 400
    assert "persistedQuery must be" in response.json()["errors"][0]["message"]


def test_a_text_that_is_not_its_hash_is_refused(client: TestClient) -> None:
    response = _post(client, {**ARBITRARY, "extensions": PERSISTED})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "provided sha does not match query"


def test_trusted_only_holds_anonymous_callers_to_the_registered_documents(
    trusted: TestClient, seeded: Settings
) -> None:
    refused = _post(trusted, ARBITRARY)
    assert refused.status_code == 403
    [error] = refused.json()["errors"]
    assert error["extensions"] == {"code": "PERSISTED_QUERY_REQUIRED"}
    assert "bearer token" in error["message"]
    assert "data" not in refused.json()
    variables = {"id": "chiang-mai"}
    by_hash = _post(trusted, {"variables": variables, "extensions": PERSISTED})
    assert by_hash.json()["data"]["city"]["name"] == "Chiang Mai"
    by_text = _post(trusted, {"query": EXPLORER["query"], "variables": variables})
    assert by_text.json() == by_hash.json()

    researcher = _token(seeded, Role.RESEARCHER)
    bearer = {"authorization": f"Bearer {researcher}"}
    assert _post(trusted, ARBITRARY, **bearer).json() == {"data": {"city": {"name": "Chiang Mai"}}}
    deep = (
        '{ city(id: "x") { '
        + "country { cities(first: 1) { nodes { " * 6
        + "name"
        + " } } }" * 6
        + " } }"
    )
    too_deep = _post(trusted, {"query": deep}, **bearer)
    assert "depth" in too_deep.json()["errors"][0]["message"]  # the limits still hold


def test_the_explorer_sends_its_document_by_hash() -> None:
    source = (REPO / "web" / "src" / "explore.js").read_text(encoding="utf-8")
    assert "trusted_documents.json" in source
    assert "persistedQuery" in source
    # No GraphQL text of its own: every document it sends is one of the manifest's.
    assert not re.search(r"`\s*(query|mutation)\b", source)
    bundle = STATIC / "dist" / "explore.js"  # built by `make web`
    assert EXPLORER["sha256Hash"] in bundle.read_text(encoding="utf-8")
