"""From a sector StoryShared event to an OpenSearch document (pure)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from vertelpunt.contracts.v1 import events_pb2 as pb

CHANNEL_NAMES = {pb.CHANNEL_WEB: "web", pb.CHANNEL_PHONE: "phone", pb.CHANNEL_TABLET: "tablet",
                 pb.CHANNEL_ASSISTED: "assisted", pb.CHANNEL_API: "api"}
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
        "story_id": story.story_id,
        "event_id": envelope.event_id,
        "tenant": envelope.tenant,
        "region": story.region,
        "title": story.title,
        "text": story.text,
        "language": story.language,
        "channel": CHANNEL_NAMES.get(story.channel, "unknown"),
        "role": role,
        "framework_id": story.framework_id,
        "framework_version": story.framework_version,
        "campaign": story.campaign_label,
        "week": story.told_week,
        "week_start": monday,
        # The finest context a reader may ever see of one story (gateway/release.py): municipality, month, role.
        "qi_cell": f"{envelope.tenant}|{monday[:7]}|{role}",
        "choice": choices,
        "triad": triads,
        "dyad": dyads,
        "not_applicable": not_applicable,
        "indexed_at": (indexed_at or datetime.now(UTC)).isoformat(),
    }
