import pytest

from vertelpunt.intake.frameworks.answers import Answer, normalise, validate_answers
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import core_framework, extend
from vertelpunt.kit.problem import Problem

REQUIRED = {"situatie": Answer(choices=("schulden",)), "interventie": Answer(choices=("budgetcoaching",)),
            "uitkomst-verandering": Answer(choices=("beter",)), "uitkomst-hielp": Answer(choices=("ja",)),
            "rol": Answer(choices=("staff",))}


def test_core_framework_is_valid_and_complete() -> None:
    framework = core_framework()

    assert validate_answers(framework, REQUIRED) == []
    assert {q.id for q in framework.questions if not q.shared} == {"team"}


def test_triad_is_normalised_to_sum_exactly_one() -> None:
    answer = normalise(Answer(triad=(0.333, 0.333, 0.333)))

    assert answer.triad is not None and sum(answer.triad) == pytest.approx(1.0, abs=1e-12)


def test_other_text_only_where_allowed() -> None:
    answers = {**REQUIRED, "uitkomst-hielp": Answer(choices=("ja",), other="iets anders")}

    assert [e.code for e in validate_answers(core_framework(), answers)] == ["answers.other_not_allowed"]


def test_extension_cannot_reuse_a_core_id() -> None:
    clash = Question(id="verschil", type="dyad", category="signification", label={"nl": "x"},
                     poles=({"id": "a", "label": {"nl": "a"}}, {"id": "b", "label": {"nl": "b"}}))  # type: ignore[arg-type]

    with pytest.raises(Problem):
        extend(core_framework(), "GM0193", 1, (clash,))
