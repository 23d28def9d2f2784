"""Sessions of staff in the web form (issue 10): "Uitloggen" ends the Keycloak session too (RP-initiated logout),
the access token is renewed with the refresh token, and nothing typed is lost when the session ends."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.security.intake.conftest import LOGIN_FORM, SESSION_COOKIE, ServeIntake, keycloak_login, session_data

pytestmark = pytest.mark.integration


def _end_session_endpoint(keycloak_url: str) -> str:
    configuration = httpx.get(f"{keycloak_url}/realms/vertelpunt/.well-known/openid-configuration", timeout=30)
    endpoint: str = configuration.json()["end_session_endpoint"]
    return endpoint


def test_logout_ends_the_keycloak_session_so_the_next_person_must_log_in(
        serve_intake: ServeIntake, http: httpx.Client, keycloak_url: str) -> None:
    base = serve_intake()
    keycloak_login(http, base, "verteller.zwolle")
    assert http.get(f"{base}/vertel").status_code == 200

    logout = http.get(f"{base}/logout")
    target = urlsplit(logout.headers["location"])
    query = parse_qs(target.query)
    back_home = http.get(logout.headers["location"])  # Keycloak ends its session and sends the browser back
    next_person = http.get(http.get(f"{base}/login").headers["location"])

    assert logout.status_code == 303
    assert f"{target.scheme}://{target.netloc}{target.path}" == _end_session_endpoint(keycloak_url)
    assert query["post_logout_redirect_uri"] == [f"{base}/?uitgelogd=1"] and query["id_token_hint"][0].count(".") == 2
    assert back_home.status_code == 302 and back_home.headers["location"] == f"{base}/?uitgelogd=1"
    assert http.get(f"{base}/vertel").status_code == 303  # this service's session is gone
    assert LOGIN_FORM.search(next_person.text)  # Keycloak asks for a password, not straight back in


def test_the_access_token_is_renewed_with_the_refresh_token(serve_intake: ServeIntake, http: httpx.Client) -> None:
    # With a margin longer than the token's life every request counts as "about to expire".
    base = serve_intake(token_refresh_margin_seconds=24 * 3600)
    keycloak_login(http, base, "verteller.zwolle")
    before = session_data(http.cookies.get(SESSION_COOKIE))

    page = http.get(f"{base}/vertel")
    after = session_data(http.cookies.get(SESSION_COOKIE))

    assert page.status_code == 200
    assert after["access_token"] != before["access_token"] and after["refresh_token"]


def test_an_old_session_cookie_after_logout_cannot_be_renewed(serve_intake: ServeIntake, http: httpx.Client) -> None:
    base = serve_intake(token_refresh_margin_seconds=24 * 3600)
    keycloak_login(http, base, "verteller.zwolle")
    copied = http.cookies.get(SESSION_COOKIE)
    http.get(http.get(f"{base}/logout").headers["location"])

    replayed = httpx.get(f"{base}/vertel", cookies={SESSION_COOKIE: copied or ""}, timeout=60)

    assert replayed.status_code == 303 and replayed.headers["location"].startswith("/login")


def _log_in(page: Page, base: str) -> None:
    page.fill("#username", "verteller.zwolle")
    page.fill("#password", "demo")
    page.click("#kc-login")
    page.wait_for_url(f"{base}/vertel")


def test_a_draft_survives_an_ended_session_and_is_gone_after_sending(
        serve_intake: ServeIntake, browser: Browser) -> None:
    base = serve_intake()
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(f"{base}/login")
    _log_in(page, base)
    page.fill("#title", "Lang gesprek over de toeslag")
    page.fill("#text", "We hebben een uur gepraat over de terugvordering en samen een regeling gemaakt.")
    page.check("#q\\.situatie-inkomen")

    context.clear_cookies()  # the session ended while writing (expired, or Keycloak restarted)
    page.click("button[type=submit]")
    _log_in(page, base)

    assert page.input_value("#title") == "Lang gesprek over de toeslag"
    assert page.input_value("#text").startswith("We hebben een uur gepraat")
    assert page.is_checked("#q\\.situatie-inkomen")
    assert page.is_visible("#concept-melding")

    for question, option in (("interventie", "budgetcoaching"), ("uitkomst-verandering", "beter"),
                             ("uitkomst-hielp", "ja"), ("rol", "staff")):
        page.check(f"#q\\.{question}-{option}")
    page.click("button[type=submit]")
    page.click("#send")
    page.wait_for_selector("text=Bedankt voor je verhaal")
    drafts = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('vertelpunt.concept:'))")
    context.close()

    assert drafts == []
