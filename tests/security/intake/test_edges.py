"""The intake's web edges under attack (issue 10): forwarded headers, open redirects, forbidden characters,
the channel of a link story, campaign tokens, /metrics, security headers and caching of raw stories."""

from __future__ import annotations

import json
from datetime import date, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.security.intake.conftest import ServeIntake, keycloak_login

pytestmark = pytest.mark.integration

LINK_STORIES = "/api/v1/campaigns/by-link/{token}/stories"


def _campaign(client: TestClient, admin_token: str, name: str = "Winterronde 2027") -> dict[str, str]:
    response = client.post("/api/v1/campaigns", json={
        "name": name, "startsOn": date.today().isoformat(), "endsOn": (date.today() + timedelta(days=20)).isoformat()},
        headers=bearer(admin_token))
    assert response.status_code == 201, response.text
    return response.json()


def _link_token(campaign: dict[str, str]) -> str:
    return campaign["link"].rsplit("/", 1)[1]


def _client_story(**overrides: object) -> dict[str, object]:
    answers = {**story_body()["answers"], "rol": {"choices": ["client"]}}  # type: ignore[dict-item]
    return story_body(**{"answers": answers, **overrides})


# -- forwarded headers ---------------------------------------------------------------------------------------
def _admin_campaign_over_http(http: httpx.Client, base: str, admin_token: str) -> str:
    response = http.post(f"{base}/api/v1/campaigns", headers=bearer(admin_token), json={
        "name": "Voorjaarsronde", "startsOn": date.today().isoformat(),
        "endsOn": (date.today() + timedelta(days=5)).isoformat()})
    assert response.status_code == 201, response.text
    return response.json()["link"].rsplit("/", 1)[1]


def test_a_spoofed_forwarded_for_does_not_reset_the_link_rate_limit(serve_intake: ServeIntake, http: httpx.Client,
                                                                    tokens: dict[str, str]) -> None:
    base = serve_intake(campaign_rate_limit_per_minute=3)
    link = _admin_campaign_over_http(http, base, tokens["beheer.zwolle"])

    codes = [http.post(f"{base}{LINK_STORIES.format(token=link)}", json=_client_story(),
                        headers={"X-Forwarded-For": f"198.51.100.{attempt}"}).status_code for attempt in range(5)]

    assert codes == [201, 201, 201, 429, 429]


def test_a_trusted_proxy_forwards_the_real_client_address(serve_intake: ServeIntake, http: httpx.Client,
                                                          tokens: dict[str, str]) -> None:
    base = serve_intake(campaign_rate_limit_per_minute=2, trusted_proxies=["127.0.0.1/32"])
    link = _admin_campaign_over_http(http, base, tokens["beheer.zwolle"])
    url = f"{base}{LINK_STORIES.format(token=link)}"

    first = [http.post(url, json=_client_story(), headers={"X-Forwarded-For": "192.0.2.61"}).status_code
             for _ in range(3)]
    # The proxy appends the address it saw; what the client wrote on the left of it is not believed.
    second = http.post(url, json=_client_story(), headers={"X-Forwarded-For": "192.0.2.61, 192.0.2.62"})

    assert first == [201, 201, 429]
    assert second.status_code == 201


# -- open redirect -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("target", [
    "//phish.example.net/inloggen", "/\\phish.example.net", "\\\\phish.example.net", "https://phish.example.net",
    "javascript:alert(1)", "/%2F%2Fphish.example.net", "%2F%2Fphish.example.net", "/%5Cphish.example.net",
    "/%252F%252Fphish.example.net", "/\t/phish.example.net", "///phish.example.net", "/%09/phish.example.net",
])
def test_after_login_nobody_is_sent_to_another_site(serve_intake: ServeIntake, http: httpx.Client,
                                                   target: str) -> None:
    landed = keycloak_login(http, serve_intake(), "verteller.zwolle", next_path=target)

    assert landed.status_code == 303
    assert landed.headers["location"] == "/"


def test_after_login_a_local_next_path_is_kept(serve_intake: ServeIntake, http: httpx.Client) -> None:
    landed = keycloak_login(http, serve_intake(), "verteller.zwolle", next_path="/vertel?assisted=1")

    assert landed.headers["location"] == "/vertel?assisted=1"


# -- forbidden characters ------------------------------------------------------------------------------------
FORBIDDEN = ["\x00", "\x07", "\x1b", "\ud83d", "\udc00", "\ufffe", "\uffff"]


@pytest.mark.parametrize("character", FORBIDDEN)
def test_forbidden_characters_in_the_api_are_a_400_naming_the_field(client: TestClient, tokens: dict[str, str],
                                                                    character: str) -> None:
    body = json.dumps(story_body(text=f"De afspraak{character} ging goed."))  # lone surrogates as \\uXXXX

    response = client.post("/api/v1/stories", content=body,
                           headers={**bearer(tokens["verteller.zwolle"]), "Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/verboden-tekens")
    assert "'verhaal'" in problem["detail"] and "teken dat niet mag" in problem["detail"]
    assert [p["name"] for p in problem["invalidParams"]] == ["body.text"]


@pytest.mark.parametrize(("field", "body", "label"), [
    ("title", _client_story(title="Hulp\x00bij werk"), "titel"),
    ("text", _client_story(text="Goed geholpen\x00."), "verhaal"),
    ("other", _client_story(answers={**_client_story()["answers"],  # type: ignore[dict-item]
                                     "situatie": {"choices": ["werk"], "other": "iets\x00anders"}}),
     "eigen antwoord bij vraag 'situatie'"),
    ("storyKey", _client_story(storyKey="VP-\x00"), "verhaalcode"),
])
def test_forbidden_characters_through_a_campaign_link_are_a_400_not_a_500(
        client: TestClient, tokens: dict[str, str], field: str, body: dict[str, object], label: str) -> None:
    link = _link_token(_campaign(client, tokens["beheer.zwolle"]))

    response = client.post(LINK_STORIES.format(token=link), json=body)

    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert f"'{label}'" in response.json()["detail"]


def test_forbidden_characters_in_path_query_and_extension_labels_are_a_400(client: TestClient,
                                                                          tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    extension = {"questions": [{"id": "x-buurt", "type": "single_choice", "category": "situation",
                                "label": {"nl": "Welke\x00buurt?"},
                                "options": [{"id": "a", "label": {"nl": "Noord"}},
                                            {"id": "b", "label": {"nl": "Zuid"}}]}]}

    responses = [
        client.get("/api/v1/stories/abc%00def", headers=admin),
        client.get("/api/v1/stories", params={"campaignId": "x\x00y"}, headers=admin),
        client.post(LINK_STORIES.format(token="abc%00def"), json=_client_story()),
        client.post("/api/v1/framework/extensions", json=extension, headers=admin),
        client.post("/api/v1/campaigns", headers=admin, json={"name": "Ronde\x00", "startsOn": "2027-01-04",
                                                               "endsOn": "2027-02-01"}),
    ]

    assert [r.status_code for r in responses] == [400] * 5
    assert all(r.json()["type"].endswith("/verboden-tekens") for r in responses)


def test_forbidden_characters_in_the_web_form_give_a_dutch_form_error(client: TestClient,
                                                                      tokens: dict[str, str]) -> None:
    link = _link_token(_campaign(client, tokens["beheer.zwolle"]))

    response = client.post(f"/vertel/{link}", data={"title": "Mijn\x00verhaal", "text": "Het ging goed."})

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "titel: Hier stond een teken dat niet mag" in response.text
    assert 'value="Mijnverhaal"' in response.text  # given back without the character, to send again


# -- the channel of a link story -----------------------------------------------------------------------------
@pytest.mark.parametrize("claimed", ["assisted", "api"])
def test_a_client_cannot_label_its_own_story(client: TestClient, tokens: dict[str, str], claimed: str) -> None:
    link = _link_token(_campaign(client, tokens["beheer.zwolle"]))

    created = client.post(LINK_STORIES.format(token=link), json=_client_story(channel=claimed),
                          headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14; SM-S918B) Mobile"})
    assisted = client.post(LINK_STORIES.format(token=link), json=_client_story(assisted=True))

    assert created.status_code == 201
    story = client.get(f"/api/v1/stories/{created.json()['id']}", headers=bearer(tokens["analist.zwolle"])).json()
    assert story["channel"] == "phone"  # chosen by the server from the device
    assert assisted.status_code == 403


def test_assisted_is_for_staff(client: TestClient, tokens: dict[str, str]) -> None:
    created = client.post("/api/v1/stories", json=story_body(channel="assisted"),
                          headers=bearer(tokens["verteller.zwolle"]))

    assert created.status_code == 201
    assert created.json()["reviewToken"] and created.json()["storyKey"]  # entered for a client, as assisted
    story = client.get(f"/api/v1/stories/{created.json()['id']}", headers=bearer(tokens["verteller.zwolle"])).json()
    assert story["channel"] == "assisted"


# -- campaign tokens -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("user", ["verteller.zwolle", "analist.zwolle"])
def test_only_administrators_see_campaign_links(client: TestClient, tokens: dict[str, str], user: str) -> None:
    campaign = _campaign(client, tokens["beheer.zwolle"])
    secret = _link_token(campaign)

    listed = client.get("/api/v1/campaigns", headers=bearer(tokens[user]))
    qr = client.get(f"/api/v1/campaigns/{campaign['id']}/qr.svg", headers=bearer(tokens[user]))
    anonymous_qr = client.get(f"/api/v1/campaigns/{campaign['id']}/qr.svg")
    admin = client.get("/api/v1/campaigns", headers=bearer(tokens["beheer.zwolle"]))

    assert listed.status_code == 200 and [c["id"] for c in listed.json()] == [campaign["id"]]
    assert secret not in listed.text and listed.json()[0]["link"] is None
    assert qr.status_code == 403 and anonymous_qr.status_code == 401
    assert secret in admin.text


# -- /metrics, security headers, caching ---------------------------------------------------------------------
def test_metrics_are_not_served_to_anyone(client: TestClient, tokens: dict[str, str]) -> None:
    responses = [client.get("/metrics"), client.get("/metrics/"),
                 client.get("/metrics", headers=bearer(tokens["beheer.zwolle"]))]

    # Without a configured token the service port does not serve them at all (use the metrics port).
    assert {r.status_code for r in responses} == {404}
    assert all("http_requests_total" not in r.text for r in responses)


def test_metrics_with_the_configured_token(serve_intake: ServeIntake, http: httpx.Client) -> None:
    base = serve_intake(metrics_token="scrape-8f3a-geheim")

    assert http.get(f"{base}/metrics", headers=bearer("scrape-8f3a-geheim")).status_code == 200
    assert http.get(f"{base}/metrics", headers=bearer("scrape-8f3a-gehein")).status_code == 401


SECURITY_HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def test_every_response_has_security_headers_and_raw_stories_are_never_cached(client: TestClient,
                                                                             tokens: dict[str, str]) -> None:
    staff = bearer(tokens["verteller.zwolle"])
    link = _link_token(_campaign(client, tokens["beheer.zwolle"]))
    created = client.post("/api/v1/stories", json=story_body(), headers=staff)
    story_id = created.json()["id"]
    raw_story_responses = [
        created,
        client.post(LINK_STORIES.format(token=link), json=_client_story()),
        client.get(f"/api/v1/stories/{story_id}", headers=staff),
        client.get("/api/v1/stories", headers=staff),
        client.post(f"/api/v1/stories/{story_id}/review", json={"consentToShare": False}, headers=staff),
        client.post(f"/api/v1/stories/{story_id}/withdraw", headers=staff),
        client.get(f"/vertel/{link}"),
        client.post(f"/vertel/{link}", data={"title": "", "text": ""}),
        client.get("/"),
    ]
    others = [client.get("/health"), client.get("/api/v1/framework"), client.get("/metrics"),
              client.get("/api/v1/stories/bestaat-niet", headers=staff), client.get("/static/style.css"),
              client.post("/api/v1/stories", content=b"{" * 40, headers={**staff, "Content-Type": "application/json"})]

    for response in [*raw_story_responses, *others]:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert all(r.headers["cache-control"] == "no-store" for r in raw_story_responses)
    assert others[4].headers["cache-control"] != "no-store"
