"""Dutch labels for the ids the gateway answers with: questions, options, triad corners, slider poles,
municipalities and the characteristics (role, channel) of a story.

Seam for issue 11 item 1 (FrameworkPublished): today the labels come from a copy of the sector core framework
(frameworks/sector-core.json, checked against the intake's in tests/unit/gateway/workbench/test_labels.py). When
the sector keeps a registry of published frameworks, `LabelBook.from_frameworks` takes those definitions (same
shape, one per municipality extension with namespaced ids) and nothing else in the workbench changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from vertelpunt.gateway.workbench.text import say

FRAMEWORKS = Path(__file__).parent / "frameworks"
LOCALE = "nl"
CHOICE_TYPES = ("multiple_choice", "single_choice")

# Characteristics of a story that are not framework questions (the index's own fields).
# (Their Dutch texts are in the catalogue: role.<id>, channel.<id>, dimension.<name>.)
ROLES = ("staff", "client", "other")
CHANNELS = ("web", "phone", "tablet", "assisted", "api")
DIMENSIONS = ("municipality", "region", "role", "channel", "campaign")
# CBS codes of municipalities the demo and tests use. Seam: a sector registry of onboarded municipalities will
# supply names; until then an unknown code is shown as the code itself.
MUNICIPALITY_NAMES = {"GM0193": "Zwolle", "GM0150": "Deventer", "GM0034": "Almere", "GM0363": "Amsterdam",
                      "GM0599": "Rotterdam", "GM0518": "'s-Gravenhage", "GM0344": "Utrecht"}


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    options: tuple[tuple[str, str], ...] = ()  # (id, label): options, triad corners or slider poles

    def option_label(self, option: str) -> str:
        return dict(self.options).get(option, humanise(option))


@dataclass
class LabelBook:
    questions: dict[str, Question] = field(default_factory=dict)
    municipalities: Mapping[str, str] = field(default_factory=lambda: MUNICIPALITY_NAMES)

    @classmethod
    def from_frameworks(cls, frameworks: Iterable[Mapping[str, Any]], locale: str = LOCALE) -> LabelBook:
        book = cls()
        for framework in frameworks:
            for raw in framework.get("questions", []):
                parts = raw.get("options") or raw.get("corners") or raw.get("poles") or []
                book.questions[raw["id"]] = Question(
                    raw["id"], raw["type"], _text(raw["label"], locale),
                    tuple((p["id"], _text(p["label"], locale)) for p in parts))
        return book

    def question(self, question: str) -> str:
        if question in DIMENSIONS:
            return say(f"dimension.{question}")
        found = self.questions.get(question)
        return found.label if found else humanise(question)

    def value(self, question: str, value: str) -> str:
        """The label of one answer or characteristic value (an option, a role, a municipality...)."""
        if question == "municipality":
            return self.municipality(value)
        if question == "role":
            return say(f"role.{value}") if value in ROLES else humanise(value)
        if question == "channel":
            return say(f"channel.{value}") if value in CHANNELS else humanise(value)
        if question in ("region", "campaign"):
            return value
        found = self.questions.get(question)
        return found.option_label(value) if found else humanise(value)

    def municipality(self, code: str) -> str:
        return self.municipalities.get(code, code)

    def corners(self, question: str) -> tuple[str, str, str]:
        found = self.questions.get(question)
        if found and len(found.options) == 3:
            return found.options[0][1], found.options[1][1], found.options[2][1]
        return say("triad.corner_a"), say("triad.corner_b"), say("triad.corner_c")

    def poles(self, question: str) -> tuple[str, str]:
        found = self.questions.get(question)
        if found and len(found.options) == 2:
            return found.options[0][1], found.options[1][1]
        return say("slider.left"), say("slider.right")

    def options(self, question: str) -> list[tuple[str, str]]:
        found = self.questions.get(question)
        return list(found.options) if found else []

    def of_type(self, *types: str) -> list[tuple[str, str]]:
        """(id, label) of every question of these types, in framework order."""
        return [(q.id, q.label) for q in self.questions.values() if q.type in types]


def _text(label: Any, locale: str) -> str:
    if isinstance(label, Mapping):
        return str(label.get(locale) or label.get(LOCALE) or next(iter(label.values()), ""))
    return str(label)


def humanise(identifier: str) -> str:
    """A readable fallback for an id without a label: 'bijzondere-bijstand' -> 'Bijzondere bijstand'."""
    text = identifier.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@cache
def label_book() -> LabelBook:
    frameworks = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(FRAMEWORKS.glob("*.json"))]
    return LabelBook.from_frameworks(frameworks)
