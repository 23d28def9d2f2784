"""The intake's events, built from a story: what leaves the municipality and what never does."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from vertelpunt.contracts.channels import CHANNEL_NAMES
from vertelpunt.contracts.envelopes import decode, encode
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.intake.channels import Channel
from vertelpunt.intake.frameworks.service import core_framework
from vertelpunt.intake.stories.events import story_shared, story_withdrawn
from vertelpunt.intake.stories.models import Story

pytestmark = pytest.mark.unit

RAW_TITLE = "Gesprek met Joost Verhoeven"
RAW_TEXT = "Joost Verhoeven (Kerkstraat 4, Kampen) kreeg hulp van consulent Ineke bij de aanmaningen."
RAW_OTHER = "Huisarts dokter Bakkenes"
TOLD = datetime(2026, 2, 17, 14, 30, tzinfo=UTC)


def _story(**fields: object) -> Story:
    answers = {
        "situatie": {"choices": ["schulden", "administratie"], "other": RAW_OTHER,
                     "anonymisedOther": "Huisarts dokter [NAAM-1]"},
        "uitkomst-hielp": {"choices": ["deels"]},
        "verschil": {"triad": [0.1, 0.6, 0.3]},
        "ruimte": {"dyad": 0.25},
        "houvast": {"notApplicable": True},
        "team": {"choices": ["wijkteam-noord"]},  # who the storyteller is: never shared
    }
    values: dict[str, object] = {
        "id": "a1b2c3d4-0000-4000-8000-000000000042", "tenant": "GM0150", "status": "submitted",
        "channel": "phone", "language": "nl", "storyteller_role": "staff", "title": RAW_TITLE, "text": RAW_TEXT,
        "anonymised_title": "Gesprek met [NAAM-1]",
        "anonymised_text": "[NAAM-1] ([ADRES-1], Kampen) kreeg hulp van consulent [NAAM-2] bij de aanmaningen.",
        "entities_json": json.dumps({"title": [{"type": "name", "start": 12, "end": 27}],
                                     "text": [{"type": "name", "start": 0, "end": 15},
                                              {"type": "address", "start": 17, "end": 29},
                                              {"type": "name", "start": 62, "end": 67}]}),
        "answers_json": json.dumps(answers), "framework_version": core_framework().version,
        "consent_to_share": True, "author_subject": "kc-subject-7781", "entered_by": "kc-subject-9920",
        "review_token_hash": "f" * 64, "thread_key_hash": "e" * 64, "thread_id": None, "thread_number": None,
        "submitted_at": TOLD, "told_at": None,
    }
    values.update(fields)
    return Story(**values)


def _shared(story: Story, label: str = "", wave: str = "") -> pb.StoryShared:
    # Through the wire, as the relay sends it.
    envelope = decode(encode(story_shared(story, core_framework(), label, wave)))
    assert envelope.tenant == story.tenant and envelope.WhichOneof("payload") == "story_shared"
    return envelope.story_shared


def test_the_event_carries_the_story_fields() -> None:
    shared = _shared(_story(), "Ronde [NAAM-1]", "najaarsronde-k7pq")

    assert (shared.story_id, shared.framework_id, shared.framework_version) == (
        "a1b2c3d4-0000-4000-8000-000000000042", core_framework().id, core_framework().version)
    assert (shared.language, shared.channel, shared.storyteller_role) == ("nl", pb.CHANNEL_PHONE, "staff")
    assert shared.consent_to_share and shared.campaign_label == "Ronde [NAAM-1]"
    assert shared.wave_id == "najaarsronde-k7pq" and _shared(_story()).wave_id == ""
    assert shared.redaction_count == 4
    assert shared.told_at.ToDatetime(tzinfo=UTC) == TOLD  # no told_at of its own: when it was submitted
    assert _shared(_story(told_at=datetime(2025, 11, 3, 9, tzinfo=UTC))).told_at.ToDatetime(tzinfo=UTC) == \
        datetime(2025, 11, 3, 9, tzinfo=UTC)


def test_only_anonymised_text_leaves_never_raw_text_or_the_people_behind_the_story() -> None:
    story = _story()
    wire = encode(story_shared(story, core_framework(), ""))
    shared = _shared(story)

    assert (shared.title, shared.text) == (story.anonymised_title, story.anonymised_text)
    [situation] = [a for a in shared.answers if a.question_id == "situatie"]
    assert situation.choice.other_text == "Huisarts dokter [NAAM-1]"
    for secret in ("Joost", "Verhoeven", "Kerkstraat", "Ineke", "Bakkenes", story.author_subject,
                   story.entered_by, story.review_token_hash, story.thread_key_hash):
        assert secret is not None and secret.encode() not in wire, secret


def test_answers_only_for_questions_meant_for_sharing_each_in_its_own_shape() -> None:
    answers = {a.question_id: a for a in _shared(_story()).answers}

    assert not core_framework().question("team").shared  # type: ignore[union-attr]
    assert sorted(answers) == ["houvast", "ruimte", "situatie", "uitkomst-hielp", "verschil"]
    assert list(answers["situatie"].choice.option_ids) == ["schulden", "administratie"]
    assert list(answers["uitkomst-hielp"].choice.option_ids) == ["deels"]
    assert answers["uitkomst-hielp"].choice.other_text == ""
    triad = answers["verschil"].triad
    assert (triad.a, triad.b, triad.c) == pytest.approx((0.1, 0.6, 0.3))
    assert answers["ruimte"].dyad.position == pytest.approx(0.25)
    assert answers["houvast"].not_applicable and answers["houvast"].WhichOneof("value") is None


def test_thread_fields_travel_as_the_municipalitys_thread_id_and_number() -> None:
    follow_up = _shared(_story(thread_id="5f0c7d2e-1111-4222-8333-444455556666", thread_number=3))
    alone = _shared(_story())

    assert (follow_up.thread_id, follow_up.thread_number) == ("5f0c7d2e-1111-4222-8333-444455556666", 3)
    assert (alone.thread_id, alone.thread_number) == ("", 0)


@pytest.mark.parametrize("channel", list(Channel))
def test_every_intake_channel_is_a_channel_on_the_wire(channel: Channel) -> None:
    assert CHANNEL_NAMES[_shared(_story(channel=channel.value)).channel] == channel.value


def test_a_story_without_consent_never_produces_an_event() -> None:
    with pytest.raises(ValueError, match="consent"):
        story_shared(_story(consent_to_share=False), core_framework(), "")


def test_a_withdrawal_names_the_story_and_the_reason_only() -> None:
    envelope = decode(encode(story_withdrawn(_story(), "erased")))

    assert envelope.tenant == "GM0150" and envelope.WhichOneof("payload") == "story_withdrawn"
    assert (envelope.story_withdrawn.story_id, envelope.story_withdrawn.reason) == (
        "a1b2c3d4-0000-4000-8000-000000000042", "erased")
