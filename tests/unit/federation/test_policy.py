"""The sector policy as a pure function: every free-text field of a shared story is checked, and a finding
quarantines the event with the kinds and fields, never the content."""

from __future__ import annotations

import pytest

from vertelpunt.contracts.envelopes import encode, new_envelope
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.federation.policy import NOT_FREE_TEXT, Forward, Quarantine, apply_policy, free_texts

TENANT = "GM0363"
SECRET = b"unit-test-secret"
CLEAN = "Met budgetcoaching kwam er overzicht; het UWV en de Voedselbank werkten mee."


def _story(text: str = CLEAN, title: str = "Schulden en werk", campaign: str = "Najaar 2026",
           others: dict[str, str] | None = None) -> bytes:
    envelope = new_envelope(TENANT)
    story = pb.StoryShared(story_id="local-7", framework_id="sector-core", framework_version="1.0.0", title=title,
                           text=text, language="nl", channel=pb.CHANNEL_WEB, consent_to_share=True,
                           campaign_label=campaign, storyteller_role="staff")
    story.answers.append(pb.Answer(question_id="situatie", choice=pb.ChoiceAnswer(option_ids=["schulden"])))
    for question, other in (others or {}).items():
        story.answers.append(pb.Answer(question_id=question, choice=pb.ChoiceAnswer(option_ids=["anders"],
                                                                                    other_text=other)))
    story.told_at.GetCurrentTime()
    envelope.story_shared.CopyFrom(story)
    return encode(envelope)


def _reason(data: bytes) -> str:
    outcome = apply_policy(data, TENANT, SECRET, "Gelderland")
    assert isinstance(outcome, Quarantine), outcome
    return str(outcome.reason)


@pytest.mark.unit
def test_a_phone_number_in_the_campaign_label_quarantines_the_story() -> None:
    reason = _reason(_story(campaign="Nazorg dhr. [PERSOON-1], bel 06 2841 7730"))

    assert reason == "pii: phone in campaign_label after anonymisation"
    assert "2841" not in reason


@pytest.mark.unit
def test_a_name_in_an_other_answer_of_a_municipal_question_quarantines_the_story() -> None:
    reason = _reason(_story(others={"gm0363.hulp-van": "vooral van Tesfamariam en de buren"}))

    assert reason == "pii: person in answers[gm0363.hulp-van].choice.other_text after anonymisation"
    assert "Tesfamariam" not in reason


@pytest.mark.unit
@pytest.mark.parametrize(("story", "expected"), [
    (_story(title="Gesprek met Henrieke Dölle"), "person in title"),
    (_story(text=f"{CLEAN} Ze woont nu aan de Zwanenlaan 31."), "address in text"),
    (_story(text=f"{CLEAN} Mail: f.yesilyurt(at)gmail(dot)com"), "email in text"),
    (_story(text=f"{CLEAN} BSN 3076\u200b21418.", campaign="Wijk 5, bel 0570-648210"),
     "phone in campaign_label; bsn in text"),
])
def test_every_free_text_field_is_checked_and_named(story: bytes, expected: str) -> None:
    assert _reason(story) == f"pii: {expected} after anonymisation"


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Mevrouw [PERSOON-1] uit [PLAATS-1] belde op [DATUM-1] vanaf [TELEFOON-1] over [ADRES-1].",
    "In maart en april ging € 310 naar de Voedselbank; de budgetcoach en het UWV stemden af over de "
    "Participatiewet. Daarna kwam er rust.",
])
def test_placeholders_and_ordinary_text_are_forwarded(text: str) -> None:
    outcome = apply_policy(_story(text=text, others={"uitkomst-hielp": "een betalingsregeling bij de Kredietbank"}),
                           TENANT, SECRET, "Gelderland")

    assert isinstance(outcome, Forward)
    assert outcome.envelope.story_shared.text == text


@pytest.mark.unit
def test_every_string_field_of_a_shared_story_is_free_text_or_an_id() -> None:
    """A string field added to StoryShared later is checked as free text unless it is listed as an id."""
    story = pb.StoryShared()
    strings = {f.name for f in story.DESCRIPTOR.fields if f.type == f.TYPE_STRING}
    for field in strings:
        setattr(story, field, "x")
    story.answers.append(pb.Answer(question_id="q", choice=pb.ChoiceAnswer(option_ids=["o"], other_text="y")))

    gathered = {path for path, _ in free_texts(story)}

    assert gathered == {name for name in strings if name not in NOT_FREE_TEXT} | {"answers[q].choice.other_text"}
    assert {"title", "text", "campaign_label"} <= gathered
