"""The sector policy for framework definitions and question ids: a sound definition is forwarded under its
registry key, a label with an identifier is quarantined like story text, and no municipality can put a question
in another's namespace or outside the core."""

from __future__ import annotations

import pytest

from vertelpunt.contracts.envelopes import encode, new_envelope
from vertelpunt.contracts.framework_document import registry_id
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.federation.policy import NOT_FREE_TEXT, Forward, Quarantine, apply_policy, free_texts
from vertelpunt.intake.frameworks.events import framework_published
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import core_framework, extend

pytestmark = pytest.mark.unit
TENANT = "GM0034"
SECRET = b"unit-test-secret"
WAITING = {"id": "wachtkamer", "type": "single_choice", "category": "situation",
           "label": {"nl": "Hoe lang zat de klant in de wachtkamer?"},
           "options": [{"id": "kort", "label": {"nl": "Korter dan een kwartier"}},
                       {"id": "lang", "label": {"nl": "Langer dan een kwartier"}}]}


def _extension(**changes: object) -> pb.Envelope:
    question = Question.model_validate({**WAITING, **changes})
    return framework_published(TENANT, extend(core_framework(), TENANT, 2, (question,)))


def _outcome(envelope: pb.Envelope) -> Forward | Quarantine:
    outcome = apply_policy(encode(envelope), TENANT, SECRET, "Flevoland")
    assert isinstance(outcome, Forward | Quarantine)
    return outcome


def test_a_sound_extension_is_forwarded_under_its_registry_key() -> None:
    envelope = _extension()
    outcome = _outcome(envelope)

    assert isinstance(outcome, Forward), outcome
    assert outcome.key == registry_id(TENANT, "sector-core", "1.0.0+GM0034.2")
    assert outcome.envelope.framework_published == envelope.framework_published


def test_the_core_framework_passes_the_identifier_check() -> None:
    assert isinstance(_outcome(framework_published(TENANT, core_framework())), Forward)


@pytest.mark.parametrize(("changes", "field"), [
    ({"label": {"nl": "Hoe lang wachtte mevrouw Wiśniewska op Ruud?"}}, "questions[gm0034.wachtkamer].label[nl]"),
    ({"options": [{"id": "kort", "label": {"nl": "Kort, bel 06 4418 2093"}}, WAITING["options"][1]]},
     "questions[gm0034.wachtkamer].options[kort].label[nl]"),
    ({"clientLabel": {"nl": "Wachten, vraag naar Bram Oudendijk"}}, "questions[gm0034.wachtkamer].client_label[nl]"),
])
def test_an_identifier_in_any_label_quarantines_the_definition(changes: dict[str, object], field: str) -> None:
    outcome = _outcome(_extension(**changes))

    assert isinstance(outcome, Quarantine)
    assert outcome.reason.startswith("pii: ") and f" in {field}" in outcome.reason
    assert outcome.reason.endswith("in the framework definition")
    assert not any(word in outcome.reason for word in ("Wiśniewska", "4418", "Oudendijk"))


def _tampered(change: str) -> pb.Envelope:
    envelope = _extension()
    question = envelope.framework_published.questions[-1]
    if change == "other-namespace":
        question.id = "gm0150.wachtkamer"
    elif change == "not-namespaced":
        question.id = "wachtkamer"
    elif change == "two-options":
        del question.options[1]
    elif change == "no-dutch":
        del question.label["nl"]
    elif change == "no-type":
        question.type = pb.QUESTION_TYPE_UNSPECIFIED
    elif change == "corners-on-choice":
        question.corners.add(id="a", label={"nl": "A"})
    elif change == "duplicate":
        envelope.framework_published.questions.append(envelope.framework_published.questions[0])
    elif change == "english":
        question.label["en"] = "How long did the client wait?"
    elif change == "other-version":
        envelope.framework_published.version = "1.0.0+GM0150.2"
    return envelope


@pytest.mark.parametrize(("change", "reason"), [
    ("other-namespace", "namespace: question gm0150.wachtkamer belongs to another municipality"),
    ("not-namespaced", "namespace: question wachtkamer is no core question"),
    ("two-options", "schema: question gm0034.wachtkamer needs 2-100 options"),
    ("no-dutch", "schema: question gm0034.wachtkamer has no Dutch label"),
    ("no-type", "schema: question gm0034.wachtkamer has no known type"),
    ("corners-on-choice", "schema: question gm0034.wachtkamer needs 2-100 options and nothing else"),
    ("duplicate", "schema: framework with duplicate question ids"),
    ("english", "schema: question gm0034.wachtkamer has a label in another language than Dutch"),
    ("other-version", "schema: framework version of another municipality"),
])
def test_a_malformed_definition_is_quarantined_with_a_reason(change: str, reason: str) -> None:
    outcome = _outcome(_tampered(change))

    assert isinstance(outcome, Quarantine)
    assert outcome.reason.startswith(reason)


def test_garbage_on_the_topic_is_quarantined() -> None:
    outcome = apply_policy(b"\x22\x05\x0a\x03abc", TENANT, SECRET, "Flevoland")
    assert isinstance(outcome, Quarantine) and outcome.reason.startswith("schema:")


@pytest.mark.parametrize(("question", "forwarded"), [
    ("gm0034.wachtkamer", True), ("houvast", True), ("gm0150.wachtkamer", False), ("wachtkamer", False)])
def test_a_story_may_answer_core_questions_and_its_own_only(question: str, forwarded: bool) -> None:
    envelope = new_envelope(TENANT)
    story = envelope.story_shared
    story.story_id, story.text, story.consent_to_share = "local-1", "Een gewoon verhaal over werk.", True
    story.answers.append(pb.Answer(question_id=question, choice=pb.ChoiceAnswer(option_ids=["kort"])))

    outcome = apply_policy(encode(envelope), TENANT, SECRET, "Flevoland")

    assert isinstance(outcome, Forward) is forwarded
    if not forwarded:
        assert isinstance(outcome, Quarantine) and outcome.reason.startswith("namespace: ")


def test_every_string_of_a_definition_is_free_text_or_an_id() -> None:
    """A string field added to the framework messages later is checked as free text unless listed as an id."""
    published = _extension(clientLabel={"nl": "Wachten"}).framework_published
    published.questions[-1].options[0].client_label["nl"] = "Kort"
    gathered = dict(free_texts(published))
    messages = (pb.FrameworkPublished, pb.FrameworkQuestion, pb.FrameworkOption)
    plain = {f.name for m in messages for f in m.DESCRIPTOR.fields if f.type == f.TYPE_STRING}

    assert plain <= NOT_FREE_TEXT  # every plain string is an id, version or code; all wording is in label maps
    assert gathered["title[nl]"] == "Vertelpunt sociaal domein"
    assert gathered["questions[gm0034.wachtkamer].label[nl]"] == WAITING["label"]["nl"]  # type: ignore[index]
    assert gathered["questions[gm0034.wachtkamer].client_label[nl]"] == "Wachten"
    assert gathered["questions[gm0034.wachtkamer].options[kort].client_label[nl]"] == "Kort"
    assert gathered["questions[verschil].corners[aanpak].label[nl]"] == "De aanpak van de professional"
