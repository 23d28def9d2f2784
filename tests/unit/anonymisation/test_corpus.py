from vertelpunt.anonymisation.corpus import evaluate, generate_corpus
from vertelpunt.anonymisation.entities import EntityType


def test_corpus_has_every_identifier_type_and_at_least_300_stories() -> None:
    corpus = generate_corpus()

    assert len(corpus) >= 300
    assert {p.type for s in corpus for p in s.planted} == set(EntityType) - {EntityType.OTHER}


def test_recall_and_words_kept_meet_the_targets() -> None:
    evaluation = evaluate(generate_corpus())

    assert evaluation.overall_recall >= 0.995, evaluation.missed_examples
    assert min(evaluation.recall.values()) >= 0.995, evaluation.recall
    assert evaluation.words_kept >= 0.98, evaluation.over_redacted_examples


def test_planted_spans_match_the_text() -> None:
    story = generate_corpus(5)[0]

    assert all(story.text[p.start:p.end].strip() == story.text[p.start:p.end] for p in story.planted)
