"""GraphQL for sector listening waves (waves.py): the list every role may read, and the comparison of two waves
across municipalities. Every number of a comparison passed Analytics.table (analytics.py: compare_waves)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from vertelpunt.contracts import core_questions as core
from vertelpunt.contracts.waves import is_wave_id
from vertelpunt.gateway.analytics import WaveComparison
from vertelpunt.gateway.context import GatewayContext
from vertelpunt.gateway.errors import BadInput, NotFound
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.framework_schema import LabelType, part_labels
from vertelpunt.gateway.waves import MAX_QUESTIONS, Wave, question_kinds

if TYPE_CHECKING:
    from vertelpunt.gateway.schema import (
        Comparison,
        ComparisonCategory,
        Composition,
        CountType,
        StoryFilterInput,
        TestType,
    )

GatewayInfo = Info[GatewayContext, None]
SCHEMA = "vertelpunt.gateway.schema"


@strawberry.type(name="Wave", description="A sector listening wave (meetronde): a period and the questions it "
                                          "listens for. Municipalities join it with a campaign.")
class WaveType:
    id: strawberry.ID = strawberry.field(description="A short slug the sector generated; it never changes.")
    name: str
    starts_on: date
    ends_on: date
    questions: list[str]

    @staticmethod
    def of(wave: Wave) -> WaveType:
        return WaveType(id=strawberry.ID(wave.id), name=wave.name, starts_on=wave.starts_on, ends_on=wave.ends_on,
                        questions=list(wave.questions))


@strawberry.type
class WaveTriad:
    question: str
    question_label: str
    corners: list[LabelType]
    answered_a: Annotated[CountType, strawberry.lazy(SCHEMA)]
    answered_b: Annotated[CountType, strawberry.lazy(SCHEMA)]
    mean_a: Annotated[Composition, strawberry.lazy(SCHEMA)] | None
    mean_b: Annotated[Composition, strawberry.lazy(SCHEMA)] | None
    confidence_region_a: list[Annotated[Composition, strawberry.lazy(SCHEMA)]]
    confidence_region_b: list[Annotated[Composition, strawberry.lazy(SCHEMA)]]
    test: Annotated[TestType, strawberry.lazy(SCHEMA)] | None


@strawberry.type(name="WaveComparison", description="Two sector waves side by side, across municipalities.")
class WaveComparisonType:
    a: WaveType
    b: WaveType
    total_a: Annotated[CountType, strawberry.lazy(SCHEMA)]
    total_b: Annotated[CountType, strawberry.lazy(SCHEMA)]
    positive_outcome: Annotated[ComparisonCategory, strawberry.lazy(SCHEMA)] = strawberry.field(
        description="Stories in which the outcome helped, in each wave.")
    choices: list[Annotated[Comparison, strawberry.lazy(SCHEMA)]]
    triads: list[WaveTriad]
    explanation: str = strawberry.field(description="The outcome in plain Dutch.")


def resolve_waves(info: GatewayInfo) -> list[WaveType]:
    return [WaveType.of(w) for w in info.context.waves.all()]


def _known(info: GatewayInfo, wave_id: str) -> Wave:
    wave = info.context.waves.get(wave_id) if is_wave_id(wave_id) else None
    if wave is None:
        raise NotFound(f"De meetronde '{wave_id[:64]}' bestaat niet.")
    return wave


def _questions(asked: list[str] | None, a: Wave, b: Wave, kinds: dict[str, str]) -> list[tuple[str, str]]:
    """(id, kind) of the questions to compare: those asked, or every question of either wave."""
    wanted = list(dict.fromkeys(asked if asked is not None else [*a.questions, *b.questions]))
    if len(wanted) > MAX_QUESTIONS:
        raise BadInput(f"Vergelijk hoogstens {MAX_QUESTIONS} vragen tegelijk.")
    unknown = [q for q in wanted if q not in kinds]
    if unknown:
        raise BadInput(f"'{unknown[0][:64]}' is geen keuzevraag of driehoek uit het raamwerk van de sector.")
    return [(q, kinds[q]) for q in wanted]


def explain(a: Wave, b: Wave, result: WaveComparison) -> str:
    """The share of positive outcomes in both waves, in plain Dutch (B1)."""
    share_a, share_b = result.positive.share_a, result.positive.share_b
    if share_a.value is None or share_b.value is None:
        return ("Er zijn te weinig verhalen om te laten zien hoe vaak het hielp in beide meetronden. Zo blijven "
                "kleine groepen beschermd.")
    text = (f"In '{a.name}' hielp het in {round(share_a.value * 100)}% van de verhalen, in '{b.name}' in "
            f"{round(share_b.value * 100)}%.")
    test = result.positive.test
    if test is not None and test.p_value >= 0.05:
        text += " Het verschil kan toeval zijn."
    return text


def resolve_compare_waves(
        info: GatewayInfo, a: strawberry.ID, b: strawberry.ID, questions: list[str] | None = None,
        filter: Annotated[StoryFilterInput, strawberry.lazy(SCHEMA)] | None = None,
) -> WaveComparisonType:
    from vertelpunt.gateway.schema import Comparison, ComparisonCategory, CountType, TestType, _composition

    wave_a, wave_b = _known(info, str(a)), _known(info, str(b))
    flt = filter.to_filter() if filter is not None else StoryFilter()
    labels = info.context.labels()
    asked = _questions(questions, wave_a, wave_b, question_kinds(labels))
    result = info.context.analytics.compare_waves(wave_a.id, wave_b.id, asked, flt)
    count = CountType.of

    return WaveComparisonType(
        a=WaveType.of(wave_a), b=WaveType.of(wave_b), total_a=count(result.total_a), total_b=count(result.total_b),
        positive_outcome=ComparisonCategory.of(result.positive, labels, core.HELPED),
        choices=[Comparison(question=c.question, question_label=labels.question_label(c.question),
                            total_a=count(c.total_a), total_b=count(c.total_b),
                            categories=[ComparisonCategory.of(o, labels, c.question) for o in c.options],
                            test=TestType.of(c.test))
                 for c in result.choices],
        triads=[WaveTriad(question=t.question, question_label=labels.question_label(t.question),
                          corners=part_labels(labels, t.question), answered_a=count(t.answered_a),
                          answered_b=count(t.answered_b),
                          mean_a=_composition(t.summary_a.geometric_mean) if t.summary_a else None,
                          mean_b=_composition(t.summary_b.geometric_mean) if t.summary_b else None,
                          confidence_region_a=[_composition(p) for p in t.summary_a.confidence_region()]
                          if t.summary_a else [],
                          confidence_region_b=[_composition(p) for p in t.summary_b.confidence_region()]
                          if t.summary_b else [],
                          test=TestType.of(t.test)) for t in result.triads],
        explanation=explain(wave_a, wave_b, result))
