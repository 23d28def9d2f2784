"""The gateway's edges without servers: nothing here reaches OpenSearch or Keycloak (no token is ever sent)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from starlette.websockets import WebSocketDisconnect

from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.security import VENDOR_FILES
from vertelpunt.gateway.settings import GatewaySettings

NOWHERE = "http://127.0.0.1:9"


def _client(**overrides: Any) -> TestClient:
    settings = GatewaySettings(opensearch_url=NOWHERE, keycloak_url=NOWHERE, log_json=False, **overrides)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    yield _client()


def _problem(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    return body


def test_deeply_nested_body_is_a_problem_not_a_500(client: TestClient) -> None:
    deep = b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * 60_000 + b"]" * 60_000 + b"}}"
    body = _problem(client.post("/graphql", content=deep, headers={"content-type": "application/json"}), 400)
    assert str(body["type"]).endswith("/te-diep-genest")


def test_deep_variables_in_a_get_are_a_problem(client: TestClient) -> None:
    variables = '{"a": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.get("/graphql", params={"query": "{ __typename }", "variables": variables})
    _problem(response, 400)


def test_oversized_body_is_413(client: TestClient) -> None:
    padding = "x" * (256 * 1024)
    response = client.post("/graphql", json={"query": "{ __typename }", "variables": {"p": padding}})
    assert _problem(response, 413)["maxBytes"] == 256 * 1024


@pytest.mark.parametrize(("content", "content_type"), [
    (b'"alleen een tekst"', "application/json"),
    (b"[1, 2]", "application/json"),
    (b'{"query": "\xff\xfe"}', "application/json"),
    (b"{", "application/json"),
    (b"query { __typename }", "text/plain"),
    (b'{"query": 12}', "application/json"),
    (b'{"query": "{ __typename }", "variables": "x"}', "application/json"),
])
def test_malformed_requests_are_dutch_problems(client: TestClient, content: bytes, content_type: str) -> None:
    body = _problem(client.post("/graphql", content=content, headers={"content-type": content_type}), 400)
    assert body["title"] == "Dit GraphQL-verzoek kunnen we niet lezen."


def test_every_response_has_security_headers(client: TestClient) -> None:
    responses = [client.get("/health"), client.get("/bestaat-niet"),
                 client.post("/graphql", json={"query": "{ __typename }"}),
                 client.post("/graphql", content=b"x" * 300_000)]
    for response in responses:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "no-referrer"
    graphql = responses[2]
    assert graphql.headers["content-type"] == "application/json"
    assert graphql.headers["cache-control"] == "no-store"


def test_no_swagger_ui_or_openapi_on_the_gateway(client: TestClient) -> None:
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


def test_metrics_are_not_served_without_a_token_setting(client: TestClient) -> None:
    _problem(client.get("/metrics"), 404)


def test_metrics_with_a_token_setting() -> None:
    guarded = _client(metrics_token=SecretStr("scrape-4711"))
    _problem(guarded.get("/metrics"), 401)
    assert guarded.get("/metrics", headers={"Authorization": "Bearer scrape-4711"}).status_code == 200


def test_introspection_needs_a_login(client: TestClient) -> None:
    for query in ("{ __schema { types { name } } }", '{ __type(name: "Story") { fields { name } } }',
                  "query { ...Q } fragment Q on Query { __schema { queryType { name } } }"):
        body = client.post("/graphql", json={"query": query}).json()
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert client.post("/graphql", json={"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}


def test_introspection_off_is_forbidden_for_everyone() -> None:
    body = _client(introspection=False).post("/graphql", json={"query": "{ __schema { types { name } } }"}).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_anonymous_validation_errors_do_not_spell_out_the_schema(client: TestClient) -> None:
    body = client.post("/graphql", json={"query": "{ searchStorie { total { value } } }"}).json()
    message = body["errors"][0]["message"]
    assert "searchStorie" in message and "Did you mean" not in message and "searchStories" not in message


def test_nested_similar_and_cost_are_refused_before_any_resolver(client: TestClient) -> None:
    nested = client.post("/graphql", json={"query": '{ story(id: "u-1") { similar { similar { id } } } }'}).json()
    assert nested["data"] is None
    assert nested["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "limit": "similar-nesting"}
    assert "similar" in nested["errors"][0]["message"]
    costly = client.post("/graphql", json={
        "query": "{ searchStories(first: 100) { edges { node { similar(first: 20) { id } } } } }"}).json()
    assert costly["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert costly["errors"][0]["extensions"]["cost"] == 102


def test_fragment_bomb_is_refused_before_validation(client: TestClient) -> None:
    fragments = ["fragment P0 on Story { id }"] + [f"fragment P{i} on Story {{ t: title ...P{i - 1} ...P{i - 1} }}"
                                                    for i in range(1, 36)]
    body = client.post("/graphql", json={"query": '{ story(id: "p") { ...P35 } } ' + " ".join(fragments)}).json()
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_websocket_transport_is_off(client: TestClient) -> None:
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/graphql",
                                                                     subprotocols=["graphql-transport-ws"]):
        pass


def test_graphiql_is_served_locally_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/static/graphiql/") for s in sources)
    assert "<script>" not in page.text  # no inline script
    csp = page.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'self'" in csp and "http" not in csp
    for name in VENDOR_FILES:
        asset = client.get(f"/static/graphiql/vendor/{name}")
        assert asset.status_code == 200, f"{name} missing: run scripts/bootstrap.sh"
        assert asset.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/graphiql/start.js").headers["content-type"].startswith("text/javascript")


def test_graphiql_is_off_with_introspection() -> None:
    off = _client(introspection=False)
    assert off.get("/graphql", headers={"accept": "text/html"}).status_code in (400, 404)
    assert off.get("/static/graphiql/start.js").status_code == 404
