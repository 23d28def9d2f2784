"""Follow-up stories through real Kafka: the sector sees one pseudonymous thread id per thread and the story's
number, never the key or the municipality's thread id; the same key (and even the same local thread id) in
another municipality gives an unrelated pseudonym."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from tests.integration.federation.conftest import ANSWERS, Municipality, drain, random_codes, sector_records
from vertelpunt.contracts.envelopes import decode
from vertelpunt.federation.service import FederationService
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.database import Database
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.stories.schemas import StoryCreate, StoryReview
from vertelpunt.kit.kafka import KafkaConnection

pytestmark = pytest.mark.integration

CONSULENT = Actor(subject="consulent-8", name="ilse", roles=frozenset({"storyteller"}))
CLIENT_ANSWERS = {**ANSWERS, "rol": Answer(choices=("client",))}


def _tell(municipality: Municipality, title: str, key: str | None = None, share: bool = True) -> tuple[str, str]:
    """An assisted (client) story, as a follow-up when a key is given: (local id, story key)."""
    with municipality.intake.database.unit_of_work() as session:
        service = municipality.intake.story_service(session)
        preview = service.tell(StoryCreate(title=title, text=f"{title}: de regeling hielp wel een beetje.",
                                           answers=CLIENT_ANSWERS, assisted=True, story_key=key), CONSULENT)
        service.review(preview.id, StoryReview(consent_to_share=share), CONSULENT)
    assert preview.story_key is not None
    return preview.id, preview.story_key


def _local_thread(municipality: Municipality, story_id: str) -> str:
    with Database(municipality.engine).unit_of_work() as session:
        story = session.get(Story, story_id)
        assert story is not None and story.thread_id is not None
        return str(story.thread_id)


def test_a_follow_up_arrives_with_the_same_pseudonym_and_number_two(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService) -> None:
    here, there = (onboard(code) for code in random_codes(2))
    first, key = _tell(here, "Eerste keer bij het loket")
    _tell(here, "Zes weken later", key)
    alone, _ = _tell(here, "Een ander gesprek")
    # The worst case for linkability: the other municipality holds the same key AND the same local thread id
    # (a first story kept local, then two shared follow-ups told with that key).
    kept, other_key = _tell(there, "Niet gedeeld", share=False)
    _force_same_thread(there, kept, here, first)
    _tell(there, "Eerste keer elders", key)
    _tell(there, "Later elders", key)
    for municipality in (here, there):
        municipality.relay().publish_batch()
    codes = {here.code, there.code}

    drain(federation, lambda: len(sector_records(kafka, codes)) >= 5)
    federation.run_once()
    stories = {s.title: s for s in (decode(v).story_shared for _, v, _ in sector_records(kafka, codes))}

    assert stories["Zes weken later"].thread_number == 2 and stories["Eerste keer bij het loket"].thread_number == 1
    ours = stories["Eerste keer bij het loket"].thread_id
    assert ours and stories["Zes weken later"].thread_id == ours
    assert stories["Een ander gesprek"].thread_id not in ("", ours)
    theirs = stories["Eerste keer elders"].thread_id
    assert len(stories) == 5 and "Niet gedeeld" not in stories
    assert [stories[t].thread_number for t in ("Eerste keer elders", "Later elders")] == [2, 3]
    assert stories["Later elders"].thread_id == theirs and theirs != ours
    local = _local_thread(here, first)
    for story in stories.values():
        assert key not in story.thread_id and local not in story.thread_id and other_key not in story.thread_id
    assert alone


def _force_same_thread(there: Municipality, story_id: str, here: Municipality, here_story: str) -> None:
    with Database(here.engine).unit_of_work() as session:
        source = session.get(Story, here_story)
        assert source is not None
        key_hash, thread_id = source.thread_key_hash, source.thread_id
    with Database(there.engine).unit_of_work() as session:
        session.execute(update(Story).where(Story.id == story_id).values(thread_key_hash=key_hash,
                                                                         thread_id=thread_id))
