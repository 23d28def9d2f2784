"""The gateway's HTTP edges: introspection, GraphiQL, /metrics, body limits, headers, error leaks."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tests.security.gateway.conftest import codes, gql

INTROSPECTION = "query { __schema { queryType { name } types { name } } }"


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-content-type-options"] == "nosniff"
    body: dict[str, Any] = response.json()
    return body


def test_anonymous_introspection_is_refused(gateway: TestClient, forged_tokens: dict[str, str]) -> None:
    for caller in (None, forged_tokens["unknown-kid"]):
        body = gql(gateway, INTROSPECTION, caller)
        assert body["data"] is None
        assert codes(body) == ["UNAUTHENTICATED"]
    typed = gql(gateway, 'query { __type(name: "Story") { fields { name } } }')
    assert typed["data"] is None and codes(typed) == ["UNAUTHENTICATED"]


def test_signed_in_callers_may_introspect(gateway: TestClient, token: str) -> None:
    body = gql(gateway, INTROSPECTION, token)
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"
    assert "Story" in {t["name"] for t in body["data"]["__schema"]["types"]}


def test_anonymous_errors_do_not_suggest_field_names(gateway: TestClient, token: str) -> None:
    query = "query { similarStorie(id: \"a\") { id } }"
    anonymous = gql(gateway, query)["errors"][0]["message"]
    assert "Did you mean" not in anonymous and "similarStories" not in anonymous
    assert "Did you mean" in gql(gateway, query, token)["errors"][0]["message"]


def test_introspection_can_be_switched_off(derived_gateway: Callable[..., TestClient], token: str) -> None:
    off = derived_gateway(introspection=False)
    assert codes(gql(off, INTROSPECTION, token)) == ["FORBIDDEN"]
    assert off.get("/graphql", headers={"accept": "text/html"}).status_code != 200


def test_graphiql_loads_nothing_from_outside(gateway: TestClient) -> None:
    page = gateway.get("/graphql", headers={"accept": "text/html"})

    assert page.status_code == 200
    assert "unpkg" not in page.text and "jsdelivr" not in page.text and "//" not in re.sub(r"<!--.*?-->", "", page.text)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(sources) >= 4 and all(source.startswith("/static/graphiql/") for source in sources)
    for source in sources:
        asset = gateway.get(source)
        assert asset.status_code == 200, source
        assert len(asset.content) > 100
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in policy and "*" not in policy and "unsafe-eval" not in policy


def test_metrics_are_refused_anonymously(gateway: TestClient, derived_gateway: Callable[..., TestClient]) -> None:
    assert gateway.get("/metrics").status_code == 404  # no token configured: not served on the public port
    assert "http_requests_total" not in gateway.get("/metrics").text
    guarded = derived_gateway(metrics_token=SecretStr("prometheus-scrape-9f2"))
    _problem(guarded.get("/metrics"), 401)
    _problem(guarded.get("/metrics", headers={"Authorization": "Bearer prometheus-scrape-9f3"}), 401)
    scraped = guarded.get("/metrics", headers={"Authorization": "Bearer prometheus-scrape-9f2"})
    assert scraped.status_code == 200 and "http_requests_total" in scraped.text


def test_a_body_nested_100k_deep_is_a_problem_not_a_500(gateway: TestClient) -> None:
    deep = b'{"query": "query { __typename }", "variables": {"filter": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    body = _problem(gateway.post("/graphql", content=deep, headers={"content-type": "application/json"}), 400)
    assert body["type"].endswith("/te-diep-genest")
    objects = b'{"query": "query { __typename }", "extensions": ' + b'{"a":' * 40_000 + b"1" + b"}" * 40_000 + b"}"
    _problem(gateway.post("/graphql", content=objects, headers={"content-type": "application/json"}), 400)


def test_deep_variables_in_a_get_are_a_problem(gateway: TestClient) -> None:
    response = gateway.get("/graphql", params={"query": "query { __typename }",
                                               "variables": '{"v":' + "[" * 4000 + "]" * 4000 + "}"})
    _problem(response, 400)


def test_an_oversized_body_is_413(gateway: TestClient, token: str) -> None:
    huge = "schuld " * 60_000
    response = gateway.post("/graphql", json={"query": "query($q: String) { searchStories(query: $q) { "
                                                       "total { value } } }", "variables": {"q": huge}},
                            headers={"Authorization": f"Bearer {token}"})
    assert _problem(response, 413)["maxBytes"] == 256 * 1024


@pytest.mark.parametrize("content", [b'"query"', b"[]", b"\xff\xfe\x00", b'{"query": ["a"]}', b"null"])
def test_malformed_json_bodies_are_problems(gateway: TestClient, content: bytes) -> None:
    _problem(gateway.post("/graphql", content=content, headers={"content-type": "application/json"}), 400)


def test_security_headers_on_every_response(gateway: TestClient, token: str) -> None:
    responses = {
        "graphql": gateway.post("/graphql", json={"query": "query { __typename }"}),
        "graphql-signed-in": gateway.post("/graphql", json={"query": "query { searchStories(first: 1) { total "
                                                                     "{ value } } }"},
                                          headers={"Authorization": f"Bearer {token}"}),
        "health": gateway.get("/health"),
        "ready": gateway.get("/ready"),
        "missing": gateway.get("/niet-hier"),
        "too-large": gateway.post("/graphql", content=b"{" + b" " * 300_000 + b"}"),
        "graphiql": gateway.get("/graphql", headers={"accept": "text/html"}),
        "asset": gateway.get("/static/graphiql/start.js"),
    }
    for name, response in responses.items():
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff", name
        assert headers["x-frame-options"] == "DENY", name
        assert headers["referrer-policy"] == "no-referrer", name
        assert "frame-ancestors 'none'" in headers["content-security-policy"], name
        assert "object-src 'none'" in headers["content-security-policy"], name
        assert "permissions-policy" in headers, name
    for name in ("graphql", "graphql-signed-in"):
        assert responses[name].headers["content-type"] == "application/json"
        assert responses[name].headers["cache-control"] == "no-store"


def test_failures_never_leak_internals(derived_gateway: Callable[..., TestClient], gateway: TestClient,
                                       token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = derived_gateway(opensearch_url="http://127.0.0.1:9")
    body = gql(dead, "query { searchStories(query: \"huur\", first: 2) { total { value } } }", token)
    assert codes(body) == ["SERVICE_UNAVAILABLE"]
    text = str(body)
    for secret in ("127.0.0.1", "Connection", "urllib3", "Traceback", "opensearch"):
        assert secret not in text

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("interne-sleutel-ab12 in /srv/vertelpunt/geheim.py")

    monkeypatch.setattr(gateway.app.state.opensearch, "search", broken)  # type: ignore[attr-defined]
    masked = gql(gateway, "query { searchStories(query: \"huur\", first: 2) { total { value } } }", token)
    assert masked["data"] is None
    assert masked["errors"][0]["message"] == "Er ging iets mis aan onze kant. Probeer het later opnieuw."
    assert "interne-sleutel" not in str(masked) and "geheim.py" not in str(masked)
