"""The client form through a campaign link: only client questions in plain words, every answer kept after an
error with Dutch, labelled errors, a campaign's own choice of questions, and a way back to the same campaign."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer

PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
pytestmark = pytest.mark.integration


def _campaign(client: TestClient, token: str, **extra: object) -> dict[str, object]:
    start = date.today() - timedelta(days=1)
    response = client.post("/api/v1/campaigns", json={"name": "Luisterronde winter", "startsOn": start.isoformat(),
                                                      "endsOn": (start + timedelta(days=20)).isoformat(), **extra},
                           headers=bearer(token))
    assert response.status_code == 201, response.text
    return response.json()


def _send(client: TestClient, path: str, pairs: list[tuple[str, str]], agent: str = DESKTOP) -> httpx.Response:
    """A browser form post: repeated names for every ticked box."""
    return client.post(path, content=urlencode(pairs), headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": agent})


def _path(campaign: dict[str, object]) -> str:
    return "/vertel/" + str(campaign["link"]).rsplit("/", 1)[1]


def _checked(html: str, input_id: str) -> bool:
    tag = re.search(rf'<input[^>]*id="{re.escape(input_id)}"[^>]*>', html)
    assert tag is not None, input_id
    return " checked" in tag.group()


def _value(html: str, input_id: str) -> str:
    tag = re.search(rf'<input[^>]*id="{re.escape(input_id)}"[^>]*>', html)
    assert tag is not None, input_id
    found = re.search(r'value="([^"]*)"', tag.group())
    return found.group(1) if found else ""


def _summary(html: str) -> str:
    found = re.search(r'<div class="errors".*?</div>', html, re.S)
    assert found is not None
    return found.group()


# A client's answers, with different slips: no title, a triad that adds up to 90, no role.
FILLED = [("title", ""), ("text", "De consulent belde terug toen mijn toeslag stopte en legde alles rustig uit."),
          ("q.situatie", "inkomen"), ("q.situatie", "administratie"),
          ("q.situatie.other", "een brief van de Belastingdienst"),
          ("q.interventie", "uitleg"), ("q.uitkomst-verandering", "beter"), ("q.uitkomst-hielp", "deels"),
          ("q.verschil.a", "25"), ("q.verschil.b", "45"), ("q.verschil.c", "20"),
          ("q.houvast.na", "1"), ("q.ruimte", "70"), ("q.ruimte.set", "1"), ("q.regie.num", "35"),
          ("q.leeftijd", "45-64"), ("consent", "yes")]


def test_client_sees_client_questions_in_plain_words(client: TestClient, tokens: dict[str, str]) -> None:
    page = client.get(_path(_campaign(client, tokens["beheer.zwolle"])), headers={"User-Agent": PHONE})

    assert page.status_code == 200
    assert "Vertel over een moment waarop de sociale dienst jou hielp" in page.text
    assert "uit je werk" not in page.text  # never the staff prompt
    assert "Hoeveel jaar werk je in dit vak?" not in page.text and "In welk team werk je?" not in page.text
    assert "Wie besliste er over wat er gebeurde?" in page.text and "Wie had de regie?" not in page.text
    assert "maatwerk" not in page.text.lower().replace('value="maatwerk"', "").replace("-maatwerk", "")
    assert "Tik in de driehoek" in page.text
    assert "Stap 1 van 3" in page.text


def test_an_invalid_client_story_comes_back_with_every_answer_and_dutch_labelled_errors(
        client: TestClient, tokens: dict[str, str]) -> None:
    path = _path(_campaign(client, tokens["beheer.zwolle"]))

    first = _send(client, path, FILLED)
    second = _send(client, path, [(k, "Mijn toeslag" if k == "title" else v) for k, v in FILLED])

    for response in (first, second):
        html = response.text
        assert response.status_code == 400
        assert all(_checked(html, i) for i in ("q.situatie-inkomen", "q.situatie-administratie", "q.interventie-uitleg",
                                                "q.uitkomst-verandering-beter", "q.uitkomst-hielp-deels",
                                                "q.houvast.na", "q.leeftijd-45-64", "consent-yes"))
        assert not _checked(html, "q.situatie-schulden") and not _checked(html, "q.uitkomst-hielp-ja")
        assert [_value(html, f"q.verschil.{k}") for k in "abc"] == ["25", "45", "20"]
        assert _value(html, "q.ruimte") == "70" and _value(html, "q.regie.num") == "35"
        assert _value(html, "q.situatie.other") == "een brief van de Belastingdienst"
        assert "legde alles rustig uit" in html
        assert "Vertel over een moment waarop de sociale dienst jou hielp" in html and "uit je werk" not in html
        summary = _summary(html)
        assert 'tabindex="-1"' in summary and "String should" not in html and "uitkomst-" not in summary
    assert '<a href="#title">Geef je verhaal een korte titel: Dit veld is verplicht.</a>' in _summary(first.text)
    assert '<a href="#q.rol-staff">Wie vertelt dit verhaal?' in _summary(first.text)  # all errors at once
    assert _value(first.text, "title") == ""
    assert 'aria-invalid="true" aria-describedby="fout-title"' in first.text
    assert _value(second.text, "title") == "Mijn toeslag"
    summary = _summary(second.text)
    assert '<a href="#q.verschil.a">Wat hielp het meest?: De drie percentages moeten samen 100 zijn.</a>' in summary
    assert '<a href="#q.rol-staff">Wie vertelt dit verhaal?: Deze vraag is verplicht.</a>' in summary
    assert '<p class="triad-sum off" id="q.verschil.sum"' in second.text and "Samen: 90 van de 100" in second.text
    assert re.search(r'id="q\.verschil\.a"[^>]*aria-invalid="true" aria-describedby="q\.verschil\.sum fout-verschil"',
                     second.text)
    assert client.get("/api/v1/stories", headers=bearer(tokens["analist.zwolle"])).json()["total"] == 0


def test_a_campaign_chooses_the_optional_client_questions(client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    campaign = _campaign(client, tokens["beheer.zwolle"], clientQuestions=["tempo"])
    chosen = campaign["clientQuestions"]
    refused = client.patch(f"/api/v1/campaigns/{campaign['id']}", json={"clientQuestions": ["team", "verzonnen"]},
                           headers=admin)
    not_admin = client.patch(f"/api/v1/campaigns/{campaign['id']}", json={"clientQuestions": []},
                             headers=bearer(tokens["verteller.zwolle"]))
    page = client.get(_path(campaign)).text

    assert isinstance(chosen, list) and "tempo" in chosen and "rol" in chosen and "situatie" in chosen
    assert "leeftijd" not in chosen and "regie" not in chosen and "team" not in chosen
    assert refused.status_code == 400
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"clientQuestions[0]", "clientQuestions[1]"}
    assert not_admin.status_code == 403
    assert 'id="vraag-tempo"' in page and 'id="vraag-rol"' in page
    assert 'id="vraag-leeftijd"' not in page and 'id="vraag-regie"' not in page
    listed = client.get("/api/v1/campaigns", headers=admin).json()
    assert [c["clientQuestions"] for c in listed if c["id"] == campaign["id"]] == [chosen]


def test_after_sending_a_client_goes_back_to_the_same_campaign(client: TestClient, tokens: dict[str, str]) -> None:
    path = _path(_campaign(client, tokens["beheer.zwolle"]))
    good = [(k, {"q.verschil.b": "40", "q.verschil.c": "35"}.get(k, v)) for k, v in FILLED if k != "title"]
    good += [("title", "Toeslag stopte"), ("q.rol", "client"), ("q.team", "werk")]
    review = _send(client, path, good)
    assert review.status_code == 200, review.text
    assert "Stap 2 van 3" in review.text
    action = re.search(r'<form method="post" action="(/controle/[^"]+)"', review.text)
    token = re.search(r'name="review_token" value="([^"]+)"', review.text)
    assert action and token and f'name="again" value="{path}"' in review.text

    thanks = client.post(action.group(1), data={"review_token": token.group(1), "consent": "yes", "again": path})

    assert thanks.status_code == 200
    assert f'<a href="{path}" id="nog-een-verhaal">Nog een verhaal vertellen</a>' in thanks.text
    assert "Stap 3 van 3" in thanks.text
    [story] = client.get("/api/v1/stories", headers=bearer(tokens["analist.zwolle"])).json()["items"]
    # a staff question cannot be answered through a client link
    assert "situatie" in story["answers"] and "team" not in story["answers"]


def test_the_way_back_is_only_a_campaign_link_of_this_service(client: TestClient, tokens: dict[str, str]) -> None:
    path = _path(_campaign(client, tokens["beheer.zwolle"]))
    good = [*FILLED[1:], ("title", "Hulp met brieven"), ("q.rol", "client")]
    good = [(k, {"q.verschil.a": "35", "q.verschil.b": "45"}.get(k, v)) for k, v in good]
    review = _send(client, path, good).text
    action = re.search(r'action="(/controle/[^"]+)"', review)
    token = re.search(r'name="review_token" value="([^"]+)"', review)
    assert action and token

    thanks = client.post(action.group(1), data={"review_token": token.group(1), "again": "https://elders.example/x"})

    assert 'href="/" id="nog-een-verhaal"' in thanks.text
