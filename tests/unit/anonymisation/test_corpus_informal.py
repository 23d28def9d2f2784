import re

import pytest

from vertelpunt.anonymisation.corpus import evaluate
from vertelpunt.anonymisation.corpus_informal import NAMES_BY_ORIGIN, generate_informal_corpus
from vertelpunt.anonymisation.entities import EntityType
from vertelpunt.anonymisation.gazetteers import load_gazetteers
from vertelpunt.anonymisation.tokens import fold, tokenise


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return generate_informal_corpus()


def test_names_share_no_word_with_the_anonymisers_lists() -> None:
    g = load_gazetteers()
    particles = {"el", "ter", "van", "de", "al"}
    for origin, (firsts, lasts) in NAMES_BY_ORIGIN.items():
        for name in (*firsts, *lasts):
            for token in tokenise(name):
                for part in {token.key, *token.key.split("-")} - particles:
                    assert part not in g.first_names and part not in g.surnames, (origin, name, part)


def test_every_type_every_origin_and_three_kinds_of_text(corpus) -> None:  # type: ignore[no-untyped-def]
    planted = [p for s in corpus for p in s.planted]
    assert {p.type for p in planted} == set(EntityType) - {EntityType.OTHER}
    assert {p.origin for p in planted if p.type is EntityType.PERSON} == set(NAMES_BY_ORIGIN)
    long_stories = [s for s in corpus if len(s.text.split()) >= 750]
    chats = [s for s in corpus if s.text == s.text.lower() or ("\n" in s.text and not s.text.rstrip().endswith("."))]
    assert len(long_stories) >= 50 and len(chats) >= 100
    assert any(fold(s.text[p.start:p.end]) == s.text[p.start:p.end] for s in corpus for p in s.planted
               if p.type is EntityType.PERSON)  # lower-case names
    assert any("\u200b" in s.text for s in corpus)


def test_planted_spans_are_the_identifiers(corpus) -> None:  # type: ignore[no-untyped-def]
    for story in corpus[:40]:
        for p in story.planted:
            value = story.text[p.start:p.end]
            assert value == value.strip() and re.search(r"\w", value)


def test_recall_per_type_and_words_kept_meet_the_targets(corpus) -> None:  # type: ignore[no-untyped-def]
    evaluation = evaluate(corpus)

    assert min(evaluation.recall.values()) >= 0.995, (evaluation.recall, evaluation.missed_examples)
    assert min(evaluation.recall_by_origin.values()) >= 0.97, evaluation.recall_by_origin  # 37 to 106 names each
    assert evaluation.words_kept >= 0.98, evaluation.over_redacted_examples
