"""The GraphQL schema: search, similar stories and pattern analytics over anonymised stories.

Resolvers are thin: they check who asks (context), translate inputs, and call `analytics` or `stories`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from functools import partial
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from vertelpunt.contracts import core_questions as core
from vertelpunt.contracts import search_document as doc
from vertelpunt.contracts.question_ids import QUESTION_ID
from vertelpunt.contracts.waves import is_wave_id
from vertelpunt.gateway import cells
from vertelpunt.gateway.analytics import ComparedOption, Count, Share, Table
from vertelpunt.gateway.backend import Dim
from vertelpunt.gateway.context import GatewayContext
from vertelpunt.gateway.errors import BadInput, Conflict, Forbidden, NotFound
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.framework_schema import (
    FrameworkType,
    LabelType,
    QuestionType,
    part_labels,
    resolve_frameworks,
    resolve_questions,
)
from vertelpunt.gateway.frameworks import Labels
from vertelpunt.gateway.measures import Audit, Measure, StaleMeasure, Version
from vertelpunt.gateway.permissions import IsAnalyst, IsReader, IsSectorAnalyst, MayChangeMeasure
from vertelpunt.gateway.release import Release, cell_of, month_bounds
from vertelpunt.gateway.stats import TestResult, TriadSummary
from vertelpunt.gateway.stories import ListFilter
from vertelpunt.gateway.trajectory_schema import TrajectoryType, resolve_trajectory
from vertelpunt.gateway.wave_schema import WaveComparisonType, WaveType, resolve_compare_waves, resolve_waves
from vertelpunt.gateway.waves import check_wave, question_kinds
from vertelpunt.kit.auth import ROLE_SECTOR_ANALYST

GatewayInfo = Info[GatewayContext, None]
# Fields any Vertelpunt role may read; mutations only analysts may call (gateway/permissions.py).
reader_field = partial(strawberry.field, permission_classes=[IsReader])
analyst_mutation = partial(strawberry.mutation, permission_classes=[IsAnalyst])
sector_mutation = partial(strawberry.mutation, permission_classes=[IsSectorAnalyst])
measure_mutation = partial(strawberry.mutation, permission_classes=[MayChangeMeasure])


def dimension_field(name: str) -> str:
    if name in doc.DIMENSIONS:
        return doc.DIMENSIONS[name]
    if not QUESTION_ID.match(name):
        raise BadInput(f"'{name}' is geen vraag of kenmerk.")
    return doc.choice_field(name)


# -- shared output types -------------------------------------------------------------------------------------
@strawberry.type(name="Count", description="A number of stories; withheld (value null, suppressed true) when "
                                          "showing it could identify a small group.")
class CountType:
    value: int | None
    suppressed: bool

    @staticmethod
    def of(count: Count) -> CountType:
        return CountType(value=count.value, suppressed=count.suppressed)


@strawberry.type(name="Share", description="A proportion with its 95% Wilson interval; withheld below the "
                                          "minimum number of stories.")
class ShareType:
    value: float | None
    lower: float | None
    upper: float | None
    suppressed: bool

    @staticmethod
    def of(share: Share) -> ShareType:
        return ShareType(value=share.value, lower=share.lower, upper=share.upper, suppressed=share.suppressed)


@strawberry.type(name="StatisticalTest")
class TestType:
    name: str
    statistic: float
    p_value: float
    effect_size: float
    effect_name: str
    explanation: str = strawberry.field(description="What the test means, in plain Dutch.")

    @staticmethod
    def of(result: TestResult | None) -> TestType | None:
        if result is None:
            return None
        return TestType(name=result.name, statistic=result.statistic, p_value=result.p_value,
                        effect_size=result.effect_size, effect_name=result.effect_name,
                        explanation=result.explanation)


@strawberry.type
class Composition:
    a: float
    b: float
    c: float


# -- stories -------------------------------------------------------------------------------------------------
@strawberry.type(description="One anonymised story. Its context (region, period, role) is generalised until at "
                             "least the minimum number of stories share it; answers are only counted, never shown "
                             "per story (docs/disclosure.md).")
class Story:
    id: strawberry.ID
    title: str
    text: str
    region: str | None = strawberry.field(description="Null when the region is generalised away.")
    period: str | None = strawberry.field(description="Month (2026-09), quarter (2026-K3) or year, as released.")
    role: str | None = strawberry.field(description="Staff, client or other; null when generalised away.")
    context_withheld: bool = strawberry.field(
        description="True when too few stories share this story's context to show any of it.")
    highlights: list[str]

    @staticmethod
    def of(source: dict[str, Any], release: Release, highlights: list[str] | None = None) -> Story:
        context = release.context(cell_of(source))
        return Story(id=strawberry.ID(source[doc.STORY_ID]), title=source.get(doc.TITLE, ""),
                     text=source.get(doc.TEXT, ""),
                     region=context.region, period=context.period, role=context.role,
                     context_withheld=context.withheld, highlights=highlights or [])

    @reader_field(description="Stories with similar words (more like this).")
    def similar(self, info: GatewayInfo, first: int = 5) -> list[Story]:
        if not 1 <= first <= 20:
            raise BadInput("Kies 1 tot 20 verhalen.")
        release = info.context.release()
        return [Story.of(s, release) for s in info.context.stories.similar(str(self.id), first)]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class StoryEdge:
    cursor: str
    node: Story


@strawberry.type
class StoryConnection:
    edges: list[StoryEdge]
    page_info: PageInfo
    total: CountType
    total_at_least: bool = strawberry.field(default=False, description=(
        "True when more stories match than `total` says: a free-text search counts exactly up to 1,000."))


@strawberry.input
class ChoiceFilter:
    question: str
    option: str


@strawberry.input(description="Narrow stories down. Every field is optional; values within a field are OR-ed. "
                               "Periods are whole months: periodFrom rounds down to the first day of its month, "
                               "periodTo up to the last, so overlapping ranges cannot be subtracted.")
class StoryFilterInput:
    municipalities: list[str] | None = None
    regions: list[str] | None = None
    roles: list[str] | None = None
    channels: list[str] | None = None
    campaigns: list[str] | None = None
    waves: list[str] | None = strawberry.field(default=None, description="Ids of sector listening waves.")
    choices: list[ChoiceFilter] | None = None
    period_from: date | None = None
    period_to: date | None = None

    def to_filter(self, text: str | None = None) -> StoryFilter:
        def tup(values: list[str] | None) -> tuple[str, ...]:
            if values and len(values) > 50:
                raise BadInput("Te veel waarden in één filter (maximaal 50).")
            return tuple(sorted(set(values or ())))

        return StoryFilter(municipalities=tup(self.municipalities), regions=tup(self.regions), roles=tup(self.roles),
                           channels=tup(self.channels), campaigns=tup(self.campaigns), waves=tup(self.waves),
                           choices=tuple(sorted({(c.question, c.option) for c in self.choices or ()})),
                           week_from=month_bounds(self.period_from, end=False) if self.period_from else None,
                           week_to=month_bounds(self.period_to, end=True) if self.period_to else None, text=text)


@strawberry.input(description="Narrow a story list down on the released context only: what can be listed can be "
                               "counted, so answers, municipality, channel and campaign are filters for the "
                               "analyses, not for lists. Periods are rounded to whole released periods.")
class StoryListFilter:
    regions: list[str] | None = None
    roles: list[str] | None = None
    period_from: date | None = None
    period_to: date | None = None

    def to_list_filter(self) -> ListFilter:
        if len(self.regions or ()) > 50 or len(self.roles or ()) > 50:
            raise BadInput("Te veel waarden in één filter (maximaal 50).")
        return ListFilter(tuple(sorted(set(self.regions or ()))), tuple(sorted(set(self.roles or ()))),
                          self.period_from, self.period_to)


def _filter(value: StoryFilterInput | None, text: str | None = None) -> StoryFilter:
    return (value or StoryFilterInput()).to_filter(text)


# -- analytics types -----------------------------------------------------------------------------------------
@strawberry.type
class WhatWorksRow:
    intervention: str
    intervention_label: str
    stories: CountType
    positive: CountType
    positive_share: ShareType


@strawberry.type
class TableCell:
    keys: list[str]
    labels: list[str] = strawberry.field(description="The label of each key: an option's label for a question, "
                                                     "the value itself for a characteristic.")
    count: CountType


@strawberry.type
class Margin:
    field: str
    label: str
    cells: list[TableCell]
    total: CountType


@strawberry.type
class CrossTab:
    fields: list[str]
    field_labels: list[str]
    cells: list[TableCell]
    margins: list[Margin]
    total: CountType


def _field_label(labels: Labels, name: str) -> str:
    return name if name in doc.DIMENSIONS else labels.question_label(name)


def _key_label(labels: Labels, name: str, key: str) -> str:
    return key if name in doc.DIMENSIONS else labels.part_label(name, key)


def _cells(table: Table, names: list[str], labels: Labels) -> list[TableCell]:
    return [TableCell(keys=list(k), labels=[_key_label(labels, n, str(v)) for n, v in zip(names, k, strict=True)],
                      count=CountType.of(table.count(k))) for k in table.sorted_keys()]


@strawberry.type
class TriadBin:
    a_from: float
    b_from: float
    width: float
    count: CountType


@strawberry.type
class TriadPattern:
    question: str
    question_label: str
    corners: list[LabelType] = strawberry.field(description="The corners of weights a, b and c.")
    answered: CountType
    bins: list[TriadBin]
    geometric_mean: Composition | None
    confidence_region: list[Composition]
    explanation: str


def _composition(values: tuple[float, float, float]) -> Composition:
    return Composition(a=values[0], b=values[1], c=values[2])


@strawberry.type
class HistogramBin:
    start: float
    end: float
    count: CountType


@strawberry.type
class SliderHistogram:
    question: str
    question_label: str
    poles: list[LabelType] = strawberry.field(description="The pole at 0, then the pole at 1.")
    bins: list[HistogramBin]
    total: CountType


@strawberry.enum
class Interval(Enum):
    WEEK = "week"
    MONTH = "month"


@strawberry.type(name="MeasureAudit", description="Who marked a measure and when; who changed or removed it last.")
class MeasureAuditType:
    created_by: str | None
    created_at: datetime | None
    changed_by: str | None
    changed_at: datetime | None


@strawberry.type
class MeasureType:
    id: strawberry.ID
    label: str
    on: date
    municipality: str | None
    version: str = strawberry.field(description="The version of this measure as read. Changing or removing it "
                                                "takes this version back; if someone changed it since, the answer "
                                                "is a CONFLICT error with the measure as it is now.")
    _audit: strawberry.Private[Audit | None] = None

    @strawberry.field(permission_classes=[IsAnalyst], description="Who made and last changed it (analysts only).")
    def audit(self) -> MeasureAuditType | None:
        if self._audit is None:
            return None
        return MeasureAuditType(created_by=self._audit.created_by, created_at=self._audit.created_at,
                                changed_by=self._audit.changed_by, changed_at=self._audit.changed_at)

    @staticmethod
    def of(measure: Measure) -> MeasureType:
        return MeasureType(id=strawberry.ID(measure.id), label=measure.label, on=measure.on,
                           municipality=measure.municipality, version=str(measure.version or ""),
                           _audit=measure.audit)


@strawberry.type
class TrendPoint:
    period: date
    count: CountType


@strawberry.type
class Trend:
    interval: Interval
    points: list[TrendPoint]
    measures: list[MeasureType]
    total: CountType


@strawberry.type
class ComparisonCategory:
    option: str
    option_label: str
    a: CountType
    b: CountType
    share_a: ShareType
    share_b: ShareType
    difference: float | None
    test: TestType | None

    @staticmethod
    def of(compared: ComparedOption, labels: Labels, question: str) -> ComparisonCategory:
        return ComparisonCategory(option=compared.option, option_label=labels.part_label(question, compared.option),
                                  a=CountType.of(compared.a), b=CountType.of(compared.b),
                                  share_a=ShareType.of(compared.share_a), share_b=ShareType.of(compared.share_b),
                                  difference=compared.difference, test=TestType.of(compared.test))


@strawberry.type
class Comparison:
    question: str
    question_label: str
    total_a: CountType
    total_b: CountType
    categories: list[ComparisonCategory]
    test: TestType | None


@strawberry.type
class TriadComparison:
    question: str
    question_label: str
    corners: list[LabelType]
    mean_a: Composition | None
    mean_b: Composition | None
    test: TestType | None


@strawberry.input(description="A heat map cell of crossTab: the same questions in the same order, and one key "
                               "(option, region or role) per question.")
class CrossTabCellInput:
    questions: list[str]
    keys: list[str]


@strawberry.input(description="A bin of triadPattern: the same number of bins, and where the bin starts on "
                               "corners a and b (aFrom, bFrom as triadPattern returns them).")
class TriadBinInput:
    question: str
    a_from: float
    b_from: float
    bins: int = 5


@strawberry.input(description="A bin of sliderHistogram: the same number of bins, and where the bin starts.")
class SliderBinInput:
    question: str
    start: float
    bins: int = 10


@strawberry.input(one_of=True, description="Exactly one cell of a pattern.")
class PatternCellInput:
    cross_tab: CrossTabCellInput | None = strawberry.UNSET
    triad: TriadBinInput | None = strawberry.UNSET
    slider: SliderBinInput | None = strawberry.UNSET

    def to_cell(self) -> cells.PatternCell:
        if self.cross_tab:
            return cells.cross_cell(self.cross_tab.questions, self.cross_tab.keys)
        if self.triad:
            return cells.triad_cell(_question(self.triad.question), self.triad.bins, self.triad.a_from,
                                    self.triad.b_from)
        assert self.slider  # one_of: exactly one is given
        return cells.slider_cell(_question(self.slider.question), self.slider.bins, self.slider.start)


@strawberry.type(description="A sample of the stories in one pattern cell (docs/disclosure.md): only for a cell "
                             "whose count is shown, at most `sampleSize` stories, always the same ones for the same "
                             "cell and filter, with the same generalised context as in a story list.")
class CellStories:
    count: CountType = strawberry.field(description="The cell's count, exactly as its table shows it.")
    stories: list[Story]
    sample_size: int = strawberry.field(description="The most stories a sample holds.")


def _question(question: str) -> str:
    if not QUESTION_ID.match(question):
        raise BadInput(f"'{question}' is geen vraag-id.")
    return question


def _triad_explanation(summary: TriadSummary | None) -> str:
    if summary is None:
        return "Te weinig verhalen om een gemiddelde te laten zien."
    a, b, c = summary.geometric_mean
    return (f"Gemiddeld ligt het antwoord op {round(a * 100)}% / {round(b * 100)}% / {round(c * 100)}% over de drie "
            f"hoeken (het meetkundig gemiddelde van {summary.n} antwoorden). Het gebied eromheen laat zien waar het "
            "echte gemiddelde met 95% zekerheid ligt.")


@strawberry.type
class Query:
    @reader_field(description="Full-text search in Dutch over anonymised stories of the whole sector.")
    def search_stories(self, info: GatewayInfo, query: str | None = None, filter: StoryListFilter | None = None,
                       first: int = 20, after: str | None = None) -> StoryConnection:
        maximum = info.context.max_page_size
        if not 1 <= first <= maximum:
            raise BadInput(f"'first' moet tussen 1 en {maximum} liggen.")
        if query is not None and len(query) > 500:
            raise BadInput("De zoekvraag is te lang (maximaal 500 tekens).")
        release = info.context.release()
        wanted = (filter or StoryListFilter()).to_list_filter()
        hits, total, at_least, more = info.context.stories.search(wanted, release, query or None, first, after)
        total_count = info.context.analytics.list_total(total, free_text=bool(query))
        edges = [StoryEdge(cursor=h.cursor, node=Story.of(h.source, release, h.highlights)) for h in hits]
        return StoryConnection(edges=edges, page_info=PageInfo(has_next_page=more,
                                                               end_cursor=edges[-1].cursor if edges else None),
                               total=CountType.of(total_count), total_at_least=at_least and not total_count.suppressed)

    @reader_field(description="One anonymised story.")
    async def story(self, info: GatewayInfo, id: strawberry.ID) -> Story:
        source = await info.context.story_loader.load(str(id))
        if source is None:
            raise NotFound("Dit verhaal bestaat niet (meer).")
        return Story.of(source, info.context.release())

    @reader_field(description="Stories most like the given one.")
    def similar_stories(self, info: GatewayInfo, id: strawberry.ID, first: int = 5) -> list[Story]:
        if not 1 <= first <= 20:
            raise BadInput("Kies 1 tot 20 verhalen.")
        release = info.context.release()
        return [Story.of(s, release) for s in info.context.stories.similar(str(id), first)]

    @reader_field(description="What works: per intervention in a situation, how often the outcome helped.")
    def what_works(self, info: GatewayInfo, situation: str, filter: StoryFilterInput | None = None) -> list[
            WhatWorksRow]:
        rows = info.context.analytics.what_works(_question(situation), _filter(filter))
        labels = info.context.labels()
        return [WhatWorksRow(intervention=i, intervention_label=labels.part_label(core.INTERVENTION, i),
                             stories=CountType.of(n), positive=CountType.of(p), positive_share=ShareType.of(s))
                for i, n, p, s in rows]

    @reader_field(description="A cross-tabulation of two or three questions or characteristics "
                                  "(municipality, region, role, channel, campaign, or a question id).")
    def cross_tab(self, info: GatewayInfo, questions: list[str], filter: StoryFilterInput | None = None) -> CrossTab:
        flt = _filter(filter)
        table, margins = info.context.analytics.cross_tab([dimension_field(q) for q in questions], flt)
        labels = info.context.labels()
        return CrossTab(fields=questions, field_labels=[_field_label(labels, q) for q in questions],
                        cells=_cells(table, questions, labels),
                        margins=[Margin(field=q, label=_field_label(labels, q), cells=_cells(m, [q], labels),
                                        total=CountType.of(m.total))
                                 for q, m in zip(questions, margins, strict=True)],
                        total=CountType.of(table.total))

    @reader_field(description="Where answers fall in a triad: binned counts, the compositional mean and its "
                                  "95% confidence region.")
    def triad_pattern(self, info: GatewayInfo, question: str, filter: StoryFilterInput | None = None,
                      bins: int = 5) -> TriadPattern:
        grid, summary, answered = info.context.analytics.triad(_question(question), _filter(filter), bins)
        width = 1 / bins
        labels = info.context.labels()
        return TriadPattern(
            question=question, question_label=labels.question_label(question),
            corners=part_labels(labels, question), answered=CountType.of(answered),
            bins=[TriadBin(a_from=float(k[0]), b_from=float(k[1]), width=width, count=CountType.of(grid.count(k)))
                  for k in grid.sorted_keys()],
            geometric_mean=_composition(summary.geometric_mean) if summary else None,
            confidence_region=[_composition(p) for p in summary.confidence_region()] if summary else [],
            explanation=_triad_explanation(summary))

    @reader_field(description="How slider answers are spread.")
    def slider_histogram(self, info: GatewayInfo, question: str, filter: StoryFilterInput | None = None,
                         bins: int = 10) -> SliderHistogram:
        if not 2 <= bins <= 20:
            raise BadInput("Kies tussen 2 en 20 vakken.")
        width = 1 / bins
        dim = Dim(doc.dyad_field(_question(question)), "histogram", width)
        table = info.context.analytics.table([dim], _filter(filter))
        labels = info.context.labels()
        return SliderHistogram(question=question, question_label=labels.question_label(question),
                               poles=part_labels(labels, question), total=CountType.of(table.total), bins=[
            HistogramBin(start=float(k[0]), end=min(1.0, float(k[0]) + width), count=CountType.of(table.count(k)))
            for k in table.sorted_keys()])

    @reader_field(description="Stories per week or month, with measures marked on the timeline. Give a "
                                  "question and option to count only stories with that answer.")
    def trend(self, info: GatewayInfo, interval: Interval = Interval.WEEK, filter: StoryFilterInput | None = None,
              question: str | None = None, option: str | None = None) -> Trend:
        flt = _filter(filter)
        if (question is None) != (option is None):
            raise BadInput("Geef een vraag én een antwoord, of geen van beide.")
        if question and option:
            flt = flt.with_choice(_question(question), option)
        table = info.context.analytics.table([Dim(doc.WEEK_START, interval.value)], flt)
        measures = info.context.measures.between(flt.week_from, flt.week_to, flt.municipalities)
        return Trend(interval=interval, total=CountType.of(table.total),
                     points=[TrendPoint(period=date.fromisoformat(k[0]), count=CountType.of(table.count(k)))
                             for k in table.sorted_keys()],
                     measures=[MeasureType.of(m) for m in measures])

    @reader_field(description="Compare two periods or groups on a choice question: per option the difference "
                                  "and a two-proportion z-test, overall a chi-square test with Cramér's V.")
    def compare_groups(self, info: GatewayInfo, question: str, a: StoryFilterInput, b: StoryFilterInput) -> Comparison:
        table_a, table_b, categories, test = info.context.analytics.compare_groups(
            _question(question), a.to_filter(), b.to_filter())
        labels = info.context.labels()
        return Comparison(question=question, question_label=labels.question_label(question),
                          total_a=CountType.of(table_a.total), total_b=CountType.of(table_b.total),
                          categories=[ComparisonCategory.of(c, labels, question) for c in categories],
                          test=TestType.of(test))

    frameworks: list[FrameworkType] = reader_field(
        resolver=resolve_frameworks,
        description="The sector's registry of frameworks: every version each municipality published (the core and "
                    "its own questions), with Dutch labels of questions, options, triad corners and slider poles.")

    questions: list[QuestionType] = reader_field(
        resolver=resolve_questions,
        description="Labels of question ids (all known when no ids are given), with the newest published wording "
                    "and the versions that ask each question. An id without a definition comes back as its own "
                    "label.")

    @reader_field(description="Read the stories in one cell of a pattern (a cross-table cell, a triad or slider "
                                  "bin): a fixed sample, never a list, and only where the cell's count is shown. "
                                  "Filters are those of a story list (region, role, period).")
    def cell_stories(self, info: GatewayInfo, cell: PatternCellInput,
                     filter: StoryListFilter | None = None) -> CellStories:
        context = info.context
        release = context.release()
        count, sources = cells.read_cell(context.analytics, context.stories, release, cell.to_cell(),
                                         (filter or StoryListFilter()).to_list_filter(), context.cell_sample_size,
                                         context.cell_sample_share)
        return CellStories(count=CountType.of(count), stories=[Story.of(s, release) for s in sources],
                           sample_size=context.cell_sample_size)

    @reader_field(description="One measure on the timeline.")
    def measure(self, info: GatewayInfo, id: strawberry.ID) -> MeasureType:
        found = info.context.measures.get(str(id))
        if found is None:
            raise NotFound("Deze maatregel bestaat niet (meer).")
        return MeasureType.of(found)

    trajectory: TrajectoryType = reader_field(
        resolver=resolve_trajectory,
        description="Follow-up over time: per thread its first story and its latest follow-up; the share with the "
                    "given answer (default: the outcome helped) at both, slider means and the weeks between. "
                    "Counts are threads, under the same disclosure rules as every other number.")

    waves: list[WaveType] = reader_field(
        resolver=resolve_waves,
        description="The sector's listening waves (meetronden), newest first: what a municipality can join.")

    compare_waves: WaveComparisonType = reader_field(
        resolver=resolve_compare_waves,
        description="Compare two sector waves across municipalities: the share of positive outcomes, and per "
                    "question the answer distributions (choice) or means (triad), under the same disclosure "
                    "rules as compareGroups.")

    @reader_field(description="Compare two periods or groups on a triad: compositional means and Hotelling's "
                                  "T² on log-ratio coordinates.")
    def compare_triads(self, info: GatewayInfo, question: str, a: StoryFilterInput,
                       b: StoryFilterInput) -> TriadComparison:
        sa, sb, test = info.context.analytics.compare_triad(_question(question), a.to_filter(), b.to_filter())
        labels = info.context.labels()
        return TriadComparison(question=question, question_label=labels.question_label(question),
                               corners=part_labels(labels, question),
                               mean_a=_composition(sa.geometric_mean) if sa else None,
                               mean_b=_composition(sb.geometric_mean) if sb else None, test=TestType.of(test))


def _measure_input(label: str, on: date) -> str:
    label = label.strip()
    if not 2 <= len(label) <= 200:
        raise BadInput("Geef de maatregel een naam van 2 tot 200 tekens.")
    if not 2000 <= on.year <= 2100:
        raise BadInput("Kies een datum tussen het jaar 2000 en 2100.")
    return label


SeenVersion = Annotated[str, strawberry.argument(description="The measure's `version` as the editor read it.")]


def _seen(version: str) -> Version:
    try:
        return Version.parse(version)
    except ValueError:
        raise BadInput("Deze versie van de maatregel ken ik niet. Open de maatregel opnieuw en probeer het dan "
                       "nog eens.") from None


def _stale(error: StaleMeasure) -> Exception:
    """Someone else changed or removed the measure after the editor read it: say so, with how it is now."""
    now = error.current
    if now is None:
        return NotFound("Deze maatregel bestaat niet (meer).")
    audit = now.audit or Audit(None, None)
    return Conflict("Iemand anders heeft deze maatregel intussen gewijzigd. Bekijk de nieuwe versie en sla "
                    "opnieuw op.", current={
                        "id": now.id, "label": now.label, "on": now.on.isoformat(), "version": str(now.version),
                        "changedBy": audit.changed_by,
                        "changedAt": audit.changed_at.isoformat() if audit.changed_at else None})


@strawberry.type
class Mutation:
    @analyst_mutation(description="Mark a measure (maatregel) on the timeline: for the own municipality, or "
                                     "sector-wide for sector analysts.")
    def add_measure(self, info: GatewayInfo, label: str, on: date, municipality: str | None = None) -> MeasureType:
        principal = info.context.analyst()
        label = _measure_input(label, on)
        if municipality is None and ROLE_SECTOR_ANALYST not in principal.roles:
            raise Forbidden("Alleen sectoranalisten leggen maatregelen voor de hele sector vast.")
        if municipality is not None and municipality != principal.tenant:
            raise Forbidden("Je kunt alleen maatregelen van je eigen gemeente vastleggen.")
        if municipality is not None and not re.match(r"^GM\d{4}$", municipality):
            raise BadInput("Gebruik een gemeentecode zoals GM0193.")
        measure = info.context.measures.add(label, on, municipality, principal.subject, principal.username)
        return MeasureType.of(measure)

    @measure_mutation(description="Change a measure's name and date: sector-wide measures by sector analysts, a "
                                     "municipality's own by its analysts. Records who changed it and when. Give "
                                     "the version you read: if someone changed it since, nothing is saved and the "
                                     "answer is a CONFLICT error with the measure as it is now.")
    def update_measure(self, info: GatewayInfo, id: strawberry.ID, label: str, on: date,
                       version: SeenVersion) -> MeasureType:
        principal = info.context.analyst()
        label, seen = _measure_input(label, on), _seen(version)
        try:
            changed = info.context.measures.update(str(id), label, on, seen, principal.subject, principal.username)
        except StaleMeasure as stale:
            raise _stale(stale) from None
        return MeasureType.of(changed)

    @measure_mutation(description="Take a measure off the timeline (same permission as changing it). The record "
                                     "stays, with who removed it and when. Give the version you read: if someone "
                                     "changed it since, it stays and the answer is a CONFLICT error.")
    def remove_measure(self, info: GatewayInfo, id: strawberry.ID, version: SeenVersion) -> strawberry.ID:
        principal = info.context.analyst()
        try:
            info.context.measures.remove(str(id), _seen(version), principal.subject, principal.username)
        except StaleMeasure as stale:
            raise _stale(stale) from None
        return id

    @sector_mutation(description="Define a sector listening wave (meetronde): a name, a period and the questions "
                                 "it listens for. The sector generates its id; municipalities join it by that id.")
    def define_wave(self, info: GatewayInfo, name: str, starts_on: date, ends_on: date,
                    questions: list[str]) -> WaveType:
        principal = info.context.sector_analyst()
        checked_name, checked_questions = check_wave(name, starts_on, ends_on, questions,
                                                     question_kinds(info.context.labels()))
        return WaveType.of(info.context.waves.define(checked_name, starts_on, ends_on, checked_questions,
                                                     principal.subject))

    @sector_mutation(description="Change a wave's name, period or questions; its id never changes.")
    def update_wave(self, info: GatewayInfo, id: strawberry.ID, name: str | None = None,
                    starts_on: date | None = None, ends_on: date | None = None,
                    questions: list[str] | None = None) -> WaveType:
        principal = info.context.sector_analyst()
        if not is_wave_id(str(id)):
            raise NotFound("Deze meetronde bestaat niet.")
        return WaveType.of(info.context.waves.update(str(id), principal.subject,
                                                     question_kinds(info.context.labels()), name, starts_on,
                                                     ends_on, questions))
