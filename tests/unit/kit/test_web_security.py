from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient

from vertelpunt.kit.problem import install_problem_handlers
from vertelpunt.kit.web_security import (
    BodyLimitMiddleware,
    TokenGuardMiddleware,
    build_csp,
    client_ip,
    install_web_security,
    json_depth,
)


def _app(**headers_options: Any) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {"ok": "ja"}

    @app.get("/raw/story")
    def raw() -> dict[str, str]:
        return {"tekst": "verhaal"}

    @app.get("/own-cache")
    def own_cache(response: Response) -> dict[str, str]:
        response.headers["Cache-Control"] = "max-age=60"
        return {}

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"received": len(await request.body())}

    install_web_security(app, max_bytes=2_000, max_json_depth=20, **headers_options)
    return app


def test_every_response_carries_security_headers() -> None:
    client = TestClient(_app())
    for response in (client.get("/plain"), client.get("/missing")):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "object-src 'none'" in csp
        assert "base-uri 'self'" in csp and "form-action 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "camera=()" in response.headers["permissions-policy"]
    assert "cache-control" not in client.get("/plain").headers


def test_cache_control_and_csp_per_route() -> None:
    client = TestClient(_app(
        cache_control=[("/raw", "no-store")],
        csp_by_path=[("/raw/story", build_csp(style_src=("'self'", "'unsafe-inline'")))],
        referrer_policy="strict-origin-when-cross-origin",
    ))

    raw = client.get("/raw/story")
    assert raw.headers["cache-control"] == "no-store"
    assert "style-src 'self' 'unsafe-inline'" in raw.headers["content-security-policy"]
    assert raw.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    plain = client.get("/plain")
    assert "cache-control" not in plain.headers
    assert "unsafe-inline" not in plain.headers["content-security-policy"]
    assert client.get("/rawish").headers.get("cache-control") is None
    assert client.get("/own-cache").headers["cache-control"] == "max-age=60"


def test_build_csp_replaces_whole_directives() -> None:
    csp = build_csp({"default-src": ("'none'",)}, img_src=("'self'", "data:"))
    assert csp.startswith("default-src 'none'; ")
    assert "img-src 'self' data:" in csp
    assert csp.count("default-src") == 1


def _scope(peer: str | None, *forwarded: str) -> dict[str, object]:
    return {"type": "http", "client": (peer, 50123) if peer else None,
            "headers": [(b"x-forwarded-for", value.encode()) for value in forwarded]}


TRUSTED = ["10.20.0.0/16", "fd00:7::/48"]


@pytest.mark.parametrize(("peer", "forwarded", "expected"), [
    ("198.51.100.77", ("192.0.2.1",), "198.51.100.77"),  # peer not a proxy: header ignored
    ("10.20.3.4", ("192.0.2.1",), "192.0.2.1"),
    ("10.20.3.4", ("192.0.2.1, 203.0.113.40",), "203.0.113.40"),  # right-most untrusted, not the forged left
    ("10.20.3.4", ("192.0.2.1, 203.0.113.40, 10.20.9.9",), "203.0.113.40"),  # skip trusted hops
    ("10.20.3.4", ("192.0.2.1", "203.0.113.41"), "203.0.113.41"),  # repeated header lines
    ("10.20.3.4", (), "10.20.3.4"),
    ("10.20.3.4", ("zomaar-iets",), "10.20.3.4"),  # garbage: stay at the last trusted hop
    ("10.20.3.4", ("192.0.2.1, kapot, 10.20.1.1",), "10.20.1.1"),
    ("10.20.3.4", ("10.20.5.5, 10.20.6.6",), "10.20.5.5"),  # only proxies: the left-most of them
    ("fd00:7::2", ("2001:db8::99",), "2001:db8::99"),
    ("::ffff:10.20.3.4", ("[2001:db8::5]:443",), "2001:db8::5"),
    ("10.20.3.4", ("192.0.2.8:6123",), "192.0.2.8"),
])
def test_client_ip_trusts_forwarded_only_from_proxies(peer: str, forwarded: tuple[str, ...], expected: str) -> None:
    assert client_ip(_scope(peer, *forwarded), TRUSTED) == expected


def test_client_ip_without_trusted_list_or_peer() -> None:
    assert client_ip(_scope("10.20.3.4", "192.0.2.1"), []) == "10.20.3.4"
    assert client_ip(_scope(None, "192.0.2.1"), TRUSTED) == "unknown"
    assert client_ip(_scope("testclient", "192.0.2.1"), TRUSTED) == "testclient"


def test_client_ip_reads_a_request() -> None:
    app = FastAPI()

    @app.get("/ip")
    def ip(request: Request) -> dict[str, str]:
        return {"ip": client_ip(request, ["0.0.0.0/0"])}

    seen = TestClient(app, client=("10.1.1.1", 1234)).get("/ip", headers={"X-Forwarded-For": "198.51.100.3"})
    assert seen.json() == {"ip": "198.51.100.3"}


def test_client_ip_rejects_a_malformed_trusted_list() -> None:
    with pytest.raises(ValueError):
        client_ip(_scope("10.20.3.4"), ["10.20.0.0/33"])


def test_body_over_the_limit_is_413_problem_json() -> None:
    client = TestClient(_app())
    response = client.post("/echo", content=b"x" * 2_001)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["maxBytes"] == 2_000
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.post("/echo", content=b"x" * 2_000).json() == {"received": 2_000}


def test_streamed_body_without_length_is_counted() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            yield b"y" * 600

    response = TestClient(_app()).post("/echo", content=chunks())
    assert response.status_code == 413


def test_deeply_nested_json_is_400_problem_json() -> None:
    client = TestClient(_app())
    deep = "[" * 21 + "]" * 21
    response = client.post("/echo", content=deep, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/te-diep-genest")
    shallow = "[" * 20 + "]" * 20
    assert client.post("/echo", content=shallow, headers={"content-type": "application/json"}).status_code == 200
    # the same bytes as plain text are not JSON, so only the size counts
    assert client.post("/echo", content=deep, headers={"content-type": "text/plain"}).status_code == 200


def test_json_depth_ignores_brackets_in_strings() -> None:
    assert json_depth(b"{}") == 1
    assert json_depth(json.dumps({"a": [{"b": "[[[[[{{{{"}]}).encode()) == 3
    assert json_depth(json.dumps({"q": 'say \\"[[[" now', "v": [[1]]}).encode()) == 3
    assert json_depth(b"12") == 0
    assert json_depth(b"[" * 100_000) == 100_000


def test_limit_can_be_restricted_to_some_paths() -> None:
    app = FastAPI()

    @app.post("/open")
    async def open_(request: Request) -> dict[str, int]:
        return {"received": len(await request.body())}

    @app.post("/guarded")
    async def guarded(request: Request) -> dict[str, int]:
        return {"received": len(await request.body())}

    app.add_middleware(BodyLimitMiddleware, max_bytes=10, paths=["/guarded"])
    client = TestClient(app)
    assert client.post("/open", content=b"z" * 50).json() == {"received": 50}
    assert client.post("/guarded", content=b"z" * 50).status_code == 413


def _guarded(token: str | None) -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/metrics")
    def metrics() -> Response:
        return Response("requests_total 3\n", media_type="text/plain")

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "UP"}

    app.add_middleware(TokenGuardMiddleware, token=token)
    return TestClient(app)


def test_metrics_need_the_configured_token() -> None:
    client = _guarded("geheim-scrape-7")
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics").headers["www-authenticate"].startswith("Bearer")
    assert client.get("/metrics", headers={"Authorization": "Bearer fout"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Basic geheim-scrape-7"}).status_code == 401
    allowed = client.get("/metrics", headers={"Authorization": "Bearer geheim-scrape-7"})
    assert allowed.status_code == 200 and "requests_total" in allowed.text
    assert client.get("/health").status_code == 200


def test_metrics_without_a_token_are_not_served() -> None:
    client = _guarded(None)
    refused = client.get("/metrics", headers={"Authorization": "Bearer iets"})
    assert refused.status_code == 404
    assert refused.headers["content-type"] == "application/problem+json"
    assert client.get("/metrics/").status_code == 404
