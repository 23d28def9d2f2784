"""A wave id crosses into the sector only as a sector slug: anything else is cleared and counted, and the story
itself still arrives (outside any wave)."""

from __future__ import annotations

import pytest

from vertelpunt.contracts.envelopes import encode, new_envelope
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.federation.policy import Forward, apply_policy

pytestmark = pytest.mark.unit


def _shared(wave_id: str) -> bytes:
    envelope = new_envelope("GM0855")
    story = pb.StoryShared(story_id="lokaal-12", framework_id="sector-core", framework_version="1.0.0",
                           title="Een brief die niemand begreep", text="Samen de brief gelezen; daarna ging het goed.",
                           language="nl", channel=pb.CHANNEL_WEB, consent_to_share=True, storyteller_role="staff",
                           campaign_label="Voorjaar 2028", wave_id=wave_id)
    story.told_at.GetCurrentTime()
    envelope.story_shared.CopyFrom(story)
    return encode(envelope)


def _forward(wave_id: str) -> Forward:
    outcome = apply_policy(_shared(wave_id), "GM0855", b"geheim-tilburg", "Noord-Brabant")
    assert isinstance(outcome, Forward), outcome
    return outcome


def test_a_sector_slug_travels_with_the_story() -> None:
    outcome = _forward("lenteronde-2028-h4v9")

    assert outcome.envelope.story_shared.wave_id == "lenteronde-2028-h4v9" and outcome.dropped == ()


@pytest.mark.parametrize("typed", ["Lente bij mevrouw De Wit", "LENTE-h4v9", "lente_2028", "x" * 60])
def test_anything_else_is_cleared_and_reported(typed: str) -> None:
    outcome = _forward(typed)

    assert outcome.envelope.story_shared.wave_id == "" and outcome.dropped == ("wave_id",)
    assert outcome.envelope.story_shared.text.startswith("Samen de brief")
