"""/graphql keeps to the GraphQL-over-HTTP spec (https://graphql.github.io/graphql-over-http/draft/).

The whole of graphql-http's server audit suite (npm package `graphql-http`, pinned in
tests/graphql_http/package.json) runs against a real `uccn serve`; every audit, MUST, SHOULD or
MAY, has to pass. The direct tests below pin the behaviour the audits leave open: media type
negotiation and 406, 415, 405 for mutations over GET, request errors versus field errors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict

import httpx2
import pytest
from graphql import GraphQLError
from starlette.testclient import TestClient
from strawberry.types import ExecutionResult

from hub.app import create_app
from hub.graphql_http import GRAPHQL_RESPONSE_JSON, JSON, is_request_error, negotiate
from hub.settings import Environment, Settings
from tests.serving import serving

TESTS_DIR = Path(__file__).resolve().parents[1]
AUDIT_DIR = TESTS_DIR / "graphql_http"
AUDIT_SCRIPT = AUDIT_DIR / "audit.mjs"

GRAPHQL_RESPONSE = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
LEGACY = f"{JSON}; charset=utf-8"
TYPENAME = {"query": "{ __typename }"}
MISSING_FIELD = {"query": "{ noSuchField }"}
COERCION_FAILURE = {
    "query": "query Q($name: String!) { __type(name: $name) { name } }",
    "variables": {"name": None},
}


class AuditResult(TypedDict):
    id: str
    name: str
    status: str
    reason: str | None


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """A real `uccn serve` on a free loopback port; yields the /graphql URL."""
    with serving(settings, tmp_path) as hub:
        yield f"{hub.base}/graphql"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the GraphQL-over-HTTP audit needs Node.js 20 or later")
    if not (AUDIT_DIR / "node_modules" / "graphql-http").is_dir():
        pytest.fail(
            "tests/graphql_http/node_modules is missing: run `make test`, which installs it "
            "(npm ci --prefix tests/graphql_http)"
        )
    return node


def test_graphql_http_server_audits_all_pass(served: str) -> None:
    completed = subprocess.run(
        [_node(), str(AUDIT_SCRIPT), served],
        capture_output=True,
        text=True,
        cwd=AUDIT_DIR,
        timeout=120,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    results: list[AuditResult] = json.loads(completed.stdout)
    assert len(results) >= 60, "the audit suite ran fewer audits than graphql-http 1.23 has"
    failures = [
        f"{r['id']} [{r['status']}] {r['name']}: {r['reason']}"
        for r in results
        if r["status"] != "ok"
    ]
    assert not failures, "\n".join(failures)
    assert completed.returncode == 0


# Negotiation, unit by unit.


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("application/json", JSON),
        ("application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
        ("Application/GraphQL-Response+JSON; Charset=UTF-8", GRAPHQL_RESPONSE_JSON),
        ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
        ("application/json;q=0.9, application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
        ("application/graphql-response+json, application/json", GRAPHQL_RESPONSE_JSON),
        ("application/json, application/graphql-response+json", JSON),
        ("application/graphql-response+json;q=0.5, */*;q=0.8", JSON),
        ("text/html, application/graphql-response+json;q=0.1", GRAPHQL_RESPONSE_JSON),
        ("*/*, application/json;q=0", GRAPHQL_RESPONSE_JSON),
        (
            "application/json; charset=iso-8859-1, application/graphql-response+json",
            GRAPHQL_RESPONSE_JSON,
        ),
        ("application/json; charset=iso-8859-1", None),
        ("text/html", None),
        ("application/xml, text/*", None),
        ("application/json;q=0", None),
        ("application/json;q=high", None),
    ],
)
def test_negotiate_picks_the_highest_priority_supported_type(
    accept: str | None, chosen: str | None
) -> None:
    assert negotiate(accept) == chosen


def test_only_errors_before_execution_are_request_errors() -> None:
    """A field error has a path: `data: null` from one is a partial response (200), not 400."""
    field_error = GraphQLError("the resolver failed", path=["city"])
    assert not is_request_error(ExecutionResult(data=None, errors=[field_error]))
    assert not is_request_error(ExecutionResult(data={"city": None}, errors=[field_error]))
    assert not is_request_error(ExecutionResult(data={"__typename": "Query"}, errors=None))
    coercion = GraphQLError("Variable '$id' of required type 'ID!' was not provided.")
    assert is_request_error(ExecutionResult(data=None, errors=[coercion]))


# Through HTTP.


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _post(client: TestClient, body: Any, accept: str | None = None) -> httpx2.Response:
    headers = {"content-type": JSON, **({} if accept is None else {"accept": accept})}
    return client.post("/graphql", content=json.dumps(body).encode(), headers=headers)


def test_graphql_response_json_is_served_when_accepted(client: TestClient) -> None:
    response = _post(client, TYPENAME, GRAPHQL_RESPONSE_JSON)
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.headers["x-request-id"]
    assert response.json() == {"data": {"__typename": "Query"}}
    preferred = _post(client, TYPENAME, f"{GRAPHQL_RESPONSE_JSON}, {JSON};q=0.9")
    assert preferred.headers["content-type"] == GRAPHQL_RESPONSE


def test_application_json_without_an_accept_header(client: TestClient) -> None:
    del client.headers["accept"]  # httpx sends `*/*` unless told otherwise
    response = client.post("/graphql", json=TYPENAME)
    assert "accept" not in response.request.headers
    assert (response.status_code, response.headers["content-type"]) == (200, LEGACY)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"query": "{"}, "Syntax Error"),
        (MISSING_FIELD, "Cannot query field"),
        (COERCION_FAILURE, "non-null type"),
        ({"query": "query A { __typename }", "operationName": "B"}, "Unknown operation named"),
    ],
    ids=["parse", "validation", "variable-coercion", "unknown-operation"],
)
def test_request_errors_are_400_without_data_in_graphql_response_json(
    client: TestClient, body: dict[str, Any], message: str
) -> None:
    response = _post(client, body, GRAPHQL_RESPONSE_JSON)
    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    document = response.json()
    assert "data" not in document
    assert message in document["errors"][0]["message"]


@pytest.mark.parametrize(
    "body",
    [{"query": "{"}, MISSING_FIELD, COERCION_FAILURE],
    ids=["parse", "validation", "variable-coercion"],
)
def test_request_errors_are_200_in_legacy_application_json(
    client: TestClient, body: dict[str, Any]
) -> None:
    response = _post(client, body, JSON)
    assert response.status_code == 200
    assert response.headers["content-type"] == LEGACY
    document = response.json()
    assert "data" not in document
    assert document["errors"]


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE_JSON, JSON])
@pytest.mark.parametrize(
    "body",
    [
        {},
        {"qeury": "{ __typename }"},
        {"query": None},
        {"query": 7},
        {"query": "{ __typename }", "operationName": 7},
        {"query": "{ __typename }", "variables": [7]},
        {"query": "{ __typename }", "variables": "{}"},
        {"query": "{ __typename }", "extensions": "x"},
        [TYPENAME],
        "{ __typename }",
        None,
    ],
)
def test_malformed_requests_are_400_in_the_negotiated_type(
    client: TestClient, body: Any, accept: str
) -> None:
    response = _post(client, body, accept)
    assert response.status_code == 400
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    assert response.headers["x-request-id"]
    assert response.json()["errors"][0]["message"]


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE_JSON, JSON])
def test_unparsable_json_is_400(client: TestClient, accept: str) -> None:
    for body in (b'{ "not a JSON', b"", b'{"query": "{ __typename \xff }"}'):
        response = client.post(
            "/graphql", content=body, headers={"content-type": JSON, "accept": accept}
        )
        assert response.status_code == 400, body
        assert response.headers["content-type"] == f"{accept}; charset=utf-8"


def test_null_optional_parameters_are_as_if_left_out(client: TestClient) -> None:
    body = {**TYPENAME, "operationName": None, "variables": None, "extensions": None}
    response = _post(client, body, GRAPHQL_RESPONSE_JSON)
    assert response.json() == {"data": {"__typename": "Query"}}


def test_utf8_both_ways(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        content=json.dumps({"query": '{ __type(name: "Run🏃Swim🏊") { name } }'}).encode(),
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__type": None}}


def test_get_runs_queries_with_url_encoded_variables(client: TestClient) -> None:
    params = {
        "query": "query Type($name: String!) { __type(name: $name) { name } }",
        "variables": json.dumps({"name": "Query"}),
        "operationName": "",  # the empty string is as good as leaving it out
    }
    response = client.get("/graphql", params=params, headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 200
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"__type": {"name": "Query"}}}


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE_JSON, JSON])
def test_get_refuses_mutations_with_405(client: TestClient, accept: str) -> None:
    response = client.get(
        "/graphql", params={"query": "mutation { __typename }"}, headers={"accept": accept}
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    assert "data" not in response.json()
    named = client.get(
        "/graphql",
        params={"query": "query Q { __typename } mutation M { __typename }", "operationName": "M"},
    )
    assert named.status_code == 405


def test_other_methods_are_refused_with_405(client: TestClient) -> None:
    assert client.put("/graphql", json=TYPENAME).status_code == 405
    head = client.head("/graphql")
    assert head.status_code == 405
    assert head.headers["allow"] == "GET, POST"


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"],
)
def test_post_bodies_other_than_utf8_json_are_415(
    client: TestClient, content_type: str | None
) -> None:
    headers = {"accept": GRAPHQL_RESPONSE_JSON}
    if content_type is not None:
        headers["content-type"] = content_type
    response = client.post("/graphql", content=json.dumps(TYPENAME).encode(), headers=headers)
    assert response.status_code == 415
    assert response.headers["content-type"] == GRAPHQL_RESPONSE


def test_content_type_is_matched_without_regard_to_case(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        content=json.dumps(TYPENAME).encode(),
        headers={"content-type": "Application/JSON; Charset=UTF-8"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("accept", ["text/plain", "application/xml", f"{JSON};q=0"])
def test_no_acceptable_media_type_is_406(client: TestClient, accept: str) -> None:
    response = _post(client, TYPENAME, accept)
    assert response.status_code == 406
    assert response.headers["content-type"] == LEGACY
    assert response.headers["x-request-id"]
    assert GRAPHQL_RESPONSE_JSON in response.json()["errors"][0]["message"]


def test_bad_credentials_are_refused_in_the_negotiated_type(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json=TYPENAME,
        headers={"authorization": "Bearer nope", "accept": GRAPHQL_RESPONSE_JSON},
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert response.headers["x-request-id"]
    assert "data" not in response.json()


def test_graphiql_is_offered_in_development_only(settings: Settings) -> None:
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    with TestClient(create_app(settings)) as development:
        page = development.get("/graphql", headers={"accept": browser})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "graphiql" in page.text.lower()
    production = settings.model_copy(update={"env": Environment.PRODUCTION})
    with TestClient(create_app(production)) as served:
        # A GET is then only a GraphQL request: without a query it is malformed (400) ...
        response = served.get("/graphql", headers={"accept": browser})
        assert (response.status_code, response.headers["content-type"]) == (400, LEGACY)
        # ... and a client that takes HTML only is told that no acceptable type exists.
        assert served.get("/graphql", headers={"accept": "text/html"}).status_code == 406
