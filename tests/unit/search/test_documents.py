"""The pure core of the indexer: sector events to documents and bulk actions."""

from __future__ import annotations

from collections import namedtuple

import pytest

from vertelpunt.cli.seed import generate, to_sector_envelope
from vertelpunt.contracts import search_document as doc
from vertelpunt.contracts.envelopes import encode
from vertelpunt.search.documents import ilr, to_document, week_start
from vertelpunt.search.indexer import bulk_actions

pytestmark = pytest.mark.unit
Record = namedtuple("Record", "key value")


def test_a_document_carries_week_start_context_cell_and_answers() -> None:
    story = next(iter(generate(1, seed=11)))
    envelope = to_sector_envelope(story, "Overijssel")
    document = to_document(envelope)

    assert document[doc.WEEK_START] == week_start(story.iso_week()) == story.week.isoformat()
    assert document[doc.QI_CELL] == f"{story.tenant}|{story.week.isoformat()[:7]}|{story.role}"
    assert document[doc.CHOICE]["situatie"] == story.answers["situatie"]["choices"]
    assert set(document[doc.TRIAD]["verschil"]) == {"a", "b", "c", "ilr1", "ilr2", "ilr12"}


def test_log_ratio_coordinates_survive_zero_parts_and_are_zero_at_the_centre() -> None:
    assert ilr(1 / 3, 1 / 3, 1 / 3) == pytest.approx((0.0, 0.0), abs=1e-12)
    assert all(abs(x) < 10 for x in ilr(1.0, 0.0, 0.0))


def test_bulk_actions_keep_the_last_event_per_story_and_turn_tombstones_into_deletes() -> None:
    first, second = (to_sector_envelope(s, "Flevoland") for s in generate(2, seed=12))
    records = [Record(b"story-1", encode(first)), Record(b"story-2", encode(second)), Record(b"story-1", None),
               Record(b"story-3", b"not protobuf")]

    body = bulk_actions(records, "frameworks")  # type: ignore[arg-type]

    assert body[0] == {"index": {"_id": "story-2"}} and body[1][doc.STORY_ID] == second.story_shared.story_id
    assert body[2:] == [{"delete": {"_id": "story-1"}}]


def test_a_story_in_a_wave_carries_its_id_and_one_outside_none() -> None:
    envelope = to_sector_envelope(next(iter(generate(1, seed=12))), "Utrecht")
    outside = to_document(envelope)
    envelope.story_shared.wave_id = "lenteronde-2028-h4v9"

    assert outside[doc.WAVE] is None
    assert to_document(envelope)[doc.WAVE] == "lenteronde-2028-h4v9"
def test_a_framework_definition_becomes_one_registry_entry_per_version() -> None:
    from vertelpunt.contracts import framework_document as registry
    from vertelpunt.intake.frameworks.events import framework_published
    from vertelpunt.intake.frameworks.models import Question
    from vertelpunt.intake.frameworks.service import core_framework, extend

    own = Question.model_validate({
        "id": "voorkeur", "type": "dyad", "category": "signification", "label": {"nl": "Liever bellen of mailen?"},
        "poles": [{"id": "bellen", "label": {"nl": "Bellen"}}, {"id": "mailen", "label": {"nl": "Mailen"}}]})
    envelope = framework_published("GM0599", extend(core_framework(), "GM0599", 4, (own,)))
    key = registry.registry_id("GM0599", "sector-core", "1.0.0+GM0599.4")
    story = to_sector_envelope(next(iter(generate(1, seed=13))), "Zuid-Holland")
    records = [Record(key.encode(), encode(envelope)), Record(b"story-9", encode(story)),
               Record(key.encode(), encode(envelope))]  # the same event again: still one entry

    body = bulk_actions(records, "frameworks")  # type: ignore[arg-type]

    assert body[0] == {"index": {"_id": "story-9"}}
    assert body[2] == {"index": {"_index": "frameworks", "_id": key}} and len(body) == 4
    entry = body[3]
    assert set(entry) == set(registry.MAPPING["properties"])
    assert (entry[registry.TENANT], entry[registry.VERSION], entry[registry.EVENT_ID]) == (
        "GM0599", "1.0.0+GM0599.4", envelope.event_id)
    assert entry[registry.QUESTION_IDS][-1] == "gm0599.voorkeur"
    assert entry[registry.QUESTIONS][-1] == {
        "id": "gm0599.voorkeur", "type": "dyad", "category": "signification",
        "label": {"nl": "Liever bellen of mailen?"}, "client_label": {}, "options": [], "corners": [],
        "poles": [{"id": "bellen", "label": {"nl": "Bellen"}, "client_label": {}},
                  {"id": "mailen", "label": {"nl": "Mailen"}, "client_label": {}}],
        "allow_other": False, "allow_na": True}
