"""The published schema of vertelpunt-export v1 and the JSON pointers of its errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from vertelpunt.intake.exchange.document import Document, pointer, schema, schema_errors

ROOT = Path(__file__).resolve().parents[4]
EXAMPLE = ROOT / "docs" / "exchange" / "example.json"


@pytest.fixture
def example() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return loaded


def pointers(document: Any) -> list[str]:
    return [e.pointer for e in schema_errors(document)]


def test_the_published_schema_is_the_one_the_intake_enforces() -> None:
    published = ROOT / "docs" / "exchange" / "vertelpunt-export-v1.schema.json"

    assert json.loads(published.read_text(encoding="utf-8")) == schema()
    jsonschema_rs.meta.validate(schema())  # a valid JSON Schema (draft 2020-12)


def test_the_documented_example_is_valid(example: dict[str, Any]) -> None:
    assert schema_errors(example) == []
    parsed = Document.model_validate(example)
    assert [s.thread.number if s.thread else None for s in parsed.stories] == [None, 2]
    assert parsed.stories[1].answers["verschil"].not_applicable


def test_another_format_or_version_is_named_once(example: dict[str, Any]) -> None:
    assert [(e.pointer, e.code) for e in schema_errors({**example, "format": "sensemaker"})] == [("/format", "format")]
    [error] = schema_errors({**example, "version": 2, "stories": "not even a list"})
    assert (error.pointer, error.code) == ("/version", "version")
    assert "Versie 2" in error.reason
    assert pointers([example]) == [""]


def test_every_error_points_at_its_place(example: dict[str, Any]) -> None:
    broken = copy.deepcopy(example)
    del broken["stories"][0]["text"]
    broken["stories"][0]["answers"]["verschil"] = {"triad": [0.5, 0.5, 0.5], "dyad": 0.2}
    broken["stories"][1]["answers"]["regie"] = {"dyad": 1.4}
    broken["stories"][1]["toldAt"] = "2026-04-02 14:05"
    broken["stories"][1]["mood"] = "blij"

    errors = {e.pointer: e for e in schema_errors(broken)}

    assert set(errors) == {"/stories/0/text", "/stories/0/answers/verschil", "/stories/1/answers/regie/dyad",
                           "/stories/1/toldAt", "/stories/1"}
    assert errors["/stories/0/text"].reason == "Het veld 'text' ontbreekt."
    assert errors["/stories/0/answers/verschil"].code == "oneOf"
    assert errors["/stories/1/answers/regie/dyad"].reason == "Dit getal is te groot (hoogstens 1)."
    assert "mood" in errors["/stories/1"].reason


def test_question_definitions_need_their_corners_poles_or_options(example: dict[str, Any]) -> None:
    questions = example["frameworks"][0]["questions"]
    triad = next(q for q in questions if q["type"] == "triad")
    triad["corners"] = triad["corners"][:2]

    assert pointers(example) == [f"/frameworks/0/questions/{questions.index(triad)}/corners"]


def test_pointers_escape_slash_and_tilde() -> None:
    assert pointer("stories", 3, "answers", "a/b~c") == "/stories/3/answers/a~1b~0c"
    assert pointer() == ""


def test_a_question_id_with_a_slash_is_pointed_at_exactly(example: dict[str, Any]) -> None:
    example["stories"][0]["answers"]["eigen/vraag"] = {"dyad": -0.1}

    assert pointers(example) == ["/stories/0/answers/eigen~1vraag/dyad"]
