"""Who may export, raw text only with a reason and in the access log, filters, and paging of large exports."""

from __future__ import annotations

import json

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.integration.intake.conftest import bearer
from tests.integration.intake.exchange.conftest import ANSWERS, tell
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.audit.models import RawAccess
from vertelpunt.intake.exchange.document import schema_errors
from vertelpunt.intake.exchange.repository import Selection
from vertelpunt.intake.exchange.service import export_stories
from vertelpunt.kit.clock import utcnow

pytestmark = pytest.mark.integration

NAME = "Joost Verbeek"  # a name planted in a story told here
PATH = "/api/v1/exchange/export"


def access_log(client: TestClient) -> list[RawAccess]:
    with client.app.state.container.database.sessions() as session:  # type: ignore[attr-defined]
        return list(session.scalars(select(RawAccess).where(RawAccess.action == "export").order_by(RawAccess.id)))


def test_only_the_municipalitys_admin_and_analyst_export(zwolle: TestClient, exchange_tokens: dict[str, str]) -> None:
    tell(zwolle, exchange_tokens["beheer.zwolle"])

    answers = {user: zwolle.get(PATH, headers=bearer(exchange_tokens[user])).status_code
               for user in ("beheer.zwolle", "analist.zwolle", "verteller.zwolle", "beheer.deventer")}
    anonymous = zwolle.get(PATH)
    import_by_analyst = zwolle.post("/api/v1/exchange/import", json={},
                                    headers=bearer(exchange_tokens["analist.zwolle"]))

    assert answers == {"beheer.zwolle": 200, "analist.zwolle": 200, "verteller.zwolle": 403, "beheer.deventer": 403}
    assert anonymous.status_code == 401
    assert import_by_analyst.status_code == 403
    assert import_by_analyst.headers["content-type"].startswith("application/problem+json")


def test_anonymised_by_default_raw_only_with_a_reason_and_logged(zwolle: TestClient,
                                                                 exchange_tokens: dict[str, str]) -> None:
    admin, analyst = exchange_tokens["beheer.zwolle"], exchange_tokens["analist.zwolle"]
    told = [tell(zwolle, admin, text=f"{NAME} kreeg uitleg over de toeslag en betaalde zijn schuld af.",
                 answers={**ANSWERS, "situatie": {"choices": ["schulden"], "other": f"zoon van {NAME}"}})
            for _ in range(2)]

    anonymised = zwolle.get(PATH, headers=bearer(analyst))
    logged_before_raw = len(access_log(zwolle))
    without_reason = zwolle.get(PATH, params={"text": "raw"}, headers=bearer(analyst))
    raw = zwolle.get(PATH, params={"text": "raw"},
                     headers={**bearer(analyst), "X-Access-Purpose": "onderzoek hogeschool Windesheim"})

    assert anonymised.status_code == 200 and NAME not in anonymised.text
    assert anonymised.json()["textKind"] == "anonymised" and "[PERSOON-" in anonymised.json()["stories"][0]["text"]
    assert without_reason.status_code == 400
    assert without_reason.json()["invalidParams"][0]["name"] == "X-Access-Purpose"
    assert raw.status_code == 200 and raw.json()["textKind"] == "raw"
    assert all(NAME in s["text"] and NAME in s["answers"]["situatie"]["other"] for s in raw.json()["stories"])
    assert "team" in raw.json()["stories"][0]["answers"]
    assert schema_errors(anonymised.json()) == schema_errors(raw.json()) == []
    logged = access_log(zwolle)[logged_before_raw:]
    assert sorted(entry.story_id for entry in logged if entry.story_id) == sorted(t["id"] for t in told)
    assert all(entry.purpose.endswith("onderzoek hogeschool Windesheim") for entry in logged)
    assert {entry.actor for entry in logged} == {jwt.decode(analyst, options={"verify_signature": False})["sub"]}


def test_filters_by_told_period_and_campaign(zwolle: TestClient, exchange_tokens: dict[str, str]) -> None:
    admin = exchange_tokens["beheer.zwolle"]
    wave = zwolle.post("/api/v1/campaigns", json={"name": "Ronde februari", "startsOn": "2026-02-01",
                                                  "endsOn": "2026-02-28"}, headers=bearer(admin)).json()["id"]
    tell(zwolle, admin, title="Januari", toldAt="2026-01-31T23:30:00+00:00")  # 00:30 on 1 February in the Netherlands
    tell(zwolle, admin, title="Februari", toldAt="2026-02-14T10:00:00+01:00", campaignId=wave)
    tell(zwolle, admin, title="Maart", toldAt="2026-03-01T00:30:00+01:00")

    def titles(**params: str) -> list[str]:
        answer = zwolle.get(PATH, params=params, headers=bearer(admin))
        assert answer.status_code == 200, answer.text
        return sorted(s["title"] for s in answer.json()["stories"])

    assert titles(toldFrom="2026-02-01", toldTo="2026-02-28") == ["Februari", "Januari"]
    assert titles(toldFrom="2026-03-01") == ["Maart"]
    assert titles(campaignId=wave) == ["Februari"]
    wrong = zwolle.get(PATH, params={"toldFrom": "2026-03-01", "toldTo": "2026-02-01"}, headers=bearer(admin))
    assert wrong.status_code == 400 and wrong.headers["content-type"].startswith("application/problem+json")
    ancient = zwolle.get(PATH, params={"toldFrom": "0001-01-01"}, headers=bearer(admin))  # was a 500 (fuzzing)
    assert ancient.status_code == 400 and ancient.json()["invalidParams"][0]["name"] == "toldFrom"


def test_a_large_export_is_sent_page_by_page(zwolle: TestClient, exchange_tokens: dict[str, str]) -> None:
    admin = exchange_tokens["beheer.zwolle"]
    told = {tell(zwolle, admin, title=f"Verhaal {n}")["id"] for n in range(5)}
    container = zwolle.app.state.container  # type: ignore[attr-defined]
    actor = Actor(subject="test", name="test", roles=frozenset({"tenant-analyst"}))

    pages = list(export_stories(container.database, "GM0193", Selection(created_before=utcnow()), "anonymised",
                                actor, "test", page_size=2))

    assert len(pages) == 3
    assert {s["id"] for s in json.loads("[" + "".join(pages) + "]")} == told
