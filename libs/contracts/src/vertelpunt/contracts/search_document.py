"""The sector's search document: one contract for the indexer (documents, mapping) and the gateway (queries).

Field names, types and analyzers live here and nowhere else; `tests/unit/contracts/test_search_document.py`
fails when a document, the mapping or a gateway query drift apart.
"""

from __future__ import annotations

from typing import Any

# -- fields ----------------------------------------------------------------------------------------------------
STORY_ID = "story_id"
EVENT_ID = "event_id"
TENANT = "tenant"
REGION = "region"
TITLE = "title"
TEXT = "text"
LANGUAGE = "language"
CHANNEL = "channel"
ROLE = "role"
FRAMEWORK_ID = "framework_id"
FRAMEWORK_VERSION = "framework_version"
CAMPAIGN = "campaign"
WEEK = "week"
WEEK_START = "week_start"
# The finest context a reader may ever see of one story (gateway/release.py): municipality|month|role.
QI_CELL = "qi_cell"
NOT_APPLICABLE = "not_applicable"
# Follow-up stories: the sector's pseudonymous thread id and the story's number in it. A quasi-identifier:
# only aggregates (gateway/trajectories.py) use it; it is never shown on a story nor a list filter.
THREAD = "thread"
THREAD_NUMBER = "thread_number"
# The sector listening wave (meetronde) the story's campaign joined (contracts/waves.py); absent outside a wave.
# A filter of the analyses (gateway/analytics.py checks it against the stories outside the wave), not a
# characteristic to group by, and never shown on a story.
WAVE = "wave"
INDEXED_AT = "indexed_at"
CHOICE = "choice"
TRIAD = "triad"
DYAD = "dyad"
TRIAD_PARTS = ("a", "b", "c", "ilr1", "ilr2", "ilr12")


def choice_field(question: str) -> str:
    return f"{CHOICE}.{question}"


def triad_field(question: str, part: str) -> str:
    if part not in TRIAD_PARTS:
        raise ValueError(f"not a triad part: {part}")
    return f"{TRIAD}.{question}.{part}"


def dyad_field(question: str) -> str:
    return f"{DYAD}.{question}"


def qi_cell(tenant: str, week_start: str, role: str) -> str:
    return f"{tenant}|{week_start[:7]}|{role}"


# Characteristics an analyst may group or filter by, as the gateway names them, and their index field.
DIMENSIONS = {"municipality": TENANT, "region": REGION, "role": ROLE, "channel": CHANNEL, "campaign": CAMPAIGN}

# -- mapping ---------------------------------------------------------------------------------------------------
MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "dynamic_templates": [
        {"choices": {"path_match": f"{CHOICE}.*", "match_mapping_type": "string", "mapping": {"type": "keyword"}}},
        # Only the numeric leaves: triad.<question> itself is an object of weights and log-ratios.
        {"triads": {"path_match": f"{TRIAD}.*", "match_mapping_type": "double", "mapping": {"type": "double"}}},
        {"triad_longs": {"path_match": f"{TRIAD}.*", "match_mapping_type": "long", "mapping": {"type": "double"}}},
        {"dyads": {"path_match": f"{DYAD}.*", "match_mapping_type": "double", "mapping": {"type": "double"}}},
        {"dyad_longs": {"path_match": f"{DYAD}.*", "match_mapping_type": "long", "mapping": {"type": "double"}}},
    ],
    "properties": {
        STORY_ID: {"type": "keyword"},
        EVENT_ID: {"type": "keyword"},
        TENANT: {"type": "keyword"},
        REGION: {"type": "keyword"},
        TITLE: {"type": "text", "analyzer": "dutch"},
        TEXT: {"type": "text", "analyzer": "dutch", "term_vector": "with_positions_offsets"},
        LANGUAGE: {"type": "keyword"},
        CHANNEL: {"type": "keyword"},
        ROLE: {"type": "keyword"},
        FRAMEWORK_ID: {"type": "keyword"},
        FRAMEWORK_VERSION: {"type": "keyword"},
        CAMPAIGN: {"type": "keyword"},
        WEEK: {"type": "keyword"},
        WEEK_START: {"type": "date", "format": "yyyy-MM-dd"},
        QI_CELL: {"type": "keyword"},
        CHOICE: {"type": "object", "dynamic": True},
        TRIAD: {"type": "object", "dynamic": True},
        DYAD: {"type": "object", "dynamic": True},
        NOT_APPLICABLE: {"type": "keyword"},
        THREAD: {"type": "keyword"},
        THREAD_NUMBER: {"type": "integer"},
        WAVE: {"type": "keyword"},
        INDEXED_AT: {"type": "date"},
    },
}

KEYWORD_FIELDS = frozenset(name for name, spec in MAPPING["properties"].items() if spec["type"] == "keyword")


def is_queryable(field: str) -> bool:
    """A field the gateway may aggregate or filter on: a mapped keyword/date or a dynamic answer field."""
    top = field.split(".", 1)[0]
    if "." in field:
        return top in (CHOICE, TRIAD, DYAD)
    return field in MAPPING["properties"]
