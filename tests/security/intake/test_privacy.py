"""Free text that leaves the municipality (issue 9): the campaign label, the "other" answers of core and municipal
questions, and what the storyteller marks at review. Checked in the outbox, the only way out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import outbox
from vertelpunt.contracts.envelopes import decode
from vertelpunt.intake.frameworks.events import sector_question_id

pytestmark = pytest.mark.integration

PHONE = "038-4217765"
SURNAME = "Oosterhuis"
OTHER_WAY = {"id": "x-contact", "type": "single_choice", "category": "intervention", "allow_other": True,
             "label": {"nl": "Hoe hield je contact?"},
             "options": [{"id": "balie", "label": {"nl": "Aan de balie"}}, {"id": "huis", "label": {"nl": "Thuis"}}]}


def _period() -> dict[str, str]:
    return {"startsOn": date.today().isoformat(), "endsOn": (date.today() + timedelta(days=30)).isoformat()}


def _shared_payloads(client: TestClient) -> list[bytes]:
    return [m.payload for m in outbox(client) if m.event_type == "story_shared"]


def test_a_campaign_label_with_a_name_and_phone_number_is_published_anonymised(client: TestClient,
                                                                             tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    campaign = client.post("/api/v1/campaigns", headers=admin,
                           json={"name": f"Terugbelronde mevrouw {SURNAME} {PHONE}", **_period()}).json()
    link = campaign["link"].rsplit("/", 1)[1]
    told = client.post(f"/api/v1/campaigns/by-link/{link}/stories", json=story_body(
        answers={**story_body()["answers"], "rol": {"choices": ["client"]}})).json()  # type: ignore[dict-item]
    client.post(f"/api/v1/stories/{told['id']}/review", json={"consentToShare": True},
                headers={"X-Review-Token": told["reviewToken"]})

    [payload] = _shared_payloads(client)
    label = decode(payload).story_shared.campaign_label
    assert label == campaign["publishedName"] == "Terugbelronde mevrouw [PERSOON-1] [TELEFOON-1]"
    assert SURNAME.encode() not in payload and PHONE.encode() not in payload
    assert campaign["name"] == f"Terugbelronde mevrouw {SURNAME} {PHONE}"  # the municipality keeps its own label


def test_a_renamed_campaign_publishes_the_new_label_anonymised(client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    campaign = client.post("/api/v1/campaigns", headers=admin, json={"name": "Ronde wijkteams", **_period()}).json()

    renamed = client.patch(f"/api/v1/campaigns/{campaign['id']}", headers=admin,
                           json={"name": "Gesprekken met dhr. Veldkamp, tel 0612 998877"})
    by_storyteller = client.patch(f"/api/v1/campaigns/{campaign['id']}", headers=bearer(tokens["verteller.zwolle"]),
                                  json={"name": "Iets anders"})

    assert renamed.status_code == 200
    assert renamed.json()["publishedName"] == "Gesprekken met dhr. [PERSOON-1], tel [TELEFOON-1]"
    assert by_storyteller.status_code == 403


def test_other_answers_of_core_and_municipal_questions_leave_anonymised(client: TestClient,
                                                                        tokens: dict[str, str]) -> None:
    admin, storyteller = bearer(tokens["beheer.zwolle"]), bearer(tokens["verteller.zwolle"])
    extended = client.post("/api/v1/framework/extensions", json={"questions": [OTHER_WAY]}, headers=admin)
    assert extended.status_code == 201
    answers = {**story_body()["answers"],  # type: ignore[dict-item]
               "situatie": {"choices": ["werk"], "other": "ruzie met de werkgever, bel 06 4129 8837"},
               "x-contact": {"other": "via de buurvrouw, mail h.bos@kpnmail.nl"}}
    told = client.post("/api/v1/stories", json=story_body(answers=answers), headers=storyteller).json()
    client.post(f"/api/v1/stories/{told['id']}/review", json={"consentToShare": True}, headers=storyteller)

    [payload] = _shared_payloads(client)
    others = {a.question_id: a.choice.other_text for a in decode(payload).story_shared.answers if a.choice.other_text}
    assert others["situatie"] == "ruzie met de werkgever, bel [TELEFOON-1]"
    assert others["gm0193.x-contact"] == "via de buurvrouw, mail [EMAIL-1]"  # the municipality's own, namespaced
    assert b"8837" not in payload and b"kpnmail" not in payload
    reviewed = {sector_question_id("GM0193", k): v for k, v in told["anonymisedAnswers"].items()}
    assert reviewed == others  # what the storyteller reviewed is what left


def test_a_review_mark_removes_what_the_anonymiser_kept_everywhere(client: TestClient,
                                                                  tokens: dict[str, str]) -> None:
    storyteller = bearer(tokens["verteller.zwolle"])
    answers = {**story_body()["answers"],  # type: ignore[dict-item]
               "situatie": {"choices": ["wonen"], "other": "huurachterstand, kamer 7310"}}
    told = client.post("/api/v1/stories", headers=storyteller, json=story_body(
        title="Hulp bij de huur", text="Ze woont in kamer 7310 van het complex. Met een regeling kwam er rust.",
        answers=answers)).json()
    mark = next(m for m in told["marks"] if m["text"] == "7310")

    reviewed = client.post(f"/api/v1/stories/{told['id']}/review", headers=storyteller,
                           json={"consentToShare": True, "missed": [mark["text"]]})

    assert mark["reason"] == "number" and "kamer 7310" in mark["context"]
    assert reviewed.status_code == 200 and reviewed.json()["marks"] == []
    [payload] = _shared_payloads(client)
    shared = decode(payload).story_shared
    assert b"7310" not in payload
    assert "[ANDERS-1]" in shared.text
    other = next(a.choice.other_text for a in shared.answers if a.question_id == "situatie")
    assert other == "huurachterstand, kamer [ANDERS-1]"


def test_the_review_page_offers_each_mark_as_one_keyboard_operable_checkbox(client: TestClient,
                                                                            tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    campaign = client.post("/api/v1/campaigns", headers=admin, json={"name": "Ronde huur", **_period()}).json()
    link = campaign["link"].rsplit("/", 1)[1]
    form = {"title": "Huurachterstand", "text": "Zij woont op kamer 7310. Samen maakten we een plan.",
            "q.situatie": "wonen", "q.interventie": "budgetcoaching", "q.uitkomst-verandering": "beter",
            "q.uitkomst-hielp": "ja", "q.rol": "client", "consent": "yes"}

    review_page = client.post(f"/vertel/{link}", data=form)
    story_id = review_page.text.split('action="/controle/')[1].split('"')[0]
    review_token = review_page.text.split('name="review_token" value="')[1].split('"')[0]
    thanks = client.post(f"/controle/{story_id}", data={"review_token": review_token, "consent": "yes",
                                                        "mark": "7310"})

    assert '<input type="checkbox" id="mark-0" name="mark" value="7310"' in review_page.text
    assert '<label for="mark-0">Haal ‘7310’ weg</label>' in review_page.text
    assert thanks.status_code == 200 and "7310" not in thanks.text
    [payload] = _shared_payloads(client)
    assert b"7310" not in payload
