"""From a sector event to an OpenSearch document (pure): StoryShared to a story, FrameworkPublished to an entry of
the framework registry."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from vertelpunt.contracts import framework_document as registry
from vertelpunt.contracts import search_document as doc
from vertelpunt.contracts.channels import CHANNEL_NAMES
from vertelpunt.contracts.v1 import events_pb2 as pb

# Zero parts break log-ratios; a small multiplicative replacement is the usual compositional remedy.
TRIAD_DELTA = 0.005


def _binnable(x: float) -> float:
    """Histograms put exactly 1.0 in a bin of its own; a hair below keeps it in the last real bin."""
    return min(x, 0.999999)


def week_start(iso_week: str) -> str:
    year, week = iso_week.split("-W")
    return datetime.fromisocalendar(int(year), int(week), 1).replace(tzinfo=UTC).date().isoformat()


def ilr(a: float, b: float, c: float) -> tuple[float, float]:
    """Isometric log-ratio coordinates of a 3-part composition (after zero replacement)."""
    parts = [max(p, TRIAD_DELTA) for p in (a, b, c)]
    total = sum(parts)
    x1, x2, x3 = (p / total for p in parts)
    return (math.sqrt(1 / 2) * math.log(x1 / x2), math.sqrt(2 / 3) * math.log(math.sqrt(x1 * x2) / x3))


def to_document(envelope: pb.Envelope, indexed_at: datetime | None = None) -> dict[str, Any]:
    story = envelope.story_shared
    choices: dict[str, list[str]] = {}
    triads: dict[str, dict[str, float]] = {}
    dyads: dict[str, float] = {}
    not_applicable: list[str] = []
    for answer in story.answers:
        if answer.not_applicable:
            not_applicable.append(answer.question_id)
        elif answer.HasField("triad"):
            t = answer.triad
            i1, i2 = ilr(t.a, t.b, t.c)
            triads[answer.question_id] = {"a": _binnable(t.a), "b": _binnable(t.b), "c": _binnable(t.c),
                                          "ilr1": i1, "ilr2": i2, "ilr12": i1 * i2}
        elif answer.HasField("dyad"):
            dyads[answer.question_id] = _binnable(answer.dyad.position)
        elif answer.HasField("choice"):
            choices[answer.question_id] = list(answer.choice.option_ids) + (
                ["anders"] if answer.choice.other_text else [])
    monday = week_start(story.told_week)
    role = story.storyteller_role or "other"
    return {
        doc.STORY_ID: story.story_id,
        doc.EVENT_ID: envelope.event_id,
        doc.TENANT: envelope.tenant,
        doc.REGION: story.region,
        doc.TITLE: story.title,
        doc.TEXT: story.text,
        doc.LANGUAGE: story.language,
        doc.CHANNEL: CHANNEL_NAMES.get(story.channel, "unknown"),
        doc.ROLE: role,
        doc.FRAMEWORK_ID: story.framework_id,
        doc.FRAMEWORK_VERSION: story.framework_version,
        doc.CAMPAIGN: story.campaign_label,
        doc.WEEK: story.told_week,
        doc.WEEK_START: monday,
        doc.QI_CELL: doc.qi_cell(envelope.tenant, monday, role),
        doc.CHOICE: choices,
        doc.TRIAD: triads,
        doc.DYAD: dyads,
        doc.NOT_APPLICABLE: not_applicable,
        doc.THREAD: story.thread_id or None,
        doc.THREAD_NUMBER: story.thread_number or None,
        doc.WAVE: story.wave_id or None,
        doc.INDEXED_AT: (indexed_at or datetime.now(UTC)).isoformat(),
    }


def _part(part: pb.FrameworkOption) -> registry.PartDefinition:
    return {"id": part.id, "label": dict(part.label), "client_label": dict(part.client_label)}


def _question(question: pb.FrameworkQuestion) -> registry.QuestionDefinition:
    return {"id": question.id, "type": registry.QUESTION_TYPES[question.type], "category": question.category,
            "label": dict(question.label), "client_label": dict(question.client_label),
            "options": [_part(p) for p in question.options], "corners": [_part(p) for p in question.corners],
            "poles": [_part(p) for p in question.poles], "allow_other": question.allow_other,
            "allow_na": question.allow_na}


def to_framework_document(envelope: pb.Envelope, indexed_at: datetime | None = None) -> dict[str, Any]:
    framework = envelope.framework_published
    return {
        registry.TENANT: envelope.tenant,
        registry.FRAMEWORK_ID: framework.framework_id,
        registry.VERSION: framework.version,
        registry.CORE_VERSION: framework.core_version,
        registry.EVENT_ID: envelope.event_id,
        registry.PUBLISHED_AT: envelope.occurred_at.ToDatetime(tzinfo=UTC).isoformat(),
        registry.TITLE: framework.title.get(registry.LOCALE, ""),
        registry.QUESTION_IDS: [q.id for q in framework.questions],
        registry.QUESTIONS: [_question(q) for q in framework.questions],
        registry.INDEXED_AT: (indexed_at or datetime.now(UTC)).isoformat(),
    }
