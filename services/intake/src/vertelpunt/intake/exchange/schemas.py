"""The REST shapes of the exchange (camelCase, HAL links). The document itself is described by the published
JSON Schema (document.py), not by these."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from vertelpunt.kit.api_rules import Link, Schema


class ImportOutcome(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "alreadyImported"


class RejectedAnswer(Schema):
    question_id: str
    code: str
    reason: str


class StoryLinks(Schema):
    self_: Link = Field(alias="self")


class ImportedStory(Schema):
    source_id: str
    id: str
    outcome: ImportOutcome
    # Shared with the sector (an outbox event was written), as for a told story with consent.
    shared: bool
    rejected_answers: list[RejectedAnswer] = Field(default_factory=list)
    links: StoryLinks = Field(serialization_alias="_links")


class ReportLinks(Schema):
    self_: Link = Field(alias="self")
    schema_: Link = Field(alias="schema")


class ImportReport(Schema):
    source: str
    imported: int
    already_imported: int
    stories: list[ImportedStory]
    links: ReportLinks = Field(serialization_alias="_links")
