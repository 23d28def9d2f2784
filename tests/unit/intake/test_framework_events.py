"""FrameworkPublished as the intake builds it: definitions only, labels in every locale, the municipality's own
questions namespaced exactly as its stories' answers, and one event id per version."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.intake.frameworks.events import framework_published, sector_question_id
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import core_framework, extend
from vertelpunt.intake.stories.events import story_shared
from vertelpunt.intake.stories.models import Story

pytestmark = pytest.mark.unit

FIRST_CONTACT = Question.model_validate({
    "id": "eerste-contact", "type": "single_choice", "category": "situation",
    "label": {"nl": "Hoe kwam de klant bij ons binnen?", "en": "How did the client reach us?"},
    "options": [{"id": "loket", "label": {"nl": "Aan het loket"}},
                {"id": "huisbezoek", "label": {"nl": "Bij een huisbezoek"}, "clientLabel": {"nl": "Wij kwamen langs"}}],
})
DISTANCE = Question.model_validate({
    "id": "afstand", "type": "dyad", "category": "signification", "label": {"nl": "Hoe ver voelde de hulp?"},
    "poles": [{"id": "dichtbij", "label": {"nl": "Dichtbij"}}, {"id": "ver-weg", "label": {"nl": "Ver weg"}}],
})
BALANCE = Question.model_validate({
    "id": "balans", "type": "triad", "category": "signification", "label": {"nl": "Waar lag het zwaartepunt?"},
    "corners": [{"id": "geld", "label": {"nl": "Geld"}}, {"id": "zorg", "label": {"nl": "Zorg"}},
                {"id": "werk", "label": {"nl": "Werk"}}],
})
PRIVATE = Question.model_validate({
    "id": "locatie", "type": "single_choice", "category": "demographic", "label": {"nl": "Welke vestiging?"},
    "shared": False, "options": [{"id": "noord", "label": {"nl": "Noord"}}, {"id": "zuid", "label": {"nl": "Zuid"}}],
})


def _questions(envelope: pb.Envelope) -> dict[str, pb.FrameworkQuestion]:
    return {q.id: q for q in envelope.framework_published.questions}


def test_the_core_travels_with_types_dutch_labels_corners_poles_and_options_but_not_its_private_question() -> None:
    envelope = framework_published("GM0150", core_framework())
    published = envelope.framework_published
    questions = _questions(envelope)

    assert envelope.tenant == "GM0150" and published.version == published.core_version == "1.0.0"
    assert published.framework_id == "sector-core" and published.title["nl"] == "Vertelpunt sociaal domein"
    assert "team" not in questions  # shared=False: its answers never leave, nor does its definition
    assert questions["verschil"].type == pb.QUESTION_TYPE_TRIAD
    assert questions["verschil"].corners[0].label["nl"] == "De eigen kracht van de klant"
    assert dict(questions["verschil"].client_label) == {"nl": "Wat hielp het meest?"}  # Dutch only
    assert [p.id for p in questions["regie"].poles] == ["professional", "klant"]
    assert questions["interventie"].type == pb.QUESTION_TYPE_MULTIPLE_CHOICE
    assert dict(questions["interventie"].options[0].label)["nl"]
    assert not any(f.name in ("story_id", "answers") for f, _ in published.ListFields())


def test_an_extension_carries_its_questions_namespaced_after_the_core() -> None:
    framework = extend(core_framework(), "GM0150", 3, (FIRST_CONTACT, DISTANCE, BALANCE, PRIVATE))
    envelope = framework_published("GM0150", framework)
    questions = _questions(envelope)

    assert envelope.framework_published.version == "1.0.0+GM0150.3"
    assert list(questions)[-3:] == ["gm0150.eerste-contact", "gm0150.afstand", "gm0150.balans"]
    assert "gm0150.locatie" not in questions and "eerste-contact" not in questions
    contact = questions["gm0150.eerste-contact"]
    assert contact.type == pb.QUESTION_TYPE_SINGLE_CHOICE and dict(contact.label) == {"nl": FIRST_CONTACT.label["nl"]}
    assert [(o.id, o.label["nl"]) for o in contact.options] == [("loket", "Aan het loket"),
                                                              ("huisbezoek", "Bij een huisbezoek")]
    assert contact.options[1].client_label["nl"] == "Wij kwamen langs"
    assert [p.label["nl"] for p in questions["gm0150.afstand"].poles] == ["Dichtbij", "Ver weg"]
    assert [c.id for c in questions["gm0150.balans"].corners] == ["geld", "zorg", "werk"]


def test_the_same_version_gives_the_same_event_id_and_other_versions_or_municipalities_do_not() -> None:
    one = extend(core_framework(), "GM0150", 1, (FIRST_CONTACT,))
    two = extend(core_framework(), "GM0150", 2, (FIRST_CONTACT, DISTANCE))

    assert framework_published("GM0150", one).event_id == framework_published("GM0150", one).event_id
    ids = {framework_published(t, f).event_id for t, f in
           [("GM0150", one), ("GM0150", two), ("GM0150", core_framework()), ("GM0034", core_framework())]}
    assert len(ids) == 4


def test_two_municipalities_with_the_same_local_id_never_share_a_sector_id() -> None:
    assert sector_question_id("GM0150", "eerste-contact") != sector_question_id("GM0034", "eerste-contact")
    assert sector_question_id("GM0150", "situatie") == sector_question_id("GM0034", "situatie") == "situatie"


def test_a_story_answers_under_the_same_ids_as_the_definition() -> None:
    framework = extend(core_framework(), "GM0150", 1, (FIRST_CONTACT, PRIVATE))
    story = Story(id="s-1", tenant="GM0150", framework_version=framework.version, title="t", text="x",
                  anonymised_title="t", anonymised_text="Een verhaal.", language="nl", channel="web",
                  storyteller_role="staff", consent_to_share=True, submitted_at=datetime.now(UTC), entities_json="{}",
                  answers_json=json.dumps({"situatie": {"choices": ["werk"]},
                                           "eerste-contact": {"choices": ["huisbezoek"]},
                                           "locatie": {"choices": ["noord"]}}))

    answers = [a.question_id for a in story_shared(story, framework, "").story_shared.answers]
    defined = set(_questions(framework_published("GM0150", framework)))

    assert sorted(answers) == ["gm0150.eerste-contact", "situatie"]
    assert set(answers) <= defined
