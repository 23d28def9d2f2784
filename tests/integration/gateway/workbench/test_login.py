"""The real browser login against Keycloak, without a browser: authorization code with PKCE, the session that
follows, a silent refresh, and RP-initiated logout."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.integration.gateway.workbench.realm import ensure_werkplaats_client
from tests.integration.keycloak_tokens import DEMO_PASSWORD
from vertelpunt.gateway.workbench.session import SESSION_COOKIE, cookie_value, load


@pytest.fixture(scope="module", autouse=True)
def werkplaats_client(keycloak_url: str) -> None:
    ensure_werkplaats_client(keycloak_url)


def keycloak_login(authorization_url: str, username: str) -> str:
    """Fill in Keycloak's login form like a person would; returns where Keycloak sends the browser back."""
    with httpx.Client(follow_redirects=True, timeout=30) as browser:
        form = browser.get(authorization_url)
        for cookie in browser.cookies.jar:  # Keycloak marks its cookies Secure; the local stack speaks plain HTTP
            cookie.secure = False
        action = unescape(re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', form.text).group(1))
        answer = browser.post(action, data={"username": username, "password": DEMO_PASSWORD},
                              follow_redirects=False)
    assert answer.status_code == 302, answer.text[:300]
    return answer.headers["location"]


def sign_in(gateway: TestClient, username: str) -> tuple[TestClient, httpx.Response]:
    client = TestClient(gateway.app)
    start = client.get("/werkplaats/inloggen", params={"next": "/werkplaats/trends"}, follow_redirects=False)
    back = urlsplit(keycloak_login(start.headers["location"], username))
    assert back.path == "/werkplaats/auth/callback"
    return client, client.get(back.path, params=parse_qs(back.query), follow_redirects=False)


def test_login_with_pkce_opens_the_page_asked_for(gateway: TestClient) -> None:
    client, landed = sign_in(gateway, "analist.deventer")
    assert landed.status_code == 303 and landed.headers["location"] == "/werkplaats/trends"
    page = client.get("/werkplaats/trends")
    assert page.status_code == 200 and "Ingelogd als analist.deventer" in page.text


def test_a_code_cannot_be_used_twice(gateway: TestClient) -> None:
    client = TestClient(gateway.app)
    start = client.get("/werkplaats/inloggen", follow_redirects=False)
    back = urlsplit(keycloak_login(start.headers["location"], "verteller.zwolle"))
    session_cookie = client.cookies.get(SESSION_COOKIE)
    assert client.get(back.path, params=parse_qs(back.query), follow_redirects=False).status_code == 303
    client.cookies.set(SESSION_COOKIE, session_cookie)  # replay the state as well
    replay = client.get(back.path, params=parse_qs(back.query), follow_redirects=False)
    assert replay.status_code == 400 and "niet gelukt" in replay.text


def test_an_expiring_access_token_is_renewed_with_the_refresh_token(gateway: TestClient) -> None:
    client, _ = sign_in(gateway, "verteller.almere")
    secret = gateway.app.state.settings.session_secret  # type: ignore[attr-defined]
    signed = load(_request_with(client.cookies.get(SESSION_COOKIE)), secret)
    stale = {"access_token": "verlopen", "refresh_token": signed.get("refresh_token")}
    client.cookies.set(SESSION_COOKIE, cookie_value(stale, secret))
    page = client.get("/werkplaats/kennisbank", follow_redirects=False)
    assert page.status_code == 200 and "Ingelogd als verteller.almere" in page.text
    renewed = load(_request_with(page.cookies.get(SESSION_COOKIE)), secret)
    assert renewed.get("access_token") not in (None, "verlopen")

    client.cookies.set(SESSION_COOKIE, cookie_value({"access_token": "verlopen", "refresh_token": "nep"}, secret))
    refused = client.get("/werkplaats/kennisbank", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/werkplaats/inloggen")


def test_logout_ends_the_keycloak_session_too(gateway: TestClient) -> None:
    client, landed = sign_in(gateway, "beheer.zwolle")
    id_token = landed.cookies.get("werkplaats_uitlog")
    csrf = client.get("/werkplaats/").text.split('name="csrf" value="')[1].split('"')[0]
    client.cookies.set("werkplaats_uitlog", id_token)
    out = client.post("/werkplaats/uitloggen", data={"csrf": csrf}, follow_redirects=False)
    query = parse_qs(urlsplit(out.headers["location"]).query)
    assert out.status_code == 303 and query["id_token_hint"] == [id_token]
    assert client.get("/werkplaats/wat-werkt", follow_redirects=False).status_code == 303
    assert httpx.get(out.headers["location"], follow_redirects=False, timeout=30).status_code == 302  # no question


def _request_with(cookie: str | None):  # type: ignore[no-untyped-def]
    from starlette.requests import Request

    return Request({"type": "http", "headers": [(b"cookie", f"{SESSION_COOKIE}={cookie}".encode())]})
