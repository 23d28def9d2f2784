"""Kennisbank: full-text search over colleagues' anonymised stories with the list filters (region, role, period)
and highlights, and a story page with similar stories."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.common import count_value, thousands

_MARK = re.compile(r"(</?mark>)")


def highlight(fragment: str) -> Markup:
    """A highlight fragment from the index as safe HTML: every text part escaped, only <mark> kept.

    The index already escapes text (encoder html); unescape first so nothing is escaped twice."""
    parts = []
    for part in _MARK.split(fragment):
        parts.append(part if part in ("<mark>", "</mark>") else html.escape(html.unescape(part)))
    opened = sum(p == "<mark>" for p in parts) - sum(p == "</mark>" for p in parts)
    return Markup("".join(parts) + "</mark>" * max(0, opened))


@dataclass(frozen=True)
class StoryCard:
    id: str
    title: str
    context: str
    highlights: list[Markup]


def context_text(story: Mapping[str, Any], labels: LabelBook) -> str:
    """The released context in words: only what disclosure allows (region, period, role)."""
    if story["contextWithheld"]:
        return say("story.context_withheld")
    parts = [story["region"] or say("story.no_region"), _period(story["period"]),
             labels.value("role", story["role"]) if story["role"] else say("story.no_role")]
    return " · ".join(parts)


def _period(period: str | None) -> str:
    if not period:
        return say("story.no_period")
    if "-K" in period:
        year, quarter = period.split("-K", 1)
        return say("story.quarter", year=year, quarter=quarter)
    return period


def card(story: Mapping[str, Any], labels: LabelBook) -> StoryCard:
    return StoryCard(story["id"], story["title"], context_text(story, labels),
                     [highlight(h) for h in story.get("highlights") or []])


def total_text(total: Mapping[str, Any], searched: bool, at_least: bool = False) -> str:
    value = count_value(total)
    if value is None:
        return say("knowledge.total_suppressed")
    if at_least:  # a free-text search counts up to a limit (gateway/stories.py)
        return say("knowledge.total_more", count=thousands(value))
    return say("knowledge.total_about" if searched else "knowledge.total", count=thousands(value))


def search_csv(cards: list[StoryCard]) -> tuple[list[str], list[list[str]]]:
    return ["verhaal", "titel", "context"], [[c.id, c.title, c.context] for c in cards]
