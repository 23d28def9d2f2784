"""Messages stored at schema version 1 must keep decoding with today's contracts."""

from pathlib import Path

import pytest

from vertelpunt.contracts.envelopes import UndecodableEvent, decode

FIXTURES = Path(__file__).parent / "fixtures"


def test_story_shared_v1_still_decodes() -> None:
    envelope = decode((FIXTURES / "v1_story_shared.bin").read_bytes())
    story = envelope.story_shared

    assert envelope.tenant == "GM0193" and envelope.schema_version == 1
    assert story.consent_to_share and story.campaign_label == "Najaar 2026"
    assert [a.question_id for a in story.answers] == ["verschil", "ruimte", "situatie", "houvast"]
    assert story.answers[0].triad.b == 0.5 and story.answers[3].not_applicable


def test_other_v1_events_still_decode() -> None:
    withdrawn = decode((FIXTURES / "v1_story_withdrawn.bin").read_bytes())
    registered = decode((FIXTURES / "v1_tenant_registered.bin").read_bytes())

    assert withdrawn.story_withdrawn.reason == "erased"
    assert registered.tenant_registered.region == "Overijssel"


@pytest.mark.parametrize("data", [b"", b"\x00\x01garbage", b"\x0a\x03abc"])
def test_garbage_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(UndecodableEvent):
        decode(data)
