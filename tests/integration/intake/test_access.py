"""Tenant isolation and authentication: a token of municipality A can never read or write municipality B."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import tell_and_confirm


@pytest.mark.parametrize("user", ["verteller.deventer", "analist.sector"])
def test_token_of_another_municipality_or_the_sector_is_refused(client: TestClient, tokens: dict[str, str],
                                                                user: str) -> None:
    story_id = tell_and_confirm(client, tokens["verteller.zwolle"])
    other = bearer(tokens[user])

    responses = [
        client.post("/api/v1/stories", json=story_body(), headers=other),
        client.get("/api/v1/stories", headers=other),
        client.get(f"/api/v1/stories/{story_id}", headers=other),
        client.post(f"/api/v1/stories/{story_id}/withdraw", headers=other),
        client.delete(f"/api/v1/stories/{story_id}", headers=other),
    ]

    assert {r.status_code for r in responses} == {403}
    assert all(r.headers["content-type"] == "application/problem+json" for r in responses)
    assert responses[0].json()["type"].endswith("/andere-gemeente")


def test_missing_and_forged_tokens_are_refused(client: TestClient, tokens: dict[str, str]) -> None:
    header, payload, signature = tokens["verteller.zwolle"].split(".")

    assert client.get("/api/v1/stories").status_code == 401
    assert client.get("/api/v1/stories", headers=bearer(f"{header}.{payload}.{signature[::-1]}")).status_code == 401
    assert client.get("/api/v1/stories", headers=bearer("not-a-jwt")).status_code == 401


def test_colleague_cannot_read_or_erase_someone_elses_story(client: TestClient, tokens: dict[str, str]) -> None:
    story_id = tell_and_confirm(client, tokens["beheer.zwolle"])

    assert client.get(f"/api/v1/stories/{story_id}", headers=bearer(tokens["verteller.zwolle"])).status_code == 403
    assert client.delete(f"/api/v1/stories/{story_id}", headers=bearer(tokens["verteller.zwolle"])).status_code == 403
    assert client.get(f"/api/v1/stories/{story_id}", headers=bearer(tokens["analist.zwolle"])).status_code == 200


def test_analyst_cannot_tell_and_storyteller_cannot_review_anothers_story(client: TestClient,
                                                                         tokens: dict[str, str]) -> None:
    created = client.post("/api/v1/stories", json=story_body(), headers=bearer(tokens["beheer.zwolle"])).json()

    assert client.post("/api/v1/stories", json=story_body(),
                       headers=bearer(tokens["analist.zwolle"])).status_code == 403
    assert client.post(f"/api/v1/stories/{created['id']}/review", json={"consentToShare": True},
                       headers=bearer(tokens["verteller.zwolle"])).status_code == 403
