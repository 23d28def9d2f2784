"""Turning the web form's fields into the same command the REST API takes, and validation errors back into
Dutch messages a person can act on (pure, no I/O).

Answers stay plain dicts here, so the command's own validation names the question of a bad answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from vertelpunt.intake.frameworks.answers import Answer, validate_answers
from vertelpunt.intake.frameworks.models import Framework, Option, Question
from vertelpunt.intake.text import catalogue, refused_character

# Validation errors of the story fields, as catalogue keys a person can read.
_ERROR_CODES = {"missing": "input.required", "string_too_short": "input.required",
                "string_too_long": "input.too_long", "too_long": "input.too_long"}
# The form's own fields (not questions): their html id and the catalogue key of their label.
_FIELDS = {"title": "form.story.title", "text": "form.story.text", "story_key": "field.story_key",
           "storyKey": "field.story_key", "consent_to_share": "form.consent.legend",
           "consentToShare": "form.consent.legend", "channel": "form.channel"}
_FIELD_IDS = {"storyKey": "story_key", "consentToShare": "consent-yes", "consent_to_share": "consent-yes"}
# The way back for a client: only a campaign link of this service, never a full address.
AGAIN_PATH = re.compile(r"^/vertel/[A-Za-z0-9_-]{8,64}$")
STEPS = 3  # tell, review, thanks


def questions_for(framework: Framework, client: bool, campaign_choice: Collection[str] | None = None) -> tuple[
        Question, ...]:
    """The questions one storyteller sees. Clients see the questions meant for them; a campaign may leave out
    optional ones (the questions every pattern needs stay)."""
    audience = "client" if client else "staff"
    return tuple(q for q in framework.questions if audience in q.audience
                 and (not client or campaign_choice is None or q.required or q.id in campaign_choice))


def label(item: Question | Option, locale: str, client: bool) -> str:
    """The wording for this storyteller: the plain client variant when there is one."""
    labels = item.client_label if client and item.client_label else item.label
    return str(labels.get(locale) or labels.get("nl") or next(iter(labels.values()), item.id))


def first_input_id(question: Question) -> str:
    """Where an error link lands: the first field of the question."""
    name = f"q.{question.id}"
    if question.type == "triad":
        return f"{name}.a"
    if question.type == "dyad":
        return f"{name}.num"
    return f"{name}-{question.options[0].id}"


@dataclass(frozen=True)
class FormError:
    key: str        # the question id or form field the error belongs to
    target: str     # the html id the error summary links to
    label: str      # the question's or field's label, as the storyteller sees it
    message: str    # what went wrong, in the storyteller's language

    @property
    def element_id(self) -> str:
        return f"fout-{self.key}"


def _error(key: str, message: str, questions: Sequence[Question], locale: str, client: bool) -> FormError | None:
    question = next((q for q in questions if q.id == key), None)
    if question is not None:
        return FormError(key, first_input_id(question), label(question, locale, client), message)
    if key in _FIELDS:
        name = _FIELD_IDS.get(key, key)
        return FormError(name, name, catalogue.text(_FIELDS[key], locale), message)
    return None


def merge_errors(errors: Iterable[FormError | None]) -> list[FormError]:
    """One error per field, first one wins; anything the form cannot place is still shown, without ids."""
    merged: dict[str, FormError] = {}
    for error in errors:
        if error is not None and error.key not in merged:
            merged[error.key] = error
    return list(merged.values())


def validation_errors(items: Iterable[Mapping[str, Any]], questions: Sequence[Question], locale: str,
                      client: bool) -> list[FormError]:
    """pydantic's errors of the story command as Dutch, labelled errors; never an internal id or English."""
    found: list[FormError | None] = []
    for item in items:
        parts = [str(p) for p in item.get("loc", ()) if str(p) not in {"body", "query", "path"}]
        if refused_character(item) is not None:
            message = catalogue.text("input.forbidden.web", locale)
        elif parts[:1] == ["answers"]:
            message = catalogue.text("answers.invalid", locale)
        else:
            message = catalogue.text(_ERROR_CODES.get(str(item.get("type")), "input.invalid"), locale)
        key = parts[1] if parts[:1] == ["answers"] and len(parts) > 1 else (parts[0] if parts else "")
        found.append(_error(key, message, questions, locale, client) or _unplaced(message, locale))
    return merge_errors(found)


def answer_errors(params: Iterable[Mapping[str, Any]], questions: Sequence[Question], locale: str,
                  client: bool) -> list[FormError]:
    """The framework's answer errors (problem+json invalidParams: answers.<id> and a catalogue code)."""
    found: list[FormError | None] = []
    for param in params:
        key = str(param.get("name", "")).removeprefix("answers.")
        code = str(param.get("code", ""))
        message = catalogue.text(code, locale) if code.startswith("answers.") else catalogue.text("input.invalid",
                                                                                                  locale)
        found.append(_error(key, message, questions, locale, client) or _unplaced(message, locale))
    return merge_errors(found)


def framework_problems(framework: Framework, answers: Mapping[str, Mapping[str, Any]]) -> list[dict[str, str]]:
    """The framework's verdict on the answers that are well formed, as invalidParams: so a storyteller hears about
    a missing required answer together with a missing title, not one error per attempt."""
    parsed = {}
    for question_id, raw in answers.items():
        try:
            parsed[question_id] = Answer.model_validate(raw)
        except ValidationError:
            continue  # already reported by the command's own validation
    return [{"name": f"answers.{e.question_id}", "code": e.code} for e in validate_answers(framework, parsed)]


def _unplaced(message: str, locale: str) -> FormError:
    return FormError("formulier", "inhoud", catalogue.text("field.unknown", locale), message)


def _number(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        return float("nan")  # reported by validation as out of range


def _answer(question: Question, form: Mapping[str, Any], many: Mapping[str, list[str]]) -> dict[str, Any] | None:
    prefix = f"q.{question.id}"
    if form.get(f"{prefix}.na"):
        return {"notApplicable": True}
    if question.type == "triad":
        weights = [_number(form.get(f"{prefix}.{corner}")) for corner in "abc"]
        if all(w is None for w in weights):
            return None
        return {"triad": tuple((w or 0.0) / 100 for w in weights)}
    if question.type == "dyad":
        typed = _number(form.get(f"{prefix}.num"))
        if typed is not None:
            return {"dyad": typed / 100}
        if form.get(f"{prefix}.set") == "1":
            return {"dyad": (_number(form.get(prefix)) or 0.0) / 100}
        return None
    choices = tuple(c for c in many.get(prefix, []) if c)
    other = (form.get(f"{prefix}.other") or "").strip() or None
    if not choices and not other:
        return None
    return {"choices": choices, "other": other}


def answers_from_form(questions: Framework | Sequence[Question], form: Mapping[str, Any],
                      many: Mapping[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Only the questions this storyteller was shown are read: a client cannot answer a staff question."""
    shown = questions.questions if isinstance(questions, Framework) else questions
    answers = {}
    for question in shown:
        answer = _answer(question, form, many)
        if answer is not None:
            answers[question.id] = answer
    return answers
