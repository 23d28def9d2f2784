"""An adapter for other narrative tools: a CSV with one story a row, triads as three columns and sliders as one
column on a 0..100 scale (as SenseMaker-like tools export them), into a `vertelpunt-export` document whose
answers use the ids of the given framework. Which column holds what is described by a small mapping file
(docs/exchange.md, "From a CSV")."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from vertelpunt.intake.exchange.document import FORMAT, VERSION
from vertelpunt.intake.exchange.mapping import triad_weights

MAX_PROBLEMS = 50
TITLE_WORDS = 8


class _Config(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class DyadColumn(_Config):
    column: str
    # The column's 0 is this framework's second pole (the slider runs the other way).
    reversed: bool = False
    scale: float = Field(100.0, gt=0)


class ChoiceColumn(_Config):
    column: str
    separator: str | None = None
    # A value in the CSV -> an option id of the framework; without an entry the value itself must be an option id.
    values: dict[str, str] = Field(default_factory=dict)
    other: str | None = None


class CsvMapping(_Config):
    source: str = Field(min_length=1, max_length=200)
    id: str
    text: str
    told_at: str
    title: str | None = None
    date_format: str | None = None  # strptime format; ISO 8601 when left out
    time_zone: str = "Europe/Amsterdam"  # for dates without an offset
    consent: str | None = None  # without a consent column no story is shared with the sector
    consent_values: list[str] = Field(default_factory=lambda: ["ja", "yes", "y", "1", "true", "waar"])
    role: str | None = None
    role_values: dict[str, str] = Field(default_factory=dict)
    channel: str = "api"
    triads: dict[str, dict[str, str]] = Field(default_factory=dict)  # question id -> corner id -> column
    dyads: dict[str, DyadColumn] = Field(default_factory=dict)
    choices: dict[str, ChoiceColumn] = Field(default_factory=dict)


class RowProblem(Exception):
    pass


def _number(text: str) -> float:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise RowProblem(f"'{text}' is geen getal") from None


def _told_at(text: str, mapping: CsvMapping) -> str:
    try:
        moment = (datetime.strptime(text.strip(), mapping.date_format) if mapping.date_format
                  else datetime.fromisoformat(text.strip()))
    except ValueError:
        raise RowProblem(f"'{text}' is geen datum") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(mapping.time_zone))
    return moment.isoformat()


def _title(row: dict[str, str], mapping: CsvMapping, text: str) -> str:
    given = (row.get(mapping.title) or "").strip() if mapping.title else ""
    if given:
        return given[:200]
    words = text.split()
    return (" ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else ""))[:200]


def _answers(row: dict[str, str], mapping: CsvMapping, corners: dict[str, list[str]]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question_id, columns in mapping.triads.items():
        values = [(row.get(columns[corner]) or "").strip() for corner in corners[question_id]]
        if not any(values):
            answers[question_id] = {"notApplicable": True}
            continue
        if not all(values):
            raise RowProblem(f"driehoek {question_id}: niet alle drie de kolommen zijn ingevuld")
        weights = triad_weights(_number(v) for v in values)
        if weights is None:
            raise RowProblem(f"driehoek {question_id}: {values} is geen punt in de driehoek")
        answers[question_id] = {"triad": [round(w, 6) for w in weights]}
    for question_id, dyad in mapping.dyads.items():
        value = (row.get(dyad.column) or "").strip()
        if not value:
            answers[question_id] = {"notApplicable": True}
            continue
        position = _number(value) / dyad.scale
        if not 0 <= position <= 1:
            raise RowProblem(f"schuif {question_id}: {value} ligt niet tussen 0 en {dyad.scale:g}")
        answers[question_id] = {"dyad": round(1 - position if dyad.reversed else position, 6)}
    for question_id, choice in mapping.choices.items():
        value = (row.get(choice.column) or "").strip()
        parts = [p.strip() for p in value.split(choice.separator)] if choice.separator else [value]
        options = [choice.values.get(p, p) for p in parts if p]
        other = (row.get(choice.other) or "").strip() if choice.other else ""
        if options or other:
            answers[question_id] = {**({"choices": list(dict.fromkeys(options))} if options else {}),
                                    **({"other": other[:500]} if other else {})}
    return answers


def _corners(mapping: CsvMapping, framework: dict[str, Any]) -> tuple[dict[str, list[str]], list[str]]:
    """Each mapped triad's corners in the framework's order, and problems with the mapping itself."""
    questions = {q["id"]: q for q in framework.get("questions", [])}
    problems, corners = [], {}
    for question_id, columns in mapping.triads.items():
        known = [c["id"] for c in questions.get(question_id, {}).get("corners", [])]
        if sorted(known) != sorted(columns):
            problems.append(f"mapping: driehoek {question_id} heeft in het kader de hoeken {known}")
        corners[question_id] = known
    for question_id in [*mapping.dyads, *mapping.choices]:
        if question_id not in questions:
            problems.append(f"mapping: vraag {question_id} staat niet in het kader")
    return corners, problems


def csv_to_document(lines: Iterable[str], mapping: CsvMapping, framework: dict[str, Any]
                    ) -> tuple[dict[str, Any], list[str]]:
    """The document, and what is wrong per row ("rij 3: ..."); a caller writes nothing when there are problems."""
    corners, problems = _corners(mapping, framework)
    stories: list[dict[str, Any]] = []
    if problems:
        return {}, problems
    for number, row in enumerate(csv.DictReader(lines), start=2):  # row 1 is the header
        try:
            text = (row.get(mapping.text) or "").strip()
            story_id = (row.get(mapping.id) or "").strip()
            if not text or not story_id:
                raise RowProblem("id of tekst ontbreekt")
            story: dict[str, Any] = {
                "id": story_id, "frameworkVersion": framework["version"], "title": _title(row, mapping, text),
                "text": text, "textKind": "raw", "toldAt": _told_at(row.get(mapping.told_at) or "", mapping),
                "channel": mapping.channel, "consentToShare": bool(mapping.consent) and (
                    row.get(mapping.consent or "") or "").strip().lower() in mapping.consent_values,
                "answers": _answers(row, mapping, corners)}
            role = (row.get(mapping.role) or "").strip() if mapping.role else ""
            if role:
                story["storytellerRole"] = mapping.role_values.get(role, role)
            stories.append(story)
        except RowProblem as problem:
            problems.append(f"rij {number}: {problem}")
            if len(problems) >= MAX_PROBLEMS:
                break
    document = {"format": FORMAT, "version": VERSION, "source": {"id": mapping.source, "tool": "csv"},
                "textKind": "raw", "frameworks": [framework], "campaigns": [], "stories": stories}
    return document, problems
