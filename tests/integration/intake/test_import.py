from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import outbox
from vertelpunt.contracts.envelopes import decode


def test_admin_imports_an_earlier_story_with_its_date(client: TestClient, tokens: dict[str, str]) -> None:
    body = story_body(toldAt="2026-03-02T10:00:00+00:00")
    refused = client.post("/api/v1/stories", json=body, headers=bearer(tokens["verteller.zwolle"]))
    future = client.post("/api/v1/stories", json=story_body(toldAt="2999-01-01T10:00:00+00:00"),
                         headers=bearer(tokens["beheer.zwolle"]))
    created = client.post("/api/v1/stories", json=body, headers=bearer(tokens["beheer.zwolle"]))
    client.post(f"/api/v1/stories/{created.json()['id']}/review", json={"consentToShare": True},
                headers=bearer(tokens["beheer.zwolle"]))

    assert refused.status_code == 403 and future.status_code == 400
    [message] = outbox(client)
    assert decode(message.payload).story_shared.told_at.ToDatetime().isoformat() == "2026-03-02T10:00:00"
