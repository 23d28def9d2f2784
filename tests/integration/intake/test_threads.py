"""Follow-up stories: a story key continues a thread at the municipality; the key alone lets a client see,
withdraw and erase the thread's stories; the event carries a random thread id and the number, never the key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import outbox
from vertelpunt.contracts.envelopes import decode
from vertelpunt.intake.app import build_container, create_app
from vertelpunt.intake.settings import IntakeSettings

pytestmark = pytest.mark.integration

CLIENT_ANSWERS = {**story_body()["answers"], "rol": {"choices": ["client"]}}  # type: ignore[dict-item]


def _tell(client: TestClient, token: str, **overrides: object) -> dict[str, str]:
    created = client.post("/api/v1/stories", json=story_body(assisted=True, answers=CLIENT_ANSWERS, **overrides),
                          headers=bearer(token))
    assert created.status_code == 201, created.text
    reviewed = client.post(f"/api/v1/stories/{created.json()['id']}/review", json={"consentToShare": True},
                           headers=bearer(token))
    assert reviewed.status_code == 200, reviewed.text
    return dict(created.json())


def test_a_follow_up_with_the_key_continues_the_thread(client: TestClient, tokens: dict[str, str]) -> None:
    token = tokens["verteller.zwolle"]
    first = _tell(client, token, title="Eerste gesprek over de huur")
    typed = first["storyKey"].lower().replace("-", " ")  # as a client may type it
    second = _tell(client, token, title="Twee maanden later", storyKey=typed)
    other = _tell(client, token, title="Iemand anders")

    assert second["storyKey"] == first["storyKey"] != other["storyKey"]
    shared = [decode(m.payload).story_shared for m in outbox(client)]
    assert [(s.title, s.thread_number) for s in shared] == [
        ("Eerste gesprek over de huur", 1), ("Twee maanden later", 2), ("Iemand anders", 1)]
    assert shared[0].thread_id == shared[1].thread_id != shared[2].thread_id
    assert all(first["storyKey"].replace("-", "") not in m.payload.decode("latin-1").replace("-", "")
               for m in outbox(client))
    mine = client.get(f"/api/v1/stories/{second['id']}", headers=bearer(token)).json()
    assert mine["threadNumber"] == 2


def test_an_unknown_key_is_refused_in_dutch(client: TestClient, tokens: dict[str, str]) -> None:
    refused = client.post("/api/v1/stories", json=story_body(assisted=True, answers=CLIENT_ANSWERS,
                                                              storyKey="VP-ABCD-EFGH-JKLM"),
                          headers=bearer(tokens["verteller.zwolle"]))
    listed = client.post("/api/v1/threads/stories", json={"storyKey": "geen code"})

    assert refused.status_code == 400 and refused.json()["type"].endswith("onbekende-code")
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert listed.status_code == 400 and "code" in listed.json()["title"].lower() + listed.json().get("detail", "")


def test_a_client_withdraws_and_erases_with_the_key_alone(client: TestClient, tokens: dict[str, str]) -> None:
    token = tokens["verteller.zwolle"]
    first = _tell(client, token, title="Over de wachttijd")
    second = _tell(client, token, title="De wachttijd daarna", storyKey=first["storyKey"])
    someone_else = _tell(client, token, title="Niet van deze client")

    listed = client.post("/api/v1/threads/stories", json={"storyKey": first["storyKey"]}).json()
    withdrawn = client.post("/api/v1/threads/withdraw", json={"storyKey": first["storyKey"], "storyId": second["id"]})
    wrong = client.post("/api/v1/threads/erase", json={"storyKey": first["storyKey"], "storyId": someone_else["id"]})
    erased = client.post("/api/v1/threads/erase", json={"storyKey": first["storyKey"]})

    assert [(s["number"], s["anonymisedTitle"]) for s in listed] == [(1, "Over de wachttijd"),
                                                                     (2, "De wachttijd daarna")]
    assert [s["status"] for s in withdrawn.json()] == ["withdrawn"]
    assert wrong.status_code == 404
    assert [s["status"] for s in erased.json()] == ["erased", "erased"]
    events = [decode(m.payload) for m in outbox(client)]
    assert [(e.WhichOneof("payload"), e.story_withdrawn.story_id) for e in events[3:]] == [
        ("story_withdrawn", second["id"]), ("story_withdrawn", first["id"])]
    kept = client.get(f"/api/v1/stories/{someone_else['id']}", headers=bearer(token)).json()
    assert kept["status"] == "submitted" and kept["shared"] is True


def test_a_client_comes_back_a_month_later_on_the_services_clock(settings: IntakeSettings,
                                                                 tokens: dict[str, str]) -> None:
    """The intake's clock (Container.clock) decides when a story was told and whether a campaign is open, so a
    test can move a month on without waiting: here a wave in spring, long over by the real calendar."""
    now = [datetime(2026, 3, 4, 9, 30, tzinfo=UTC)]
    container = build_container(settings)
    container.clock = lambda: now[0]
    with TestClient(create_app(container=container), raise_server_exceptions=False) as client:
        campaign = client.post("/api/v1/campaigns", headers=bearer(tokens["beheer.zwolle"]), json={
            "name": "Voorjaarsronde buurtteam", "startsOn": "2026-03-02", "endsOn": "2026-04-20"}).json()
        link = f"/api/v1/campaigns/by-link/{campaign['link'].rsplit('/', 1)[1]}/stories"

        def tell(**extra: str) -> dict[str, str]:
            body = story_body(answers={**CLIENT_ANSWERS, "rol": {"choices": ["client"]}}, **extra)
            created = client.post(link, json=body)
            assert created.status_code == 201, created.text
            reviewed = client.post(f"/api/v1/stories/{created.json()['id']}/review", json={"consentToShare": True},
                                   headers={"X-Review-Token": created.json()["reviewToken"]})
            assert reviewed.status_code == 200, reviewed.text
            return dict(created.json())

        first = tell(title="De eerste keer aan de balie")
        now[0] += timedelta(days=33)
        second = tell(title="Een maand later aan de balie", storyKey=first["storyKey"])
        now[0] += timedelta(days=30)  # the wave ended on 20 April
        closed = client.post(link, json=story_body(answers=CLIENT_ANSWERS))
        told = [decode(m.payload).story_shared for m in outbox(client)]

    assert second["storyKey"] == first["storyKey"] and closed.status_code == 410
    assert [(s.title, s.thread_number, s.told_at.ToDatetime(tzinfo=UTC)) for s in told] == [
        ("De eerste keer aan de balie", 1, datetime(2026, 3, 4, 9, 30, tzinfo=UTC)),
        ("Een maand later aan de balie", 2, datetime(2026, 4, 6, 9, 30, tzinfo=UTC))]
