"""GraphQL for the sector's framework registry (gateway/frameworks.py): the definitions every municipality
published, and the labels of question, option, corner and pole ids. Definitions describe questions, not people:
every reader may see them."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from vertelpunt.contracts.question_ids import QUESTION_ID
from vertelpunt.gateway.context import GatewayContext
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.filters import TENANT
from vertelpunt.gateway.frameworks import Labels, Part, Question

GatewayInfo = Info[GatewayContext, None]
MAX_IDS = 200


@strawberry.type(name="Label", description="An id with its Dutch label; the id itself when no framework "
                                          "definition with it has reached the sector (yet).")
class LabelType:
    id: str
    label: str

    @staticmethod
    def of(part: Part) -> LabelType:
        return LabelType(id=part.id, label=part.label)


def part_labels(labels: Labels, question: str) -> list[LabelType]:
    """Every option, corner or pole of a question in framework order (empty for an unknown question)."""
    found = labels.question(question)
    return [LabelType.of(p) for p in found.parts] if found else []


@strawberry.type(name="FrameworkVersion", description="One framework version of one municipality.")
class FrameworkRef:
    municipality: str
    framework_id: str
    version: str


@strawberry.type(name="Question", description="A signification question as the sector knows it: a core id, or a "
                                             "municipality's own question namespaced with its code "
                                             "(gm0193.<id>).")
class QuestionType:
    id: str
    label: str = strawberry.field(description="The wording of the version that asks it (in `questions`: the "
                                              "newest published wording).")
    type: str | None = strawberry.field(description="triad, dyad, single_choice or multiple_choice; null when no "
                                                    "definition has arrived.")
    category: str | None
    municipality: str | None = strawberry.field(description="CBS code of the municipality whose own question this "
                                                            "is; null for a core question.")
    options: list[LabelType]
    corners: list[LabelType] = strawberry.field(description="Triads: the corners of weights a, b and c.")
    poles: list[LabelType] = strawberry.field(description="Sliders: the pole at 0, then the pole at 1.")
    defined_in: list[FrameworkRef] = strawberry.field(description="Every published version that asks it.")

    @staticmethod
    def of(question: Question, defined_in: list[FrameworkRef] | None = None) -> QuestionType:
        return QuestionType(id=question.id, label=question.label, type=question.type, category=question.category,
                            municipality=question.municipality,
                            options=[LabelType.of(p) for p in question.options],
                            corners=[LabelType.of(p) for p in question.corners],
                            poles=[LabelType.of(p) for p in question.poles], defined_in=defined_in or [])

    @staticmethod
    def unknown(question: str) -> QuestionType:
        return QuestionType(id=question, label=question, type=None, category=None, municipality=None, options=[],
                            corners=[], poles=[], defined_in=[])


@strawberry.type(name="Framework", description="A framework version as a municipality published it: the sector "
                                              "core, or the core with the municipality's own questions.")
class FrameworkType:
    municipality: str
    framework_id: str
    version: str
    core_version: str
    title: str
    published_at: datetime
    questions: list[QuestionType]


def _question(labels: Labels, question: Question) -> QuestionType:
    refs = [FrameworkRef(municipality=d.municipality, framework_id=d.framework_id, version=d.version)
            for d in labels.defined_in.get(question.id, ())]
    return QuestionType.of(question, refs)


def resolve_frameworks(info: GatewayInfo, municipality: str | None = None) -> list[FrameworkType]:
    if municipality is not None and not TENANT.match(municipality):
        raise BadInput("Gebruik een gemeentecode zoals GM0193.")
    labels = info.context.labels()
    return [FrameworkType(municipality=d.municipality, framework_id=d.framework_id, version=d.version,
                          core_version=d.core_version, title=d.title, published_at=d.published_at,
                          questions=[_question(labels, q) for q in d.questions])
            for d in info.context.frameworks.definitions() if municipality in (None, d.municipality)]


def resolve_questions(info: GatewayInfo, ids: list[str] | None = None) -> list[QuestionType]:
    if ids is not None and (len(ids) > MAX_IDS or any(not QUESTION_ID.match(i) for i in ids)):
        raise BadInput(f"Geef hoogstens {MAX_IDS} vraag-id's, zoals 'verschil' of 'gm0193.wachttijd'.")
    labels = info.context.labels()
    wanted = ids if ids is not None else list(labels.questions)
    return [_question(labels, q) if (q := labels.question(i)) else QuestionType.unknown(i) for i in wanted]
