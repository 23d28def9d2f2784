"""GraphQL for trajectories (gateway/trajectories.py): how outcomes and answers change from the first story of a
thread to its latest follow-up. Every number is a number of threads and passed Analytics.table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from vertelpunt.contracts import core_questions as core
from vertelpunt.contracts.question_ids import QUESTION_ID
from vertelpunt.gateway.analytics import Count, Share
from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.context import GatewayContext
from vertelpunt.gateway.errors import BadInput, Unavailable
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.trajectories import (
    FIRST,
    StageMean,
    ThreadBackend,
    Trajectories,
    Trajectory,
    opensearch_loader,
)

if TYPE_CHECKING:
    from vertelpunt.gateway.schema import StoryFilterInput

GatewayInfo = Info[GatewayContext, None]
STAGE_LABELS = {FIRST: "eerste verhaal", "later": "laatste vervolgverhaal"}


@strawberry.type(name="ThreadCount", description="A number of threads (people who told a first story and at "
                                                "least one follow-up); withheld when it could identify a small group.")
class ThreadCountType:
    value: int | None
    suppressed: bool

    @staticmethod
    def of(count: Count) -> ThreadCountType:
        return ThreadCountType(value=count.value, suppressed=count.suppressed)


@strawberry.type(name="ThreadShare", description="A proportion of threads with its 95% Wilson interval; withheld "
                                                "below the minimum number of threads.")
class ThreadShareType:
    value: float | None
    lower: float | None
    upper: float | None
    suppressed: bool

    @staticmethod
    def of(share: Share) -> ThreadShareType:
        return ThreadShareType(value=share.value, lower=share.lower, upper=share.upper, suppressed=share.suppressed)


@strawberry.type
class TrajectoryStage:
    stage: str = strawberry.field(description="eerste (the first story) or later (the latest follow-up)")
    label: str
    threads: ThreadCountType
    positive: ThreadCountType
    positive_share: ThreadShareType


@strawberry.type
class SliderStage:
    stage: str
    threads: ThreadCountType
    mean: float | None = strawberry.field(description="Mean position 0..1; withheld below the minimum.")


@strawberry.type
class SliderTrajectory:
    question: str
    stages: list[SliderStage]


@strawberry.type
class WeeksBetween:
    weeks_from: int
    weeks_to: int
    threads: ThreadCountType


@strawberry.type(name="Trajectory", description="How outcomes and answers change from the first story of a "
                                               "thread to its latest follow-up. Counts are threads, not stories.")
class TrajectoryType:
    question: str
    option: str
    threads: ThreadCountType
    stages: list[TrajectoryStage]
    sliders: list[SliderTrajectory]
    weeks_between: list[WeeksBetween]
    mean_weeks_between: float | None
    explanation: str


def _explain(result: Trajectory) -> str:
    first, later = (row.share for row in result.outcome)
    if first.value is None or later.value is None:
        return ("Er zijn nog te weinig mensen die later verder vertelden om het verloop te laten zien. Zo blijven "
                "kleine groepen beschermd.")
    direction = "vaker" if later.value > first.value else "minder vaak" if later.value < first.value else "even vaak"
    overlap = first.lower is not None and later.upper is not None and later.lower is not None and \
        first.upper is not None and (later.lower <= first.upper and first.lower <= later.upper)
    text = (f"Bij het laatste vervolgverhaal kiezen mensen {direction} dit antwoord dan bij hun eerste verhaal "
            f"({round(later.value * 100)}% tegen {round(first.value * 100)}%).")
    return text + (" De marges overlappen: het verschil kan toeval zijn." if overlap else "")


def _stages(rows: list[StageMean]) -> list[SliderStage]:
    return [SliderStage(stage=r.stage, threads=ThreadCountType.of(r.threads), mean=r.mean) for r in rows]


def trajectories_for(context: GatewayContext) -> Trajectories:
    backend = context.analytics.backend
    if not isinstance(backend, OpenSearchBackend):
        raise Unavailable("Het verloop kan nu niet worden berekend.")
    return Trajectories.like(context.analytics, ThreadBackend(opensearch_loader(backend.client, backend.alias)))


def resolve_trajectory(
        info: GatewayInfo, question: str = core.HELPED, option: str = core.HELPED_POSITIVE,
        sliders: list[str] | None = None,
        filter: Annotated[StoryFilterInput, strawberry.lazy("vertelpunt.gateway.schema")] | None = None,
) -> TrajectoryType:
    if not QUESTION_ID.match(question) or not QUESTION_ID.match(option):
        raise BadInput(f"'{question}' of '{option}' is geen vraag of antwoord.")
    wanted = tuple(sliders or ())
    if len(wanted) > 10 or any(not QUESTION_ID.match(q) for q in wanted):
        raise BadInput("Kies hoogstens tien schuifvragen, met hun vraag-id.")
    flt = filter.to_filter() if filter is not None else StoryFilter()
    result = trajectories_for(info.context).trajectory(flt, question, option, wanted)
    return TrajectoryType(
        question=question, option=option, threads=ThreadCountType.of(result.threads),
        stages=[TrajectoryStage(stage=r.stage, label=STAGE_LABELS[r.stage], threads=ThreadCountType.of(r.threads),
                                positive=ThreadCountType.of(r.positive), positive_share=ThreadShareType.of(r.share))
                for r in result.outcome],
        sliders=[SliderTrajectory(question=q, stages=_stages(rows)) for q, rows in result.sliders.items()],
        weeks_between=[WeeksBetween(weeks_from=b.weeks_from, weeks_to=b.weeks_to, threads=ThreadCountType.of(b.threads))
                       for b in result.gaps],
        mean_weeks_between=result.mean_gap_weeks, explanation=_explain(result))
