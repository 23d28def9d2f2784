from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.integration.intake.conftest import PLANTED, bearer, story_body
from vertelpunt.contracts.envelopes import decode
from vertelpunt.intake.audit.models import RawAccess
from vertelpunt.intake.outbox.models import OutboxMessage
from vertelpunt.intake.stories.models import Story


def outbox(client: TestClient) -> list[OutboxMessage]:
    with client.app.state.container.database.sessions() as session:  # type: ignore[attr-defined]
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def tell_and_confirm(client: TestClient, token: str, consent: bool = True, **overrides: object) -> str:
    created = client.post("/api/v1/stories", json=story_body(**overrides), headers=bearer(token))
    assert created.status_code == 201, created.text
    story_id = created.json()["id"]
    reviewed = client.post(f"/api/v1/stories/{story_id}/review", json={"consentToShare": consent},
                           headers=bearer(token))
    assert reviewed.status_code == 200, reviewed.text
    return story_id


def test_told_story_is_anonymised_for_review(client: TestClient, tokens: dict[str, str]) -> None:
    response = client.post("/api/v1/stories", json=story_body(), headers=bearer(tokens["verteller.zwolle"]))

    assert response.status_code == 201
    assert response.headers["API-Version"] == "1.0.0"
    preview = response.json()
    assert preview["status"] == "pendingReview"
    for value in PLANTED.values():
        assert value not in preview["anonymisedText"]
    assert "[PERSOON-1]" in preview["anonymisedText"] and "Voedselbank" in preview["anonymisedText"]
    assert {f["type"] for f in preview["findings"]} >= {"PERSOON", "BSN", "IBAN", "TELEFOON", "EMAIL", "POSTCODE",
                                                      "ADRES"}
    assert outbox(client) == []  # nothing leaves before the storyteller's review


def test_review_restores_and_adds_then_shares_only_anonymised_content(client: TestClient,
                                                                     tokens: dict[str, str]) -> None:
    token = tokens["verteller.zwolle"]
    created = client.post("/api/v1/stories", json=story_body(text="Ik sprak Kim en de buurvrouw Tjits uit "
                                                                  "de straat over haar schulden."),
                          headers=bearer(token)).json()
    kim = next(f["index"] for f in created["findings"] if f["text"] == "Kim")

    reviewed = client.post(f"/api/v1/stories/{created['id']}/review",
                           json={"consentToShare": True, "restore": [kim], "missed": ["Tjits"]}, headers=bearer(token))

    assert reviewed.status_code == 200
    assert "Kim" in reviewed.json()["anonymisedText"]
    assert "Tjits" not in reviewed.json()["anonymisedText"]
    [message] = outbox(client)
    shared = decode(message.payload).story_shared
    assert shared.story_id == created["id"] and "Tjits" not in shared.text and "Kim" in shared.text
    assert {a.question_id for a in shared.answers} >= {"situatie", "verschil", "ruimte", "houvast"}
    assert "team" not in {a.question_id for a in shared.answers}  # a quasi-identifier stays home
    situation = next(a for a in shared.answers if a.question_id == "situatie")
    assert "Fatima" not in situation.choice.other_text
    triad = next(a for a in shared.answers if a.question_id == "verschil").triad
    assert abs(triad.a + triad.b + triad.c - 1) < 1e-9


def test_story_without_consent_never_produces_an_event(client: TestClient, tokens: dict[str, str]) -> None:
    story_id = tell_and_confirm(client, tokens["verteller.zwolle"], consent=False)

    assert outbox(client) == []
    read = client.get(f"/api/v1/stories/{story_id}", headers=bearer(tokens["verteller.zwolle"]))
    assert read.json()["shared"] is False


def test_reading_raw_stories_is_logged(client: TestClient, tokens: dict[str, str]) -> None:
    story_id = tell_and_confirm(client, tokens["verteller.zwolle"])
    headers = {**bearer(tokens["analist.zwolle"]), "X-Access-Purpose": "analyse effect budgetcoaching"}

    read = client.get(f"/api/v1/stories/{story_id}", headers=headers)
    listed = client.get("/api/v1/stories?pageSize=10", headers=headers)

    assert read.status_code == 200 and PLANTED["bsn"] in read.json()["text"]
    assert listed.json()["total"] == 1 and "next" not in listed.json()["_links"]
    with client.app.state.container.database.sessions() as session:  # type: ignore[attr-defined]
        log = session.scalars(select(RawAccess).order_by(RawAccess.id)).all()
    assert [(e.action, e.story_id, e.purpose) for e in log] == [
        ("read", story_id, "analyse effect budgetcoaching"), ("list", None, "analyse effect budgetcoaching")]


def test_storyteller_sees_only_own_stories(client: TestClient, tokens: dict[str, str]) -> None:
    tell_and_confirm(client, tokens["beheer.zwolle"])
    tell_and_confirm(client, tokens["verteller.zwolle"])

    mine = client.get("/api/v1/stories", headers=bearer(tokens["verteller.zwolle"])).json()
    everything = client.get("/api/v1/stories", headers=bearer(tokens["analist.zwolle"])).json()

    assert mine["total"] == 1 and everything["total"] == 2


def test_withdraw_and_erase_travel_as_withdrawals(client: TestClient, tokens: dict[str, str]) -> None:
    token = tokens["verteller.zwolle"]
    withdrawn_id = tell_and_confirm(client, token)
    erased_id = tell_and_confirm(client, token)

    assert client.post(f"/api/v1/stories/{withdrawn_id}/withdraw", headers=bearer(token)).json()["status"] == \
        "withdrawn"
    assert client.delete(f"/api/v1/stories/{erased_id}", headers=bearer(token)).status_code == 204

    events = [decode(m.payload) for m in outbox(client)]
    assert [(e.WhichOneof("payload"), e.story_withdrawn.reason) for e in events[2:]] == [
        ("story_withdrawn", "withdrawn"), ("story_withdrawn", "erased")]
    with client.app.state.container.database.sessions() as session:  # type: ignore[attr-defined]
        erased = session.get(Story, erased_id)
    assert erased is not None and erased.text is None and erased.anonymised_text is None
    assert client.get(f"/api/v1/stories/{erased_id}", headers=bearer(token)).json()["text"] is None


@pytest.mark.parametrize("channel", ["web", "phone", "tablet", "api"])
def test_channel_is_recorded(client: TestClient, tokens: dict[str, str], channel: str) -> None:
    story_id = tell_and_confirm(client, tokens["verteller.zwolle"], channel=channel)

    assert client.get(f"/api/v1/stories/{story_id}", headers=bearer(tokens["verteller.zwolle"])).json()[
        "channel"] == channel


def test_assisted_story_is_entered_by_staff_for_a_client(client: TestClient, tokens: dict[str, str]) -> None:
    body = story_body(assisted=True, answers={**story_body()["answers"], "rol": {"choices": ["client"]}})  # type: ignore[dict-item]
    created = client.post("/api/v1/stories", json=body, headers=bearer(tokens["verteller.zwolle"]))

    assert created.status_code == 201
    assert created.json()["storyKey"].startswith("VP-")
    story = client.get(f"/api/v1/stories/{created.json()['id']}", headers=bearer(tokens["verteller.zwolle"])).json()
    assert story["channel"] == "assisted" and story["storytellerRole"] == "client"
