"""A municipality's framework definitions travel like its stories: intake outbox, relay, federation policy, sector
topic, indexer, registry, gateway labels. Two municipalities with the same local question id never mix, a name in
a label is quarantined (should one get past the intake's own check, tests/integration/intake/test_frameworks.py),
and the same definition twice is one registry entry."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from kafka import KafkaProducer

from tests.integration.federation.conftest import Municipality, drain, random_codes, sector_records
from tests.integration.federation.test_federation import federation_quarantine
from tests.integration.frameworks.conftest import registry_entries
from tests.integration.keycloak_tokens import password_token
from tests.integration.search.test_indexer import index_until
from vertelpunt.contracts.envelopes import decode, encode
from vertelpunt.contracts.topics import SECTOR_TOPIC, tenant_topic
from vertelpunt.federation.service import FederationService
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.database import Database
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.frameworks.events import framework_published
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import FrameworkService, announce_frameworks, core_framework, extend
from vertelpunt.intake.stories.schemas import StoryCreate, StoryReview
from vertelpunt.kit.kafka import KafkaConnection
from vertelpunt.search.indexer import Indexer

ADMIN = Actor(subject="admin-1", name="beheer", roles=frozenset({"tenant-admin", "storyteller"}))
QUEUE = {"id": "wachtrij", "type": "dyad", "category": "signification", "label": {"nl": "Hoe snel werd je geholpen?"},
         "poles": [{"id": "direct", "label": {"nl": "Meteen geholpen"}},
                   {"id": "lang", "label": {"nl": "Lang gewacht"}}]}
SOURCES = {"id": "hulpbron", "type": "triad", "category": "signification", "label": {"nl": "Wie hielp er nog mee?"},
           "corners": [{"id": "buren", "label": {"nl": "De buren"}},
                       {"id": "gebedshuis", "label": {"nl": "De kerk of moskee"}},
                       {"id": "vereniging", "label": {"nl": "Een vereniging"}}]}
CONTACT = {"id": "eerste-contact", "type": "single_choice", "category": "situation",
           "label": {"nl": "Waar meldde de klant zich?"},
           "options": [{"id": "balie", "label": {"nl": "Aan de balie"}}, {"id": "app", "label": {"nl": "Via de app"}}]}
# Another municipality, the same local id, a different question.
CONTACT_ELSEWHERE = {"id": "eerste-contact", "type": "single_choice", "category": "situation",
                     "label": {"nl": "Was dit het eerste contact?"},
                     "options": [{"id": "ja", "label": {"nl": "Ja, de eerste keer"}},
                                 {"id": "nee", "label": {"nl": "Nee, al bekend"}}]}
CORE_ANSWERS = {"situatie": Answer(choices=("werk",)), "interventie": Answer(choices=("werkcoaching",)),
                "uitkomst-verandering": Answer(choices=("beter",)), "uitkomst-hielp": Answer(choices=("deels",)),
                "rol": Answer(choices=("staff",))}


def publish_extension(municipality: Municipality, *questions: dict[str, Any]) -> str:
    """What POST /api/v1/framework/extensions does (the endpoint is one call into this service)."""
    with Database(municipality.engine).unit_of_work() as session:
        framework = FrameworkService(session, municipality.code).publish_extension(
            tuple(Question.model_validate(q) for q in questions), municipality.intake.anonymiser)
    return framework.version


def tell(municipality: Municipality, text: str, **answers: Answer) -> None:
    with municipality.intake.database.unit_of_work() as session:
        service = municipality.intake.story_service(session)
        preview = service.tell(StoryCreate(title="Aanmelden", text=text, answers={**CORE_ANSWERS, **answers}), ADMIN)
        service.review(preview.id, StoryReview(consent_to_share=True), ADMIN)


def graphql(gateway: TestClient, token: str, query: str, **variables: Any) -> dict[str, Any]:
    response = gateway.post("/graphql", json={"query": query, "variables": variables},
                            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert not body.get("errors"), body
    return body["data"]  # type: ignore[no-any-return]


def framework_keys(kafka: KafkaConnection, code: str) -> list[bytes]:
    return [key for key, _, headers in sector_records(kafka, {code}) if headers["type"] == b"framework_published"]


FRAMEWORKS = """query Frameworks($municipality: String) {
  frameworks(municipality: $municipality) { municipality version coreVersion
    questions { id label type municipality options { id label } corners { id label } poles { id label } } } }"""
QUESTIONS = """query Questions($ids: [String!]) {
  questions(ids: $ids) { id label type municipality options { id label } definedIn { municipality version } } }"""
ANALYSES = """query Analyses($triad: String!, $slider: String!, $choice: String!) {
  triadPattern(question: $triad) { questionLabel corners { id label } }
  sliderHistogram(question: $slider) { questionLabel poles { id label } }
  crossTab(questions: [$choice, "municipality"]) { fieldLabels cells { keys labels } }
  compareGroups(question: $choice, a: {roles: ["staff"]}, b: {roles: ["client"]}) { questionLabel
    categories { option optionLabel } } }"""


def test_an_extension_travels_from_the_intake_to_labels_in_the_gateway(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService, indexer: Indexer, gateway: TestClient,
        keycloak_url: str) -> None:
    first, second = (onboard(code) for code in random_codes(2))
    for municipality in (first, second):
        assert announce_frameworks(municipality.database_url, municipality.code) == 1  # onboarding: the core
    version = publish_extension(first, QUEUE, SOURCES, CONTACT)
    publish_extension(second, CONTACT_ELSEWHERE)
    tell(first, "De klant meldde zich via de app en kreeg snel een werkcoach.",
         **{"wachtrij": Answer(dyad=0.2), "hulpbron": Answer(triad=(0.6, 0.3, 0.1)),
            "eerste-contact": Answer(choices=("app",))})
    assert first.relay().publish_batch() == 3 and second.relay().publish_batch() == 2

    drain(federation, lambda: len(sector_records(kafka, {first.code, second.code})) >= 5)
    own = f"{first.code.lower()}."
    index_until(indexer, lambda: len(registry_entries(indexer, first.code)) == 2
                and len(registry_entries(indexer, second.code)) == 2)
    [shared] = [decode(v) for _, v, h in sector_records(kafka, {first.code}) if h["type"] == b"story_shared"]
    assert {a.question_id for a in shared.story_shared.answers} >= {own + "wachtrij", own + "hulpbron",
                                                                     own + "eerste-contact", "situatie"}

    reader = password_token(keycloak_url, "verteller.zwolle")
    frameworks = graphql(gateway, reader, FRAMEWORKS, municipality=first.code)["frameworks"]
    assert [f["version"] for f in frameworks] == ["1.0.0", version]
    extension = {q["id"]: q for q in frameworks[1]["questions"]}
    assert extension[own + "wachtrij"]["poles"] == [{"id": "direct", "label": "Meteen geholpen"},
                                                     {"id": "lang", "label": "Lang gewacht"}]
    assert [c["label"] for c in extension[own + "hulpbron"]["corners"]] == ["De buren", "De kerk of moskee",
                                                                           "Een vereniging"]
    assert extension[own + "eerste-contact"]["municipality"] == first.code
    assert extension["verschil"]["type"] == "triad" and extension["verschil"]["municipality"] is None

    ids = [own + "eerste-contact", f"{second.code.lower()}.eerste-contact", "interventie", "gm0001.nooit-gezien"]
    questions = graphql(gateway, reader, QUESTIONS, ids=ids)["questions"]
    assert [q["label"] for q in questions] == ["Waar meldde de klant zich?", "Was dit het eerste contact?",
                                              "Wat is er gedaan?", "gm0001.nooit-gezien"]
    assert [o["label"] for o in questions[1]["options"]] == ["Ja, de eerste keer", "Nee, al bekend"]
    assert questions[0]["definedIn"] == [{"municipality": first.code, "version": version}]
    assert questions[3]["type"] is None

    index_until(indexer, lambda: graphql(gateway, reader, ANALYSES, triad=own + "hulpbron", slider=own + "wachtrij",
                                         choice=own + "eerste-contact")["crossTab"]["cells"] != [])
    analyst = password_token(keycloak_url, "analist.sector")
    analyses = graphql(gateway, analyst, ANALYSES, triad=own + "hulpbron", slider=own + "wachtrij",
                       choice=own + "eerste-contact")
    assert analyses["triadPattern"]["questionLabel"] == "Wie hielp er nog mee?"
    assert [c["id"] for c in analyses["triadPattern"]["corners"]] == ["buren", "gebedshuis", "vereniging"]
    assert analyses["sliderHistogram"]["poles"][1] == {"id": "lang", "label": "Lang gewacht"}
    assert analyses["crossTab"]["fieldLabels"] == ["Waar meldde de klant zich?", "municipality"]
    assert analyses["crossTab"]["cells"][0]["keys"] == ["app", first.code]
    assert analyses["crossTab"]["cells"][0]["labels"] == ["Via de app", first.code]
    assert analyses["compareGroups"]["questionLabel"] == "Waar meldde de klant zich?"
    assert analyses["compareGroups"]["categories"] == [{"option": "app", "optionLabel": "Via de app"}]


def test_a_name_in_a_label_is_quarantined_and_a_malformed_definition_too_while_the_rest_flows(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService, indexer: Indexer) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    started = datetime.now(UTC).isoformat()  # a code may have been used by an earlier run: only this run counts
    announce_frameworks(municipality.database_url, municipality.code)
    # The intake refuses such a label itself; the sector's second check must hold on its own, so this definition
    # is sent past the intake's check, like the broken one below.
    named = {**QUEUE, "label": {"nl": "Hoe snel hielp Tjitske Oosterhuis je verder?"}}
    named_event = framework_published(municipality.code, extend(core_framework(), municipality.code, 1,
                                                                 (Question.model_validate(named),)))
    broken = framework_published(municipality.code, extend(core_framework(), municipality.code, 7,
                                                           (Question.model_validate(SOURCES),)))
    del broken.framework_published.questions[-1].corners[2]  # a triad with two corners: not a triad
    municipality.relay().publish_batch()
    producer = KafkaProducer(**municipality.kafka.client_config(), acks="all")  # its own relay sends it
    producer.send(tenant_topic(municipality.code), key=b"named", value=encode(named_event)).get(30)
    producer.send(tenant_topic(municipality.code), key=b"broken", value=encode(broken)).get(30)
    producer.send(tenant_topic(municipality.code), key=b"garbage", value=b"\x22\x03not a framework").get(30)
    producer.close()
    tell(municipality, "Na het gesprek aan de balie kwam er een werkcoach.")
    municipality.relay().publish_batch()

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) >= 2)
    quarantined = {q["event_id"]: q["reason"] for q in federation_quarantine(kafka)
                   if q["tenant"] == municipality.code and str(q["quarantined_at"]) >= started}
    index_until(indexer, lambda: len(registry_entries(indexer, municipality.code)) == 1)

    kinds = [decode(v).WhichOneof("payload") for _, v, _ in sector_records(kafka, {municipality.code})]
    assert sorted(kinds) == ["framework_published", "story_shared"]  # the core and the story, nothing else
    assert [e["version"] for e in registry_entries(indexer, municipality.code)] == ["1.0.0"]
    reasons = sorted(quarantined.values())
    assert len(reasons) == 3
    own = f"{municipality.code.lower()}."
    assert quarantined[named_event.event_id] == (
        f"pii: person in questions[{own}wachtrij].label[nl] in the framework definition")
    assert quarantined[broken.event_id] == f"schema: question {own}hulpbron needs 3-3 corners and nothing else"
    assert any(r.startswith("schema: ") for r in reasons if r not in quarantined[broken.event_id])
    assert not any("Oosterhuis" in r or "Tjitske" in r for r in reasons)


def test_the_same_definition_twice_is_one_registry_entry(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService, indexer: Indexer) -> None:
    [municipality] = [onboard(code) for code in random_codes(1)]
    announce_frameworks(municipality.database_url, municipality.code)
    publish_extension(municipality, CONTACT)
    assert announce_frameworks(municipality.database_url, municipality.code) == 0  # a restart: nothing new
    relay = municipality.relay()
    assert relay.publish_batch() == 2
    with municipality.engine.begin() as connection:  # a relay that crashed before marking its rows sends again
        connection.exec_driver_sql("UPDATE outbox SET sent_at = NULL")
    assert relay.publish_batch() == 2

    drain(federation, lambda: len(framework_keys(kafka, municipality.code)) >= 2)
    for _ in range(3):
        federation.run_once()
    keys = framework_keys(kafka, municipality.code)
    assert len(keys) == 2  # the federation dropped the relay's duplicates by event id
    # Past the federation (a replay of the compacted sector topic): the indexer upserts by registry id.
    [(key, value, _)] = [r for r in sector_records(kafka, {municipality.code}) if r[0] == keys[1]]
    producer = KafkaProducer(**kafka.client_config(), acks="all")
    producer.send(SECTOR_TOPIC, key=key, value=value, headers=[("tenant", municipality.code.encode()),
                                                               ("type", b"framework_published")]).get(30)
    producer.close()

    index_until(indexer, lambda: len(framework_keys(kafka, municipality.code)) == 3
                and len(registry_entries(indexer, municipality.code)) == 2)
    for _ in range(3):
        indexer.run_once()
    entries = registry_entries(indexer, municipality.code)
    assert [e["version"] for e in entries] == ["1.0.0", "1.0.0+" + municipality.code + ".1"]
    assert len({e["event_id"] for e in entries}) == 2
