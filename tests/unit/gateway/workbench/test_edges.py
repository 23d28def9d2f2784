"""The workbench's edges without servers: login redirects, the session cookie, security headers, static assets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from vertelpunt.gateway import workbench
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.gateway.workbench.session import SESSION_COOKIE, cookie_value

NOWHERE = "http://127.0.0.1:9"
SETTINGS = GatewaySettings(opensearch_url=NOWHERE, keycloak_url=NOWHERE, log_json=False,
                           public_url="https://werkplaats.test", session_secret="unit-test-secret")


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(SETTINGS), raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_page_without_login_sends_to_the_login_and_back(client: TestClient) -> None:
    response = client.get("/werkplaats/trends?per=maand", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/werkplaats/inloggen?next=%2Fwerkplaats%2Ftrends%3Fper%3Dmaand"


def test_login_goes_to_keycloak_with_pkce_and_never_returns_outside_the_workbench(client: TestClient) -> None:
    response = client.get("/werkplaats/inloggen", params={"next": "https://evil.test/"}, follow_redirects=False)
    location = urlsplit(response.headers["location"])
    query = parse_qs(location.query)
    assert response.status_code == 302 and location.path == "/realms/vertelpunt/protocol/openid-connect/auth"
    assert query["client_id"] == ["vertelpunt-werkplaats"] and query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["https://werkplaats.test/werkplaats/auth/callback"]
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Path=/werkplaats" in cookie and "samesite=lax" in cookie.lower()


def test_a_callback_with_a_wrong_state_is_refused_in_dutch(client: TestClient) -> None:
    client.get("/werkplaats/inloggen", follow_redirects=False)
    response = client.get("/werkplaats/auth/callback", params={"code": "c", "state": "vervalst"})
    assert response.status_code == 400 and "Het inloggen is niet gelukt" in response.text


def test_a_forged_session_cookie_counts_as_not_logged_in(client: TestClient) -> None:
    forged = cookie_value({"access_token": "x"}, "another-secret")
    client.cookies.set(SESSION_COOKIE, forged)
    response = client.get("/werkplaats/wat-werkt", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/werkplaats/inloggen")


def test_logout_needs_the_form_token_of_the_session(client: TestClient) -> None:
    session = cookie_value({"access_token": "x", "csrf": "goed"}, SETTINGS.session_secret)
    client.cookies.set(SESSION_COOKIE, session)
    assert client.post("/werkplaats/uitloggen", data={"csrf": "fout"}, follow_redirects=False).status_code == 400
    response = client.post("/werkplaats/uitloggen", data={"csrf": "goed"}, follow_redirects=False)
    location = urlsplit(response.headers["location"])
    assert response.status_code == 303 and location.path.endswith("/protocol/openid-connect/logout")
    assert parse_qs(location.query)["post_logout_redirect_uri"] == ["https://werkplaats.test/werkplaats/?uitgelogd=1"]


def test_pages_carry_a_strict_policy_and_no_inline_script(client: TestClient) -> None:
    response = client.get("/werkplaats/")
    assert response.status_code == 200 and "<html lang=\"nl\">" in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert f"form-action 'self' {NOWHERE};" in policy  # logging out ends at Keycloak, nowhere else
    scripts = re.findall(r"<script([^>]*)>", response.text)
    assert scripts and all("src=" in attributes or "application/json" in attributes for attributes in scripts)
    assert "https://" not in response.text  # nothing from a CDN


def test_assets_are_served_locally(client: TestClient) -> None:
    for name in ("vendor/vega-bundle.js", "vendor/utrecht-components.css", "werkplaats.js", "werkplaats.css"):
        assert client.get(f"/werkplaats/static/{name}").status_code == 200


def test_the_gateway_refuses_to_start_without_the_assets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbench, "VENDOR_FILES", ("vega-bundle.js", "niet-geinstalleerd.js"))
    with pytest.raises(workbench.AssetsMissing, match=r"niet-geinstalleerd\.js"):
        create_app(SETTINGS)


def test_only_a_cookie_signed_with_our_secret_is_read() -> None:
    from starlette.requests import Request

    from vertelpunt.gateway.workbench.session import load

    def request_with(cookie: str) -> Request:
        return Request({"type": "http", "headers": [(b"cookie", f"{SESSION_COOKIE}={cookie}".encode())]})

    ours = load(request_with(cookie_value({"access_token": "t"}, "ons-geheim")), "ons-geheim")
    forged = load(request_with(cookie_value({"access_token": "t"}, "ander-geheim")), "ons-geheim")
    assert ours.get("access_token") == "t" and not ours.changed
    assert forged.data == {} and forged.changed  # changed: the response deletes the forged cookie


def test_a_gateway_with_the_werkplaats_switched_off_serves_none_of_it() -> None:
    off = SETTINGS.model_copy(update={"werkplaats_enabled": False})
    with TestClient(create_app(off), raise_server_exceptions=False) as test_client:
        for path in ("/werkplaats/", "/werkplaats/inloggen", "/werkplaats/static/werkplaats.css"):
            assert test_client.get(path, follow_redirects=False).status_code == 404, path
