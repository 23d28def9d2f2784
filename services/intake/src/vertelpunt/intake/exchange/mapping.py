"""Mapping a document's answers onto this municipality's framework (pure, no I/O).

A question matches when this municipality's framework has the same id with the same kind of question: for a
triad the same three corner ids (weights are put in this framework's corner order), for a dyad the same two
poles (a reversed slider is mirrored), for a choice question every chosen option id. Any other answer is not
imported and is reported with its reason. An answer a required question cannot do without makes the story (and
so the document) invalid: a story is imported with all its required answers or not at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from vertelpunt.intake.exchange.document import DocumentAnswer, DocumentError, SourceFramework, SourceQuestion
from vertelpunt.intake.exchange.document import messages as exchange_messages
from vertelpunt.intake.exchange.document import pointer as json_pointer
from vertelpunt.intake.frameworks.answers import Answer, validate_answers
from vertelpunt.intake.frameworks.models import Framework, Question
from vertelpunt.intake.text import catalogue, code_point, first_forbidden

CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})
# The question whose answer is the storyteller's role (StoryService.tell reads the role from it too).
ROLE_QUESTION = "rol"


@dataclass(frozen=True)
class Rejection:
    """An answer that was not imported, and why (Dutch)."""

    question_id: str
    code: str
    reason: str


@dataclass
class MappedAnswers:
    answers: dict[str, Answer] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


def triad_weights(values: Iterable[float]) -> tuple[float, float, float] | None:
    """Three non-negative values on any scale (0..1, percentages 0..100, points) as weights summing to 1; None
    when they cannot be a point in the triangle (negative, not finite, all zero, not three)."""
    weights = tuple(float(v) for v in values)
    if len(weights) != 3 or any(not math.isfinite(w) or w < 0 for w in weights):
        return None
    total = sum(weights)
    if total <= 0:
        return None
    a, b, c = (w / total for w in weights)
    return a, b, c


def _family(question_type: str) -> str:
    return "choice" if question_type in CHOICE_TYPES else question_type


def _reject(question_id: str, code: str, **params: str) -> Rejection:
    return Rejection(question_id, code, exchange_messages.text(f"answer.{code}", **params))


def _triad(question_id: str, weights: tuple[float, float, float], source: SourceQuestion,
           target: Question) -> Answer | Rejection:
    by_corner = dict(zip((c.id for c in source.corners), weights, strict=True))
    if set(by_corner) != {c.id for c in target.corners}:
        return _reject(question_id, "other_corners")
    a, b, c = (by_corner[corner.id] for corner in target.corners)
    return Answer(triad=(a, b, c))


def _dyad(question_id: str, position: float, source: SourceQuestion, target: Question) -> Answer | Rejection:
    source_poles = tuple(p.id for p in source.poles)
    target_poles = tuple(p.id for p in target.poles)
    if source_poles == target_poles:
        return Answer(dyad=position)
    if source_poles == target_poles[::-1]:
        return Answer(dyad=1 - position)
    return _reject(question_id, "other_poles")


def map_answer(question_id: str, answer: DocumentAnswer, source: SourceQuestion,
               target: Question | None) -> Answer | Rejection:
    """One answer in this municipality's terms, or why it cannot be."""
    if target is None:
        return _reject(question_id, "unknown_question")
    if _family(source.type) != _family(target.type):
        return _reject(question_id, "other_type", source=source.type, target=target.type)
    if answer.not_applicable:
        return Answer(notApplicable=True)
    if answer.triad is not None and target.type == "triad":
        return _triad(question_id, answer.triad, source, target)
    if answer.dyad is not None and target.type == "dyad":
        return _dyad(question_id, answer.dyad, source, target)
    known = {o.id for o in target.options}
    unknown = [c for c in answer.choices or () if c not in known]
    if unknown:
        return _reject(question_id, "unknown_options", options=", ".join(unknown))
    # A triad or dyad value given to a choice question (or the reverse) is left to validate_answers to name.
    return Answer(triad=answer.triad, dyad=answer.dyad, choices=answer.choices, other=answer.other)


def _not_valid(question_id: str, code: str) -> Rejection:
    return _reject(question_id, "not_valid", reason=catalogue.text(code))


def map_answers(answers: Mapping[str, DocumentAnswer], source: SourceFramework, target: Framework,
                base: str = "", storyteller_role: str | None = None) -> MappedAnswers:
    """All answers of one story. `base` is the story's JSON pointer, so errors point into the document. A
    storyteller role given beside the answers stands in for a missing answer to the role question."""
    result = MappedAnswers()
    for question_id, answer in answers.items():
        where = f"{base}{json_pointer('answers', question_id)}"
        source_question = source.question(question_id)
        if source_question is None:
            result.errors.append(DocumentError(where, "not-in-source", exchange_messages.text(
                "answer.not_in_source", version=source.version)))
            continue
        if answer.other and (character := first_forbidden(answer.other)) is not None:
            result.errors.append(DocumentError(f"{where}/other", "forbidden", exchange_messages.text(
                "story.forbidden", character=code_point(character))))
            continue
        try:
            mapped = map_answer(question_id, answer, source_question, target.question(question_id))
        except ValidationError:  # e.g. a lone surrogate pydantic refuses in its own way
            result.errors.append(DocumentError(where, "invalid", catalogue.text("answers.invalid")))
            continue
        if isinstance(mapped, Rejection):
            result.rejected.append(mapped)
        else:
            result.answers[question_id] = mapped
    _fill_role(result, target, base, storyteller_role)
    _settle(result, target, base)
    return result


def _fill_role(result: MappedAnswers, target: Framework, base: str, role: str | None) -> None:
    question = target.question(ROLE_QUESTION)
    if role is None or question is None or ROLE_QUESTION in result.answers:
        return
    if role in {o.id for o in question.options}:
        result.answers[ROLE_QUESTION] = Answer(choices=(role,))
    else:
        result.errors.append(DocumentError(f"{base}/storytellerRole", "role-unknown",
                                           exchange_messages.text("story.role_unknown")))


def _settle(result: MappedAnswers, target: Framework, base: str) -> None:
    """Answers that break this framework's rules are dropped (and reported) when their question may stay empty;
    for a required question the story cannot be imported."""
    rejected = {r.question_id: r for r in result.rejected}
    for error in validate_answers(target, result.answers):
        question = target.question(error.question_id)
        where = f"{base}{json_pointer('answers', error.question_id)}"
        if question is not None and question.required:
            earlier = rejected.get(error.question_id)
            reason = earlier.reason if earlier and error.code == "answers.required" else catalogue.text(error.code)
            result.errors.append(DocumentError(where, error.code.removeprefix("answers."), reason))
        else:
            result.answers.pop(error.question_id, None)
            result.rejected.append(_not_valid(error.question_id, error.code))
