"""Clients tell through a campaign link without an account: rate-limited, only while the wave runs."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import outbox


def _campaign(client: TestClient, token: str, days_from_now: int = 0) -> dict[str, str]:
    start = date.today() + timedelta(days=days_from_now)
    response = client.post("/api/v1/campaigns", json={"name": "Najaar 2026", "startsOn": start.isoformat(),
                                                      "endsOn": (start + timedelta(days=30)).isoformat()},
                           headers=bearer(token))
    assert response.status_code == 201, response.text
    return response.json()


def test_client_tells_via_link_reviews_with_token_and_gets_a_story_key(client: TestClient,
                                                                       tokens: dict[str, str]) -> None:
    campaign = _campaign(client, tokens["beheer.zwolle"])
    link_token = campaign["link"].rsplit("/", 1)[1]
    body = story_body(answers={**story_body()["answers"], "rol": {"choices": ["client"]}})  # type: ignore[dict-item]

    created = client.post(f"/api/v1/campaigns/by-link/{link_token}/stories", json=body)
    assert created.status_code == 201, created.text
    preview = created.json()
    without_token = client.post(f"/api/v1/stories/{preview['id']}/review", json={"consentToShare": True})
    reviewed = client.post(f"/api/v1/stories/{preview['id']}/review", json={"consentToShare": True},
                           headers={"X-Review-Token": preview["reviewToken"]})

    assert without_token.status_code == 403
    assert reviewed.status_code == 200
    assert preview["storyKey"].startswith("VP-")
    [message] = outbox(client)
    assert b"Najaar 2026" in message.payload
    qr = client.get(f"/api/v1/campaigns/{campaign['id']}/qr.svg", headers=bearer(tokens["beheer.zwolle"]))
    assert qr.status_code == 200 and "<svg" in qr.text


def test_only_admins_make_campaigns_and_closed_links_refuse(client: TestClient, tokens: dict[str, str]) -> None:
    refused = client.post("/api/v1/campaigns",
                          json={"name": "Voorjaar", "startsOn": "2026-01-01", "endsOn": "2026-02-01"},
                          headers=bearer(tokens["verteller.zwolle"]))
    future = _campaign(client, tokens["beheer.zwolle"], days_from_now=10)

    assert refused.status_code == 403
    assert client.post(f"/api/v1/campaigns/by-link/{future['link'].rsplit('/', 1)[1]}/stories",
                       json=story_body()).status_code == 410
    assert client.post("/api/v1/campaigns/by-link/onbekend/stories", json=story_body()).status_code == 404


def test_campaign_link_is_rate_limited(client: TestClient, tokens: dict[str, str]) -> None:
    link_token = _campaign(client, tokens["beheer.zwolle"])["link"].rsplit("/", 1)[1]

    codes = [client.post(f"/api/v1/campaigns/by-link/{link_token}/stories", json=story_body()).status_code
             for _ in range(7)]

    assert codes[:5] == [201] * 5 and codes[5:] == [429, 429]


def test_a_person_with_a_dead_link_gets_a_page_not_json(client: TestClient) -> None:
    response = client.get("/vertel/bestaat-niet", headers={"Accept-Language": "nl"})

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Deze link werkt niet" in response.text
