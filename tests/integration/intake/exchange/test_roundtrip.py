"""Export from one municipality, import into another: the same answers, no duplicates, nothing half-imported."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer
from tests.integration.intake.exchange.conftest import ANSWERS, stored_counts, tell

pytestmark = pytest.mark.integration


def export(client: TestClient, token: str, **params: str) -> dict[str, Any]:
    answer = client.get("/api/v1/exchange/export", params=params, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    assert answer.headers["api-version"] and answer.headers["content-type"].startswith("application/json")
    document: dict[str, Any] = answer.json()
    return document


def import_(client: TestClient, token: str, document: dict[str, Any]) -> dict[str, Any]:
    answer = client.post("/api/v1/exchange/import", json=document, headers=bearer(token))
    assert answer.status_code == 200, answer.text
    report: dict[str, Any] = answer.json()
    return report


def tell_corpus(zwolle: TestClient, tokens: dict[str, str]) -> None:
    """Four shareable stories (a campaign, a thread of two, dates in March and April), one without consent and
    one withdrawn."""
    admin = tokens["beheer.zwolle"]
    campaign = zwolle.post("/api/v1/campaigns", json={"name": "Huisbezoeken najaar", "startsOn": "2026-03-01",
                                                      "endsOn": "2026-04-30"}, headers=bearer(admin)).json()["id"]
    tell(zwolle, admin, toldAt="2026-03-03T09:00:00+01:00", campaignId=campaign)
    first = tell(zwolle, admin, assisted=True, toldAt="2026-03-20T15:30:00+01:00", title="Eerste bezoek",
                 answers={**ANSWERS, "rol": {"choices": ["client"]}, "verschil": {"triad": [0.7, 0.1, 0.2]}})
    tell(zwolle, admin, assisted=True, storyKey=first["storyKey"], toldAt="2026-04-17T11:00:00+02:00",
         title="Tweede bezoek", answers={**ANSWERS, "rol": {"choices": ["client"]}, "regie": {"dyad": 0.85},
                                         "situatie": {"choices": ["wonen"], "other": "lekkage in de badkamer"}})
    tell(zwolle, admin, toldAt="2026-04-28T08:00:00+02:00", channel="phone",
         answers={**ANSWERS, "houvast": {"triad": [0.2, 0.2, 0.6]}, "uitkomst-gevoel": {"notApplicable": True}})
    tell(zwolle, admin, consent=False, title="Niet delen")
    withdrawn = tell(zwolle, admin, title="Teruggetrokken")
    assert zwolle.post(f"/api/v1/stories/{withdrawn['id']}/withdraw", headers=bearer(admin)).status_code == 200


def comparable(story: dict[str, Any], tolerant: bool = False) -> dict[str, Any]:
    """What must survive the journey; triad weights up to rounding (they are normalised again on import)."""
    answers = {qid: ({"triad": pytest.approx(a["triad"], abs=1e-9)} if "triad" in a and tolerant else a)
               for qid, a in story["answers"].items()}
    return {"title": story["title"], "text": story["text"], "toldAt": story["toldAt"], "channel": story["channel"],
            "storytellerRole": story["storytellerRole"], "answers": answers,
            "threadNumber": (story["thread"] or {}).get("number")}


def test_export_then_import_gives_the_same_stories_and_answers(zwolle: TestClient, deventer: TestClient,
                                                                exchange_tokens: dict[str, str]) -> None:
    tell_corpus(zwolle, exchange_tokens)
    exported = export(zwolle, exchange_tokens["analist.zwolle"])

    report = import_(deventer, exchange_tokens["beheer.deventer"], exported)
    again = export(deventer, exchange_tokens["analist.deventer"])

    assert exported["source"]["id"] == "vertelpunt:GM0193" and len(exported["stories"]) == 4
    assert {s["title"] for s in exported["stories"]} >= {"Eerste bezoek", "Tweede bezoek"}
    assert all("team" not in s["answers"] for s in exported["stories"])  # a question that stays home
    assert (report["imported"], report["alreadyImported"]) == (4, 0)
    assert all(s["shared"] and s["rejectedAnswers"] == [] for s in report["stories"])
    imported_as = {s["id"]: s["sourceId"] for s in report["stories"]}
    originals = {s["id"]: comparable(s) for s in exported["stories"]}
    assert {imported_as[s["id"]]: comparable(s, tolerant=True) for s in again["stories"]} == originals
    threads = {s["title"]: s["thread"] for s in again["stories"] if s["thread"]}
    assert threads["Eerste bezoek"]["id"] == threads["Tweede bezoek"]["id"]
    assert (threads["Eerste bezoek"]["number"], threads["Tweede bezoek"]["number"]) == (1, 2)
    assert threads["Eerste bezoek"]["id"] not in {(s["thread"] or {}).get("id") for s in exported["stories"]}
    [campaign] = again["campaigns"]
    assert (campaign["name"], campaign["startsOn"]) == ("Huisbezoeken najaar", "2026-03-01")
    assert sum(1 for s in again["stories"] if s["campaignId"] == campaign["id"]) == 1


def test_importing_twice_or_in_overlapping_parts_gives_no_duplicates(zwolle: TestClient, deventer: TestClient,
                                                                      exchange_tokens: dict[str, str]) -> None:
    tell_corpus(zwolle, exchange_tokens)
    exported = export(zwolle, exchange_tokens["beheer.zwolle"])
    admin = exchange_tokens["beheer.deventer"]
    first_half = {**exported, "stories": exported["stories"][:2]}

    parts = [import_(deventer, admin, first_half), import_(deventer, admin, exported)]
    after_first = stored_counts(deventer)
    repeat = import_(deventer, admin, exported)

    assert [(r["imported"], r["alreadyImported"]) for r in parts] == [(2, 0), (2, 2)]
    assert (repeat["imported"], repeat["alreadyImported"]) == (0, 4)
    assert stored_counts(deventer) == after_first
    assert after_first["stories"] == 4 and after_first["outbox"] == 4 and after_first["campaigns"] == 1
    assert {s["id"] for s in repeat["stories"]} == {s["id"] for s in parts[1]["stories"]}


def test_a_bad_document_is_refused_with_pointers_and_nothing_is_stored(zwolle: TestClient, deventer: TestClient,
                                                                       exchange_tokens: dict[str, str]) -> None:
    tell_corpus(zwolle, exchange_tokens)
    exported = export(zwolle, exchange_tokens["beheer.zwolle"])
    admin = exchange_tokens["beheer.deventer"]
    unknown_option = copy.deepcopy(exported)
    unknown_option["stories"][2]["answers"]["situatie"] = {"choices": ["kinderopvang"]}
    unknown_option["frameworks"][0]["questions"][0]["options"].append({"id": "kinderopvang"})
    missing_text = copy.deepcopy(exported)
    del missing_text["stories"][1]["text"]
    before = stored_counts(deventer)

    refused = [deventer.post("/api/v1/exchange/import", json=doc, headers=bearer(admin))
               for doc in (unknown_option, missing_text)]

    assert [r.status_code for r in refused] == [400, 400]
    assert all(r.headers["content-type"].startswith("application/problem+json") for r in refused)
    assert refused[0].json()["type"].endswith("/ongeldig-importbestand")
    [option_error] = refused[0].json()["invalidParams"]
    assert option_error["pointer"] == "/stories/2/answers/situatie" and "kinderopvang" in option_error["reason"]
    assert [p["pointer"] for p in refused[1].json()["invalidParams"]] == ["/stories/1/text"]
    assert stored_counts(deventer) == before == {"stories": 0, "outbox": 0, "campaigns": 0, "imports": 0}


@pytest.mark.parametrize("body", [[], "vertelpunt", {"format": "vertelpunt-export", "version": 9}])
def test_what_is_no_document_gets_one_clear_error(deventer: TestClient, exchange_tokens: dict[str, str],
                                                 body: Any) -> None:
    refused = deventer.post("/api/v1/exchange/import", json=body, headers=bearer(exchange_tokens["beheer.deventer"]))

    assert refused.status_code == 400
    [error] = refused.json()["invalidParams"]
    assert error["pointer"] == ("/version" if isinstance(body, dict) else "")
