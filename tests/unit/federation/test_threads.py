"""The thread pseudonym: derived in the federation with the municipality's secret, stable within a
municipality, unlinkable across municipalities, never the local id or the client's key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vertelpunt.contracts.envelopes import decode, encode, new_envelope
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.federation.policy import Forward, apply_policy, sector_story_id, sector_thread_id

pytestmark = pytest.mark.unit

LOCAL_THREAD = "5d0c2f7e-8a41-4b7b-9a55-0c1e2f3a4b5c"


def _event(tenant: str, thread_id: str, number: int, story_id: str = "lokaal-41") -> bytes:
    envelope = new_envelope(tenant)
    story = pb.StoryShared(story_id=story_id, framework_id="sector-core", framework_version="1.0.0",
                           title="Weer bij de balie", text="Het ging beter met de regeling.", language="nl",
                           channel=pb.CHANNEL_ASSISTED, consent_to_share=True, storyteller_role="client",
                           thread_id=thread_id, thread_number=number)
    story.told_at.GetCurrentTime()
    envelope.story_shared.CopyFrom(story)
    return encode(envelope)


def _forwarded(data: bytes, tenant: str, secret: bytes) -> pb.StoryShared:
    outcome = apply_policy(data, tenant, secret, "Drenthe")
    assert isinstance(outcome, Forward), outcome
    return decode(encode(outcome.envelope)).story_shared


def test_the_same_thread_keeps_its_pseudonym_and_its_number() -> None:
    first = _forwarded(_event("GM0114", LOCAL_THREAD, 1, "a"), "GM0114", b"geheim-emmen")
    second = _forwarded(_event("GM0114", LOCAL_THREAD, 2, "b"), "GM0114", b"geheim-emmen")

    assert first.thread_id == second.thread_id == sector_thread_id(b"geheim-emmen", "GM0114", LOCAL_THREAD)
    assert (first.thread_number, second.thread_number) == (1, 2)
    assert LOCAL_THREAD not in first.thread_id and len(first.thread_id) == 32


@given(local=st.uuids().map(str), tenants=st.lists(st.from_regex(r"GM0[0-9]{3}", fullmatch=True), min_size=2,
                                                    max_size=2, unique=True))
def test_a_thread_id_is_unlinkable_across_municipalities(local: str, tenants: list[str]) -> None:
    a = tenants[0]
    # Each municipality has its own secret; even a shared local id (or key) gives unrelated pseudonyms.
    ids = {sector_thread_id(f"secret-{t}".encode(), t, local) for t in tenants}
    same_secret = {sector_thread_id(b"one-secret", t, local) for t in tenants}

    assert len(ids) == 2 and len(same_secret) == 2
    assert sector_thread_id(b"x", a, local) != sector_story_id(b"x", a, local)  # domain-separated from story ids


def test_a_story_outside_a_thread_forwards_no_thread_and_no_lone_number() -> None:
    forwarded = _forwarded(_event("GM0114", "", 3), "GM0114", b"geheim-emmen")

    assert (forwarded.thread_id, forwarded.thread_number) == ("", 0)
