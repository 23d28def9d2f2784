"""Bad input gets a clear problem+json, never a 500, and nothing is stored."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body


def _answers(**changes: object) -> dict[str, object]:
    answers = dict(story_body()["answers"])  # type: ignore[call-overload]
    answers.update(changes)
    return answers


@pytest.mark.parametrize(("answers", "code"), [
    (_answers(verschil={"triad": [0.5, 0.5, 0.5]}), "answers.triad_sum"),
    (_answers(verschil={"triad": [1.5, -0.5, 0.0]}), "answers.triad_range"),
    (_answers(ruimte={"dyad": 1.7}), "answers.dyad_range"),
    (_answers(situatie={"choices": ["bestaat-niet"]}), "answers.choice_unknown"),
    (_answers(**{"uitkomst-hielp": {"choices": ["ja", "nee"]}}), "answers.single_choice_many"),
    (_answers(**{"uitkomst-hielp": {"notApplicable": True}}), "answers.na_not_allowed"),
    (_answers(verzonnen={"choices": ["x"]}), "answers.unknown_question"),
    ({k: v for k, v in _answers().items() if k != "rol"}, "answers.required"),
])
def test_invalid_answers_are_named(client: TestClient, tokens: dict[str, str], answers: dict[str, object],
                                   code: str) -> None:
    response = client.post("/api/v1/stories", json=story_body(answers=answers),
                           headers=bearer(tokens["verteller.zwolle"]))

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert code in {p["code"] for p in response.json()["invalidParams"]}
    assert client.get("/api/v1/stories", headers=bearer(tokens["analist.zwolle"])).json()["total"] == 0


@pytest.mark.parametrize("body", [
    {"title": "", "text": "x"},
    {"title": "x" * 201, "text": "x"},
    {"title": "Titel", "text": "x", "channel": "fax"},
    {"title": "Titel", "text": "x", "unexpected": True},
    {"title": "Titel", "text": "x", "answers": {"ruimte": {"dyad": "veel"}}},
])
def test_malformed_bodies_are_400(client: TestClient, tokens: dict[str, str], body: dict[str, object]) -> None:
    response = client.post("/api/v1/stories", json=body, headers=bearer(tokens["verteller.zwolle"]))

    assert response.status_code == 400
    assert response.json()["invalidParams"]


def test_unknown_story_and_double_review(client: TestClient, tokens: dict[str, str]) -> None:
    headers = bearer(tokens["verteller.zwolle"])
    created = client.post("/api/v1/stories", json=story_body(), headers=headers).json()
    review = f"/api/v1/stories/{created['id']}/review"

    assert client.get("/api/v1/stories/bestaat-niet", headers=headers).status_code == 404
    assert client.post(review, json={"consentToShare": True, "restore": [999]}, headers=headers).status_code == 400
    assert client.post(review, json={"consentToShare": True}, headers=headers).status_code == 200
    assert client.post(review, json={"consentToShare": True}, headers=headers).status_code == 409
