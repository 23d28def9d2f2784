"""The sector's registry of frameworks: one document per (municipality, framework, version), for the indexer
(documents, mapping) and the gateway (labels). The counterpart of search_document.py for definitions.

A definition arrives as a FrameworkPublished event on the sector topic, keyed by `registry_id`; the indexer
writes it under the same id, so the same version twice is one entry. The questions are kept in the framework's
own JSON shape (`QuestionDefinition`), stored but not indexed: the gateway reads them whole.
"""

from __future__ import annotations

from typing import Any, TypedDict

from vertelpunt.contracts.v1 import events_pb2 as pb

DEFAULT_INDEX = "vertelpunt-frameworks"  # the indexer's and the gateway's FRAMEWORKS_INDEX setting

# -- fields ----------------------------------------------------------------------------------------------------
TENANT = "tenant"
FRAMEWORK_ID = "framework_id"
VERSION = "version"
CORE_VERSION = "core_version"
EVENT_ID = "event_id"
PUBLISHED_AT = "published_at"
TITLE = "title"
QUESTION_IDS = "question_ids"
QUESTIONS = "questions"
INDEXED_AT = "indexed_at"

# The question types as the intake's framework and the gateway name them.
QUESTION_TYPES = {pb.QUESTION_TYPE_TRIAD: "triad", pb.QUESTION_TYPE_DYAD: "dyad",
                  pb.QUESTION_TYPE_SINGLE_CHOICE: "single_choice", pb.QUESTION_TYPE_MULTIPLE_CHOICE: "multiple_choice"}
LOCALE = "nl"


class PartDefinition(TypedDict):
    """An option, a triad corner or a slider pole."""

    id: str
    label: dict[str, str]  # locale -> text
    client_label: dict[str, str]


class QuestionDefinition(TypedDict):
    id: str  # core id, or namespaced "gm0193.<local id>"
    type: str  # a value of QUESTION_TYPES
    category: str
    label: dict[str, str]
    client_label: dict[str, str]
    options: list[PartDefinition]
    corners: list[PartDefinition]  # triads: a, b, c
    poles: list[PartDefinition]  # sliders: 0, 1
    allow_other: bool
    allow_na: bool


def registry_id(tenant: str, framework_id: str, version: str) -> str:
    """The key on the sector topic and the document id: one per version, never equal to a story id (hex)."""
    return f"framework:{tenant}:{framework_id}:{version}"


# -- mapping ---------------------------------------------------------------------------------------------------
MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        TENANT: {"type": "keyword"},
        FRAMEWORK_ID: {"type": "keyword"},
        VERSION: {"type": "keyword"},
        CORE_VERSION: {"type": "keyword"},
        EVENT_ID: {"type": "keyword"},
        PUBLISHED_AT: {"type": "date"},
        TITLE: {"type": "keyword"},
        QUESTION_IDS: {"type": "keyword"},
        QUESTIONS: {"type": "object", "enabled": False},
        INDEXED_AT: {"type": "date"},
    },
}
