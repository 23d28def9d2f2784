"""The exchange format `vertelpunt-export`, version 1 (pure, no I/O): its published JSON Schema, validation that
names every error by its JSON pointer, and the typed shape of a valid document.

The schema file next to this module is the contract (docs/exchange/ links to it): an import is validated against
exactly that file, so what is published is what is enforced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jsonschema_rs
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from vertelpunt.kit.i18n import Catalogue
from vertelpunt.kit.problem import json_pointer as pointer

FORMAT = "vertelpunt-export"
VERSION = 1
SCHEMA_FILE = "vertelpunt-export-v1.schema.json"
MAX_ERRORS = 50

messages = Catalogue(Path(__file__).parent / "messages")

TextKind = Literal["anonymised", "raw"]


@cache
def schema() -> dict[str, Any]:
    text = resources.files("vertelpunt.intake.exchange").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Any:
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


@dataclass(frozen=True)
class DocumentError:
    """One refused part of a document: where (RFC 6901 JSON pointer), a stable code, and why (Dutch)."""

    pointer: str
    code: str
    reason: str


def _joined(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _schema_error(error: Any) -> DocumentError:
    kind = error.kind.name
    params = error.kind.as_dict()
    path = [*error.instance_path]
    if kind == "required":
        path.append(params["property"])
    text: dict[str, str] = {}
    if kind == "additionalProperties":
        text["unexpected"] = _joined(params.get("unexpected", ()))
    elif kind == "type":
        text["types"] = _joined(params.get("types", ()))
    elif kind == "const":
        text["expected"] = json.dumps(params.get("expected_value"), ensure_ascii=False)
    elif kind == "enum":
        text["options"] = _joined(params.get("options", ()))
    elif kind == "format":
        text["format"] = str(params.get("format", ""))
    elif kind == "required":
        text["property"] = str(params["property"])
    elif "limit" in params:
        text["limit"] = str(params["limit"])
    key = f"schema.{kind}"
    reason = messages.text(key, **text)
    if reason == key:  # a kind without its own sentence
        reason = messages.text("schema.other")
    return DocumentError(pointer(*path), kind, reason)


def schema_errors(document: Any) -> list[DocumentError]:
    """Every way the document breaks the published schema (at most MAX_ERRORS). A document of another format or
    version gets that one error only: its other "errors" would be noise."""
    if not isinstance(document, dict):
        return [DocumentError("", "type", messages.text("document.not_object"))]
    if document.get("format") != FORMAT:
        return [DocumentError(pointer("format"), "format", messages.text("document.format"))]
    if document.get("version") != VERSION:
        version = json.dumps(document.get("version"), ensure_ascii=False)
        return [DocumentError(pointer("version"), "version", messages.text("document.version", version=version))]
    errors: list[DocumentError] = []
    for error in _validator().iter_errors(document):
        errors.append(_schema_error(error))
        if len(errors) >= MAX_ERRORS:
            break
    return errors


# -- the typed shape of a document that passed the schema --------------------------------------------------------
class _Shape(BaseModel):
    # Readers ignore what they do not know (the schema allows extra properties on framework definitions).
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True)


class SourceOption(_Shape):
    id: str


class SourceQuestion(_Shape):
    id: str
    type: Literal["triad", "dyad", "single_choice", "multiple_choice"]
    options: tuple[SourceOption, ...] = ()
    corners: tuple[SourceOption, ...] = ()
    poles: tuple[SourceOption, ...] = ()


class SourceFramework(_Shape):
    id: str
    version: str
    questions: tuple[SourceQuestion, ...]

    def question(self, question_id: str) -> SourceQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class DocumentAnswer(_Shape):
    triad: tuple[float, float, float] | None = None
    dyad: float | None = None
    choices: tuple[str, ...] | None = None
    other: str | None = None
    not_applicable: bool = False


class DocumentThread(_Shape):
    id: str
    number: int


class DocumentCampaign(_Shape):
    id: str
    name: str
    starts_on: date
    ends_on: date


class DocumentStory(_Shape):
    id: str
    framework_version: str
    title: str
    text: str
    language: str = "nl"
    told_at: datetime
    storyteller_role: str | None = None
    channel: Literal["web", "phone", "tablet", "assisted", "api"] = "api"
    campaign_id: str | None = None
    thread: DocumentThread | None = None
    consent_to_share: bool
    answers: dict[str, DocumentAnswer] = Field(default_factory=dict)


class DocumentSource(_Shape):
    id: str
    name: str | None = None
    tool: str | None = None


class Document(_Shape):
    source: DocumentSource
    frameworks: tuple[SourceFramework, ...]
    campaigns: tuple[DocumentCampaign, ...] = ()
    stories: tuple[DocumentStory, ...]

    def framework(self, version: str) -> SourceFramework | None:
        return next((f for f in self.frameworks if f.version == version), None)

    def campaign(self, campaign_id: str) -> DocumentCampaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)
