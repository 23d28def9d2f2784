"""Mapping a document's answers onto this municipality's framework, and triad normalisation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vertelpunt.intake.exchange.document import Document, DocumentAnswer, SourceFramework
from vertelpunt.intake.exchange.mapping import Rejection, map_answer, map_answers, triad_weights
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import core_framework, extend

# A source tool's definitions: the same ids as the core, but its own corner and pole order and an extra question.
SOURCE = SourceFramework.model_validate({"id": "elders", "version": "7", "questions": [
    {"id": "situatie", "type": "single_choice", "options": [{"id": "wonen"}, {"id": "werk"}, {"id": "kinderopvang"}]},
    {"id": "interventie", "type": "multiple_choice", "options": [{"id": "maatwerk"}, {"id": "uitleg"}]},
    {"id": "uitkomst-verandering", "type": "single_choice", "options": [{"id": "beter"}, {"id": "slechter"}]},
    {"id": "uitkomst-hielp", "type": "single_choice", "options": [{"id": "nee"}, {"id": "ja"}]},
    {"id": "rol", "type": "single_choice", "options": [{"id": "staff"}, {"id": "client"}]},
    {"id": "verschil", "type": "triad", "corners": [{"id": "regels"}, {"id": "eigen-kracht"}, {"id": "aanpak"}]},
    {"id": "houvast", "type": "triad", "corners": [{"id": "geld"}, {"id": "tijd"}, {"id": "mensen"}]},
    {"id": "tempo", "type": "dyad", "poles": [{"id": "lange-adem"}, {"id": "snel"}]},
    {"id": "regie", "type": "triad", "corners": [{"id": "a"}, {"id": "b"}, {"id": "c"}]},
    {"id": "buurt", "type": "single_choice", "options": [{"id": "noord"}, {"id": "zuid"}]},
]})
REQUIRED = {"situatie": DocumentAnswer(choices=("wonen",)), "interventie": DocumentAnswer(choices=("maatwerk",)),
            "uitkomst-verandering": DocumentAnswer(choices=("slechter",)),
            "uitkomst-hielp": DocumentAnswer(choices=("nee",)), "rol": DocumentAnswer(choices=("client",))}


def test_triad_weights_are_put_in_this_frameworks_corner_order() -> None:
    # source order regels, eigen-kracht, aanpak; the core's is eigen-kracht, aanpak, regels
    mapped = map_answers({**REQUIRED, "verschil": DocumentAnswer(triad=(0.6, 0.3, 0.1))}, SOURCE, core_framework())

    assert mapped.errors == [] and mapped.rejected == []
    assert mapped.answers["verschil"].triad == (0.3, 0.1, 0.6)


def test_a_reversed_slider_is_mirrored() -> None:
    mapped = map_answers({**REQUIRED, "tempo": DocumentAnswer(dyad=0.2)}, SOURCE, core_framework())

    assert mapped.answers["tempo"].dyad == pytest.approx(0.8)


@pytest.mark.parametrize(("question_id", "answer", "code"), [
    ("buurt", DocumentAnswer(choices=("noord",)), "unknown_question"),
    ("houvast", DocumentAnswer(triad=(0.2, 0.2, 0.6)), "other_corners"),
    ("regie", DocumentAnswer(triad=(0.2, 0.2, 0.6)), "other_type"),
    ("regie", DocumentAnswer(not_applicable=True), "other_type"),
])
def test_an_answer_that_does_not_match_is_rejected_with_its_reason(question_id: str, answer: DocumentAnswer,
                                                                    code: str) -> None:
    mapped = map_answers({**REQUIRED, question_id: answer}, SOURCE, core_framework())

    assert mapped.errors == []
    assert question_id not in mapped.answers
    [rejection] = mapped.rejected
    assert (rejection.question_id, rejection.code) == (question_id, code)
    assert rejection.reason and rejection.reason != f"answer.{code}"


def test_an_option_this_municipality_does_not_know_cannot_carry_a_required_question() -> None:
    answers = {**REQUIRED, "situatie": DocumentAnswer(choices=("kinderopvang",))}

    mapped = map_answers(answers, SOURCE, core_framework(), base="/stories/4")

    [error] = mapped.errors
    assert error.pointer == "/stories/4/answers/situatie"
    assert "kinderopvang" in error.reason  # the reason of the rejection, not a bare "verplicht"


def test_an_optional_answer_that_breaks_the_rules_is_dropped_and_reported() -> None:
    answers = {**REQUIRED, "verschil": DocumentAnswer(triad=(0.5, 0.5, 0.5)),
               "uitkomst-hielp": DocumentAnswer(choices=("ja",))}

    mapped = map_answers(answers, SOURCE, core_framework())

    assert mapped.errors == []
    assert "verschil" not in mapped.answers
    assert [(r.question_id, r.code) for r in mapped.rejected] == [("verschil", "not_valid")]
    assert "100" in mapped.rejected[0].reason  # the framework's own message: the three must make 100


def test_a_missing_required_answer_fails_the_story() -> None:
    answers = {k: v for k, v in REQUIRED.items() if k != "interventie"}

    mapped = map_answers(answers, SOURCE, core_framework(), base="/stories/0")

    assert [(e.pointer, e.code) for e in mapped.errors] == [("/stories/0/answers/interventie", "required")]


def test_an_answer_to_a_question_the_documents_framework_lacks_is_an_error() -> None:
    mapped = map_answers({**REQUIRED, "ervaring": DocumentAnswer(choices=("0-2",))}, SOURCE, core_framework(),
                         base="/stories/1")

    assert [(e.pointer, e.code) for e in mapped.errors] == [("/stories/1/answers/ervaring", "not-in-source")]


def test_the_storyteller_role_stands_in_for_a_missing_role_answer() -> None:
    answers = {k: v for k, v in REQUIRED.items() if k != "rol"}

    filled = map_answers(answers, SOURCE, core_framework(), storyteller_role="client")
    unknown = map_answers(answers, SOURCE, core_framework(), base="/stories/2", storyteller_role="wethouder")
    kept = map_answers(REQUIRED, SOURCE, core_framework(), storyteller_role="staff")

    assert filled.errors == [] and filled.answers["rol"].choices == ("client",)
    assert "/stories/2/storytellerRole" in [e.pointer for e in unknown.errors]
    assert kept.answers["rol"].choices == ("client",)  # the answer wins over the loose field


def test_a_municipal_extension_question_matches_by_id() -> None:
    extra = Question.model_validate({"id": "wijk", "type": "single_choice", "category": "situation",
                                     "label": {"nl": "Wijk"}, "options": [{"id": "noord", "label": {"nl": "Noord"}},
                                                                          {"id": "zuid", "label": {"nl": "Zuid"}}]})
    target = extend(core_framework(), "GM0150", 1, (extra,))
    source = SOURCE.model_copy(update={"questions": (*SOURCE.questions, SOURCE.question("buurt").model_copy(
        update={"id": "wijk"}))})

    mapped = map_answers({**REQUIRED, "wijk": DocumentAnswer(choices=("zuid",))}, source, target)

    assert mapped.answers["wijk"] == Answer(choices=("zuid",))


def test_map_answer_refuses_an_unknown_question() -> None:
    result = map_answer("buurt", DocumentAnswer(choices=("noord",)), SOURCE.question("buurt"), None)  # type: ignore[arg-type]

    assert isinstance(result, Rejection) and result.code == "unknown_question"


@pytest.mark.parametrize(("values", "expected"), [
    ((20, 30, 50), (0.2, 0.3, 0.5)),          # percentages, as SenseMaker-like tools export them
    ((0.2, 0.3, 0.5), (0.2, 0.3, 0.5)),
    ((1, 1, 2), (0.25, 0.25, 0.5)),
    ((0, 0, 100), (0.0, 0.0, 1.0)),
])
def test_triad_weights_are_normalised_to_one(values: tuple[float, float, float],
                                             expected: tuple[float, float, float]) -> None:
    weights = triad_weights(values)

    assert weights == pytest.approx(expected)
    assert sum(weights or ()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("values", [(0, 0, 0), (-10, 60, 50), (float("nan"), 1, 1), (50, 50), (1, 1, 1, 1)])
def test_values_that_are_no_point_in_the_triangle_give_none(values: tuple[float, ...]) -> None:
    assert triad_weights(values) is None


def test_the_documented_example_maps_onto_the_core_framework_without_losses() -> None:
    root = Path(__file__).resolve().parents[4]
    document = Document.model_validate(json.loads((root / "docs/exchange/example.json").read_text("utf-8")))

    for index, story in enumerate(document.stories):
        source = document.framework(story.framework_version)
        assert source is not None
        mapped = map_answers(story.answers, source, core_framework(), f"/stories/{index}", story.storyteller_role)
        assert (mapped.errors, mapped.rejected) == ([], [])
        assert set(mapped.answers) == set(story.answers)
