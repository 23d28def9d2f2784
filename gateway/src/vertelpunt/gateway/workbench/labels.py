"""Dutch labels for the ids the workbench shows: questions, options, triad corners, slider poles (from the
sector's framework registry, gateway/frameworks.py), municipalities and the characteristics (role, channel) of a
story (from the Dutch catalogue).

A question or option whose definition has not reached the sector yet is shown as its id, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from vertelpunt.gateway.frameworks import FrameworkRegistry, Labels, question_of
from vertelpunt.gateway.offload import run_blocking
from vertelpunt.gateway.workbench.text import say

# Characteristics of a story that are not framework questions (the index's own fields).
# (Their Dutch texts are in the catalogue: role.<id>, channel.<id>, dimension.<name>.)
ROLES = ("staff", "client", "other")
CHANNELS = ("web", "phone", "tablet", "assisted", "api")
DIMENSIONS = ("municipality", "region", "role", "channel", "campaign")
# CBS codes of municipalities the demo and tests use. Seam: a sector registry of onboarded municipalities will
# supply names; until then an unknown code is shown as the code itself.
MUNICIPALITY_NAMES = {"GM0193": "Zwolle", "GM0150": "Deventer", "GM0034": "Almere", "GM0363": "Amsterdam",
                      "GM0599": "Rotterdam", "GM0518": "'s-Gravenhage", "GM0344": "Utrecht"}


@dataclass
class LabelBook:
    labels: Labels = field(default_factory=Labels)
    municipalities: Mapping[str, str] = field(default_factory=lambda: MUNICIPALITY_NAMES)

    @classmethod
    def from_frameworks(cls, frameworks: Iterable[Mapping[str, Any]]) -> LabelBook:
        """From frameworks in their JSON shape (the intake's file, a registry entry's questions)."""
        questions = {q.id: q for f in frameworks for q in map(question_of, f.get("questions", []))}
        return cls(Labels(questions))

    def question(self, question: str) -> str:
        if question in DIMENSIONS:
            return say(f"dimension.{question}")
        return self.labels.question_label(question)

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
        return self.labels.part_label(question, value)

    def municipality(self, code: str) -> str:
        return self.municipalities.get(code, code)

    def corners(self, question: str) -> tuple[str, str, str]:
        found = self.labels.question(question)
        if found and len(found.corners) == 3:
            return found.corners[0].label, found.corners[1].label, found.corners[2].label
        return say("triad.corner_a"), say("triad.corner_b"), say("triad.corner_c")

    def poles(self, question: str) -> tuple[str, str]:
        found = self.labels.question(question)
        if found and len(found.poles) == 2:
            return found.poles[0].label, found.poles[1].label
        return say("slider.left"), say("slider.right")

    def options(self, question: str) -> list[tuple[str, str]]:
        found = self.labels.question(question)
        return [(p.id, p.label) for p in found.parts] if found else []

    def of_type(self, *types: str) -> list[tuple[str, str]]:
        """(id, label) of every question of these types, in framework order."""
        return [(q.id, q.label) for q in self.labels.questions.values() if q.type in types]


def humanise(identifier: str) -> str:
    """A readable fallback for a role or channel outside the catalogue: 'face_to-face' -> 'Face to face'."""
    text = identifier.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


async def label_book(request: Request) -> LabelBook:
    """The labels in force: the registry is reread every few seconds, off the event loop."""
    registry: FrameworkRegistry = request.app.state.frameworks
    return LabelBook(await run_blocking(registry.labels))
