from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import outbox as outbox_rows
from tests.integration.intake.test_stories import tell_and_confirm
from vertelpunt.contracts.envelopes import decode
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.intake.app import run_retention
from vertelpunt.intake.frameworks.service import announce_frameworks
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.models import Story

EXTRA = {"id": "x-wachttijd", "type": "dyad", "category": "signification",
         "label": {"nl": "Hoe lang moest je wachten?"},
         "poles": [{"id": "kort", "label": {"nl": "Kort"}}, {"id": "lang", "label": {"nl": "Lang"}}]}


def test_core_framework_has_every_question_type(client: TestClient) -> None:
    framework = client.get("/api/v1/framework").json()

    assert {q["type"] for q in framework["questions"]} == {"triad", "dyad", "single_choice", "multiple_choice"}
    assert {q["category"] for q in framework["questions"]} >= {"situation", "intervention", "outcome", "demographic"}


def test_municipality_adds_questions_but_cannot_change_core_ids(client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])
    clash = {**EXTRA, "id": "verschil"}

    added = client.post("/api/v1/framework/extensions", json={"questions": [EXTRA]}, headers=admin)
    refused = client.post("/api/v1/framework/extensions", json={"questions": [clash]}, headers=admin)
    not_admin = client.post("/api/v1/framework/extensions", json={"questions": [EXTRA]},
                            headers=bearer(tokens["verteller.zwolle"]))

    assert added.status_code == 201 and added.json()["version"] == "1.0.0+GM0193.1"
    assert refused.status_code == 409 and not_admin.status_code == 403
    body = story_body(answers={**story_body()["answers"], "x-wachttijd": {"dyad": 0.9}})  # type: ignore[dict-item]
    story = client.post("/api/v1/stories", json=body, headers=bearer(tokens["verteller.zwolle"])).json()
    assert story["frameworkVersion"] == "1.0.0+GM0193.1"
    assert client.get("/api/v1/framework/versions/1.0.0").json()["version"] == "1.0.0"
    assert client.get("/api/v1/framework/versions/1.0.0+GM0193.1").status_code == 200


def test_retention_removes_old_raw_text_only(client: TestClient, tokens: dict[str, str]) -> None:
    old = tell_and_confirm(client, tokens["verteller.zwolle"])
    recent = tell_and_confirm(client, tokens["verteller.zwolle"])
    container = client.app.state.container  # type: ignore[attr-defined]
    with container.database.sessions.begin() as session:
        session.get(Story, old).created_at = datetime.now(UTC) - timedelta(days=25 * 31)

    assert run_retention(container) == 1
    with container.database.sessions() as session:
        old_story, recent_story = session.get(Story, old), session.get(Story, recent)
    assert old_story.text is None and old_story.anonymised_text is not None and old_story.shared
    assert recent_story.text is not None


CROSSING = {"id": "oversteek", "type": "triad", "category": "signification",
            "label": {"nl": "Wat hielp de klant over de drempel?"},
            "corners": [{"id": "buurt", "label": {"nl": "De buurt"}}, {"id": "familie", "label": {"nl": "Familie"}},
                        {"id": "loket", "label": {"nl": "Het loket"}}]}


def framework_events(client: TestClient) -> list[pb.FrameworkPublished]:
    return [decode(m.payload).framework_published for m in outbox_rows(client)
            if m.event_type == "framework_published"]


def test_publishing_an_extension_puts_its_definition_in_the_outbox_in_the_same_transaction(
        client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])

    refused = client.post("/api/v1/framework/extensions", json={"questions": [{**CROSSING, "id": "houvast"}]},
                          headers=admin)
    assert refused.status_code == 409 and framework_events(client) == []  # nothing current, nothing announced
    added = client.post("/api/v1/framework/extensions", json={"questions": [CROSSING]}, headers=admin)

    assert added.status_code == 201
    [published] = framework_events(client)
    assert published.version == added.json()["version"] == "1.0.0+GM0193.1"
    crossing = published.questions[-1]
    assert crossing.id == "gm0193.oversteek" and crossing.label["nl"] == "Wat hielp de klant over de drempel?"
    assert [c.label["nl"] for c in crossing.corners] == ["De buurt", "Familie", "Het loket"]
    assert client.get("/api/v1/framework").json()["questions"][-1]["id"] == "oversteek"  # local inside


def test_announcing_at_start_is_idempotent_and_covers_every_version(client: TestClient, settings: IntakeSettings,
                                                                    tokens: dict[str, str]) -> None:
    assert announce_frameworks(settings.database_url, settings.tenant_code) == 1  # the core, on first start
    client.post("/api/v1/framework/extensions", json={"questions": [CROSSING]}, headers=bearer(tokens["beheer.zwolle"]))

    assert announce_frameworks(settings.database_url, settings.tenant_code) == 0  # a restart adds nothing
    rows = [m for m in outbox_rows(client) if m.event_type == "framework_published"]
    assert [decode(m.payload).framework_published.version for m in rows] == ["1.0.0", "1.0.0+GM0193.1"]
    assert len({m.event_id for m in rows}) == 2


# A municipality's own question whose labels were typed with someone in mind: each label that would travel to the
# sector holds something that points at a person.
SLIP = {"id": "aanspreekpunt", "type": "single_choice", "category": "intervention",
        "label": {"nl": "Met wie had u het eerste gesprek?"},
        "clientLabel": {"nl": "Vragen? Bel Wendy op 038 765 4321"},
        "options": [{"id": "balie", "label": {"nl": "Met de baliemedewerker"}},
                    {"id": "coach", "label": {"nl": "Met budgetcoach Jeroen Smeenk"}},
                    {"id": "thuis", "label": {"nl": "Bij mij thuis, Wipstrikkerallee 41"},
                     "clientLabel": {"nl": "Thuis (BSN 270418313 bij de hand)"}}]}
SUPPORT = {"id": "steunbron", "type": "triad", "category": "signification",
           "label": {"nl": "Waar kwam de meeste steun vandaan?"},
           "corners": [{"id": "eigen", "label": {"nl": "Eigen inzet"}},
                       {"id": "kring", "label": {"nl": "Familie, buren of vrienden"}},
                       {"id": "beroeps", "label": {"nl": "Iemand van de gemeente of een instantie"}}]}


def test_an_extension_whose_labels_name_someone_is_refused_and_nothing_is_stored(
        client: TestClient, tokens: dict[str, str]) -> None:
    admin = bearer(tokens["beheer.zwolle"])

    refused = client.post("/api/v1/framework/extensions", json={"questions": [SUPPORT, SLIP]}, headers=admin)
    english = client.post("/api/v1/framework/extensions", json={"questions": [SLIP]},
                          headers={**admin, "Accept-Language": "en-GB,en;q=0.8"})

    assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["type"].endswith("/persoonsgegevens-in-vragen")
    assert problem["title"] == "In de vragen staat iets dat op een persoonsgegeven lijkt."
    assert "In 4 van de teksten" in problem["detail"] and problem["detail"].endswith("Er is niets opgeslagen.")
    assert {p["pointer"]: p["types"] for p in problem["invalidParams"]} == {
        "/questions/1/clientLabel/nl": ["PERSOON", "TELEFOON"],
        "/questions/1/options/1/label/nl": ["PERSOON"],
        "/questions/1/options/2/label/nl": ["ADRES"],
        "/questions/1/options/2/clientLabel/nl": ["BSN"]}
    assert problem["invalidParams"][0]["reason"] == ("In deze tekst lijkt een naam en een telefoonnummer te staan. "
                                                     "Haal dat weg of schrijf het algemener.")
    for planted in ("Wendy", "765 4321", "Smeenk", "Wipstrikkerallee", "270418313"):
        assert planted not in refused.text
    assert english.status_code == 400 and english.json()["detail"].endswith("Nothing was stored.")
    assert english.json()["invalidParams"][0]["pointer"] == "/questions/0/clientLabel/nl"

    assert client.get("/api/v1/framework").json()["version"] == "1.0.0"
    assert client.get("/api/v1/framework/versions/1.0.0+GM0193.1").status_code == 404
    assert framework_events(client) == []  # nothing for the relay to send

    fixed = {**SLIP, "clientLabel": {"nl": "Met wie sprak je eerst?"},
             "options": [SLIP["options"][0], {"id": "coach", "label": {"nl": "Met een budgetcoach"}},  # type: ignore[index]
                         {"id": "thuis", "label": {"nl": "Bij een huisbezoek"}}]}
    added = client.post("/api/v1/framework/extensions", json={"questions": [SUPPORT, fixed]}, headers=admin)
    assert added.status_code == 201, added.text
    [published] = framework_events(client)
    assert published.version == added.json()["version"] == "1.0.0+GM0193.1"
    assert [c.label["nl"] for c in published.questions[-2].corners] == ["Eigen inzet", "Familie, buren of vrienden",
                                                                       "Iemand van de gemeente of een instantie"]


def test_a_question_that_stays_in_the_municipality_is_not_read(client: TestClient, tokens: dict[str, str]) -> None:
    own_team = {**SLIP, "id": "eigen-team", "shared": False}  # never travels: its answers and labels stay here

    added = client.post("/api/v1/framework/extensions", json={"questions": [own_team]},
                        headers=bearer(tokens["beheer.zwolle"]))

    assert added.status_code == 201, added.text
    [published] = framework_events(client)
    assert "gm0193.eigen-team" not in {q.id for q in published.questions}
