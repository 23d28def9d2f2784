"""The sector's registry of framework definitions (FrameworkPublished, indexed by the search indexer in its own
index: contracts/framework_document.py) and the Dutch labels it gives the ids the gateway answers with.

Every version any municipality published is kept, so a question answered under an older version keeps its label;
when versions word one id differently, the newest published wording is shown. An id without a definition (one
has not arrived yet) is shown as the id itself, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError

from vertelpunt.contracts import framework_document as registry
from vertelpunt.contracts.question_ids import owner
from vertelpunt.gateway.refreshing import Refreshing
from vertelpunt.kit.logging import get_logger

log = get_logger(__name__)
MAX_DEFINITIONS = 10_000  # 342 municipalities with a core and a few extension versions each fit many times


@dataclass(frozen=True)
class Part:
    """An option, a triad corner or a slider pole."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    category: str
    label: str
    options: tuple[Part, ...] = ()
    corners: tuple[Part, ...] = ()
    poles: tuple[Part, ...] = ()

    @property
    def municipality(self) -> str | None:
        """The CBS code of the municipality whose own question this is; None for a core question."""
        return owner(self.id)

    @property
    def parts(self) -> tuple[Part, ...]:
        return self.options or self.corners or self.poles

    def part_label(self, part: str) -> str:
        return next((p.label for p in self.parts if p.id == part), part)


@dataclass(frozen=True)
class Definition:
    """One registry entry: a framework version as one municipality published it."""

    municipality: str
    framework_id: str
    version: str
    core_version: str
    title: str
    published_at: datetime
    questions: tuple[Question, ...]


def text(label: Mapping[str, str] | None, locale: str = registry.LOCALE) -> str:
    label = label or {}
    return str(label.get(locale) or label.get(registry.LOCALE) or next(iter(label.values()), ""))


def _parts(raw: Iterable[Mapping[str, Any]]) -> tuple[Part, ...]:
    return tuple(Part(p["id"], text(p.get("label"))) for p in raw)


def question_of(raw: Mapping[str, Any]) -> Question:
    """A question in the framework's JSON shape (registry.QuestionDefinition, or the intake's own file)."""
    return Question(raw["id"], raw["type"], raw.get("category", ""), text(raw.get("label")),
                    _parts(raw.get("options") or ()), _parts(raw.get("corners") or ()), _parts(raw.get("poles") or ()))


def definition_of(source: Mapping[str, Any]) -> Definition:
    return Definition(
        municipality=source[registry.TENANT], framework_id=source[registry.FRAMEWORK_ID],
        version=source[registry.VERSION], core_version=source.get(registry.CORE_VERSION, ""),
        title=source.get(registry.TITLE, ""), published_at=datetime.fromisoformat(source[registry.PUBLISHED_AT]),
        questions=tuple(question_of(q) for q in source.get(registry.QUESTIONS, ())))


@dataclass(frozen=True)
class Labels:
    """Every question id the registry knows, with its newest wording, and where each was defined."""

    questions: Mapping[str, Question] = field(default_factory=dict)
    defined_in: Mapping[str, tuple[Definition, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, definitions: Sequence[Definition]) -> Labels:
        questions: dict[str, Question] = {}
        defined_in: dict[str, list[Definition]] = {}
        for definition in sorted(definitions, key=lambda d: (d.published_at, d.municipality, d.version)):
            for question in definition.questions:
                questions.pop(question.id, None)  # re-insert: the dictionary keeps framework order of the newest
                questions[question.id] = question
                defined_in.setdefault(question.id, []).append(definition)
        return cls(questions, {k: tuple(v) for k, v in defined_in.items()})

    def question(self, question: str) -> Question | None:
        return self.questions.get(question)

    def question_label(self, question: str) -> str:
        found = self.questions.get(question)
        return found.label if found else question

    def part_label(self, question: str, part: str) -> str:
        found = self.questions.get(question)
        return found.part_label(part) if found else part


class FrameworkRegistry:
    """Reads the registry index; definitions and labels are refreshed every `ttl` seconds (refreshing.py)."""

    def __init__(self, client: OpenSearch, index: str, ttl_seconds: float) -> None:
        self.client = client
        self.index = index
        self._state: Refreshing[tuple[tuple[Definition, ...], Labels]] = Refreshing(self._load, ttl_seconds,
                                                                                     "frameworks")

    def definitions(self) -> tuple[Definition, ...]:
        return self._state.current()[0]

    def labels(self) -> Labels:
        return self._state.current()[1]

    def _load(self) -> tuple[tuple[Definition, ...], Labels]:
        body = {"size": MAX_DEFINITIONS, "query": {"match_all": {}},
                "sort": [{registry.PUBLISHED_AT: "asc"}, {registry.TENANT: "asc"}, {registry.VERSION: "asc"}]}
        try:
            hits = self.client.search(index=self.index, body=body)["hits"]["hits"]
        except NotFoundError:  # no definition has arrived yet
            hits = []
        definitions = tuple(definition_of(hit["_source"]) for hit in hits)
        if len(hits) == MAX_DEFINITIONS:
            log.warning("framework_registry_truncated", definitions=len(hits))
        return definitions, Labels.of(definitions)
