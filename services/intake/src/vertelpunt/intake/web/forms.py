"""Turning the web form's fields into the same command the REST API takes (pure, no I/O).

Answers stay plain dicts here, so the command's own validation names the question of a bad answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vertelpunt.intake.frameworks.models import Framework, Question


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


def answers_from_form(framework: Framework, form: Mapping[str, Any], many: Mapping[str, list[str]]) -> dict[
        str, dict[str, Any]]:
    answers = {}
    for question in framework.questions:
        answer = _answer(question, form, many)
        if answer is not None:
            answers[question.id] = answer
    return answers

