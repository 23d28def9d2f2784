"""Seeded stories reach the sector by the real path: the intake's own functions make the event, the federation's
policy makes the sector story. No copy of either in the CLI."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from vertelpunt.cli.seed import (
    ACTIONS,
    INTERVENTIONS,
    RESULTS,
    SENTENCES,
    SeedStory,
    generate,
    generate_threads,
    intake_event,
    to_sector_envelope,
)
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.federation.pii import find_identifiers
from vertelpunt.search.documents import to_document

pytestmark = pytest.mark.unit

TENANTS = {"GM0118": ("Emmen", "Drenthe"), "GM0344": ("Utrecht", "Utrecht")}
ANSWERS = {"situatie": {"choices": ["werk"]}, "interventie": {"choices": ["werkcoaching"]},
           "uitkomst-verandering": {"choices": ["beter"]}, "uitkomst-hielp": {"choices": ["ja"]},
           "rol": {"choices": ["client"]}, "verschil": {"triad": [0.5, 0.3, 0.2000001]},
           "team": {"choices": ["jeugd"]}}
STORY = SeedStory("GM0118", date(2026, 9, 14), "Werk: werkcoaching", "Een werkcoach ging mee naar gesprekken.",
                  "tablet", "client", ANSWERS)
PER_STORY = {"story_id", "event_id", "indexed_at"}  # random per made story


def _document(story: SeedStory, **options: bool) -> dict[str, object]:
    document = to_document(to_sector_envelope(story, TENANTS[story.tenant][1], **options))
    return {k: v for k, v in document.items() if k not in PER_STORY}


def test_the_intake_makes_the_event_keeping_only_shared_questions_and_normalising_triads() -> None:
    shared = intake_event(STORY).story_shared
    answers = {a.question_id: a for a in shared.answers}

    assert "team" not in answers  # the intake's rule for questions about the storyteller
    assert sum((answers["verschil"].triad.a, answers["verschil"].triad.b, answers["verschil"].triad.c)) == \
        pytest.approx(1.0, abs=1e-12)
    assert (shared.channel, shared.storyteller_role, shared.consent_to_share) == (pb.CHANNEL_TABLET, "client", True)
    assert shared.told_at.ToDatetime().date() == STORY.week and not shared.region and not shared.told_week


def test_a_seeded_story_the_intake_would_refuse_is_refused() -> None:
    wrong = dataclasses.replace(STORY, answers={**ANSWERS, "interventie": {"choices": ["toverstaf"]}})

    with pytest.raises(ValueError, match="interventie"):
        intake_event(wrong)


def test_the_federation_coarsens_it_keyed_ids_week_and_region() -> None:
    envelope = to_sector_envelope(STORY, "Drenthe")
    shared = envelope.story_shared

    assert (shared.told_week, shared.region) == ("2026-W38", "Drenthe")
    assert not shared.HasField("told_at") and len(shared.story_id) == 32
    assert intake_event(STORY).story_shared.story_id != shared.story_id


def test_a_thread_keeps_one_pseudonym_per_municipality_and_its_numbers() -> None:
    [thread] = generate_threads(1, seed=5, tenants=TENANTS)
    elsewhere = [dataclasses.replace(s, tenant="GM0344") for s in thread]
    ids = {to_sector_envelope(s, "Drenthe").story_shared.thread_id for s in thread}
    other = {to_sector_envelope(s, "Utrecht").story_shared.thread_id for s in elsewhere}

    assert len(ids) == 1 and len(other) == 1 and ids != other and "" not in ids
    assert [to_sector_envelope(s, "Drenthe").story_shared.thread_number for s in thread] == \
        list(range(1, len(thread) + 1))


def test_every_sentence_and_title_the_corpus_is_made_of_passes_the_second_check() -> None:
    pieces = [*(s for sentences in SENTENCES.values() for s in sentences), *ACTIONS.values(), *RESULTS.values(),
              *(f"{situation.capitalize()}: {i}" for situation in SENTENCES for i in INTERVENTIONS),
              "Schulden: eerste gesprek", "Schulden: vervolg 3"]

    assert [(p, find_identifiers([("text", p)])) for p in pieces if find_identifiers([("text", p)])] == []


def test_benchmark_volumes_skip_only_the_checks_the_corpus_always_passes() -> None:
    stories = [*generate(150, seed=808, tenants=TENANTS), *(s for t in generate_threads(6, seed=9, tenants=TENANTS)
                                                          for s in t)]

    assert [_document(s) for s in stories] == [_document(s, second_check=False) for s in stories]
