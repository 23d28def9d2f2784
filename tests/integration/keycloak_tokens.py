"""Getting real tokens for the demo users from the stack's Keycloak (python-keycloak)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from keycloak import KeycloakOpenID
from playwright.sync_api import Browser, Route

from vertelpunt.kit.oidc import OidcClient, new_verifier

DEMO_PASSWORD = "demo"


def password_token(keycloak_url: str, username: str, password: str = DEMO_PASSWORD) -> str:
    client = KeycloakOpenID(server_url=f"{keycloak_url}/", realm_name="vertelpunt", client_id="vertelpunt-cli")
    token: str = client.token(username, password)["access_token"]
    return token


def browser_login_tokens(browser: Browser, keycloak_url: str, client_id: str, client_secret: str, redirect_uri: str,
                         username: str, password: str = DEMO_PASSWORD) -> dict[str, Any]:
    """Tokens as a web service gets them after a person logs in (authorization code with PKCE, in Chromium): the
    browser is stopped at `redirect_uri`, and the code is exchanged with the client's secret."""
    login = OidcClient(f"{keycloak_url}/realms/vertelpunt", client_id, redirect_uri, client_secret=client_secret)
    verifier = new_verifier()
    page = browser.new_page()
    returned: list[str] = []

    def back_at_the_service(route: Route) -> None:
        returned.append(route.request.url)
        route.fulfill(status=200, body="ingelogd")

    page.route(f"{redirect_uri}*", back_at_the_service)
    try:
        page.goto(login.authorization_url("e2e-state", verifier))
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("#kc-login")
        page.wait_for_url(f"{redirect_uri}*")
    finally:
        page.close()
    code = parse_qs(urlsplit(returned[0]).query)["code"][0]
    return login.exchange_code(code, verifier)
