"""Hand-written hard cases (hard_cases.txt). Their recall is reported in docs/anonymisation.md; the test holds a
floor so that it cannot silently fall, and checks the file itself."""

from pathlib import Path

from vertelpunt.anonymisation.hard_cases import evaluate_hard_cases, parse_hard_cases

HARD_CASES = Path(__file__).parent / "hard_cases.txt"


def test_the_file_parses_into_stories_with_marked_identifiers() -> None:
    stories = parse_hard_cases(HARD_CASES.read_text(encoding="utf-8"))

    assert len(stories) >= 40
    assert all(s.planted for s in stories)
    assert all("{{" not in s.text and "}}" not in s.text for s in stories)


def test_recall_on_hard_cases_stays_above_its_floor() -> None:
    evaluation = evaluate_hard_cases(HARD_CASES)

    assert evaluation.overall_recall >= 0.97, evaluation.missed_examples
    assert evaluation.words_kept >= 0.97, evaluation.over_redacted_examples
