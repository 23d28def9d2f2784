"""Validating a storyteller's answers against the framework (pure domain)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from vertelpunt.intake.frameworks.models import Framework, Question
from vertelpunt.intake.text import CleanStr

TRIAD_TOLERANCE = 0.01


class Answer(BaseModel):
    """One answer. Exactly one of triad/dyad/choices, or notApplicable."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    triad: tuple[float, float, float] | None = Field(None, description="Weights of the three corners, sum 1")
    dyad: float | None = Field(None, description="Position between the poles, 0..1")
    choices: tuple[str, ...] | None = Field(None, max_length=20, description="Option ids")
    other: CleanStr | None = Field(None, max_length=500, description="Text for 'anders, namelijk'")
    not_applicable: bool = Field(False, alias="notApplicable")


@dataclass(frozen=True)
class AnswerError:
    question_id: str
    code: str  # i18n key under answers.*


def _check(question: Question, answer: Answer) -> str | None:
    if answer.not_applicable:
        if not question.allow_na or question.required:
            return "answers.na_not_allowed"
        if answer.triad is not None or answer.dyad is not None or answer.choices:
            return "answers.na_with_value"
        return None
    if question.type == "triad":
        if answer.triad is None:
            return "answers.triad_missing"
        if any(not math.isfinite(w) or w < 0 or w > 1 for w in answer.triad):
            return "answers.triad_range"
        if abs(sum(answer.triad) - 1) > TRIAD_TOLERANCE:
            return "answers.triad_sum"
        return None
    if question.type == "dyad":
        if answer.dyad is None:
            return "answers.dyad_missing"
        return None if math.isfinite(answer.dyad) and 0 <= answer.dyad <= 1 else "answers.dyad_range"
    choices = answer.choices or ()
    if not choices and not answer.other:
        return "answers.choice_missing"
    if question.type == "single_choice" and len(choices) > 1:
        return "answers.single_choice_many"
    if len(set(choices)) != len(choices):
        return "answers.choice_duplicate"
    known = {o.id for o in question.options}
    if any(c not in known for c in choices):
        return "answers.choice_unknown"
    if answer.other and not question.allow_other:
        return "answers.other_not_allowed"
    return None


def validate_answers(framework: Framework, answers: dict[str, Answer]) -> list[AnswerError]:
    errors = [AnswerError(qid, "answers.unknown_question") for qid in answers if framework.question(qid) is None]
    for question in framework.questions:
        answer = answers.get(question.id)
        if answer is None:
            if question.required:
                errors.append(AnswerError(question.id, "answers.required"))
            continue
        code = _check(question, answer)
        if code:
            errors.append(AnswerError(question.id, code))
    return errors


def normalise(answer: Answer) -> Answer:
    """Triad weights are stored summing to exactly 1 (input may be off by rounding)."""
    if answer.triad is None or answer.not_applicable:
        return answer
    total = sum(answer.triad)
    a, b, c = (w / total for w in answer.triad)
    return answer.model_copy(update={"triad": (a, b, c)})
