"""Periode-rapport: what was heard, what works and what changed after measures in one period, for a municipal
council or a sector body.

Pure functions over the GraphQL answers of the other views (the same documents in queries.py, the same view models
in views/), so the report shows exactly the numbers and the "te weinig verhalen" that the pages show for the same
role and filter. The route (report_pages.py) asks the queries; report_output.py turns the model into HTML and PDF.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views import compare, trends, whatworks
from vertelpunt.gateway.workbench.views.common import Filters, count_text, count_value

SITUATION = "situatie"
OUTCOME = "uitkomst-hielp"
HELPED = "ja"
MAIN_SITUATIONS = 5  # what works is shown for the situations heard most often
MAX_MEASURES = 6  # measures with a before/after comparison; more are listed by name only


# -- the period ------------------------------------------------------------------------------------------------
def shift_month(month: str, months: int) -> str:
    """'2026-03' moved by a number of months (negative: back)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


SHORT_MONTHS = say("report.months_short").split()


def month_text(month: str) -> str:
    return f"{trends.MONTHS[int(month[5:7]) - 1]} {month[:4]}"


@dataclass(frozen=True)
class Period:
    """Whole months, both ends included ("2026-04" to "2026-06"), like every period filter of the gateway."""

    start: str
    end: str

    @property
    def months(self) -> int:
        return (int(self.end[:4]) - int(self.start[:4])) * 12 + int(self.end[5:7]) - int(self.start[5:7]) + 1

    def text(self) -> str:
        if self.start == self.end:
            return month_text(self.start)
        return say("report.period", start=month_text(self.start), end=month_text(self.end))

    def short(self) -> str:
        """For legends and column heads: "jun t/m okt 2026", "nov 2025 t/m jan 2026", "juni 2026"."""
        if self.start == self.end:
            return month_text(self.start)
        first, last = SHORT_MONTHS[int(self.start[5:7]) - 1], SHORT_MONTHS[int(self.end[5:7]) - 1]
        if self.start[:4] == self.end[:4]:
            return say("report.period_short", start=first, end=f"{last} {self.end[:4]}")
        return say("report.period_short", start=f"{first} {self.start[:4]}", end=f"{last} {self.end[:4]}")

    def preceding(self) -> Period:
        """The period of the same length directly before this one."""
        return Period(shift_month(self.start, -self.months), shift_month(self.start, -1))

    def story_filter(self, municipality: str) -> dict[str, Any]:
        found = Filters(period_from=self.start, period_to=self.end, municipality=municipality).story_filter()
        assert found is not None
        return found


# -- what the analyst asked for ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportRequest:
    """The report form: the period, the period to compare with (by default the one just before) and the scope:
    "" for the whole sector, or a municipality code (a tenant analyst's own)."""

    period: Period | None
    compare_to: Period | None
    municipality: str
    errors: tuple[str, ...] = field(default=())

    @classmethod
    def parse(cls, params: Mapping[str, str], scopes: Sequence[str]) -> ReportRequest:
        """`scopes`: the municipalities the role may report on, "" meaning the whole sector; the first is the
        default. A value outside them is explained and replaced by the default, never silently widened."""
        months = {k: v for k, v in params.items() if k != "municipality"}
        main, other = Filters.parse(months), Filters.parse(months, "vergelijk_")
        errors = list(main.errors) + list(other.errors)
        default = scopes[0] if scopes else ""
        municipality = params.get("municipality", default).strip()
        if municipality not in scopes:
            errors.append(say("report.error.scope"))
            municipality = default
        asked = any(params.get(k) for k in ("period_from", "period_to"))
        period = None
        if main.period_from and main.period_to:
            period = Period(main.period_from, main.period_to)
        elif asked:
            errors.append(say("report.error.period"))
        compare_to = None
        if period is not None:
            if other.period_from and other.period_to:
                compare_to = Period(other.period_from, other.period_to)
            else:
                if other.period_from or other.period_to:
                    errors.append(say("report.error.compare"))
                compare_to = period.preceding()
            if compare_to == period:
                errors.append(say("report.error.same"))
                compare_to = period.preceding()
        return cls(period, compare_to, municipality, tuple(errors))

    def query(self) -> dict[str, str]:
        """The form values as query parameters (for the download links); an empty municipality is the sector."""
        values = {"municipality": self.municipality}
        if self.period:
            values |= {"period_from": self.period.start, "period_to": self.period.end}
        if self.compare_to:
            values |= {"vergelijk_period_from": self.compare_to.start, "vergelijk_period_to": self.compare_to.end}
        return {k: v for k, v in values.items() if v or k == "municipality"}


# -- what was heard ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heard:
    total: str
    total_value: int | None
    compare_total: str
    months: trends.TrendView  # stories per month, with the measures on the timeline
    situations: compare.ChoiceComparison  # this period (first group) against the comparison period
    main: list[tuple[str, str, str]]  # (situation id, label, stories in the period) of the situations heard most


def heard(trend: Mapping[str, Any], compare_trend: Mapping[str, Any], situations: Mapping[str, Any],
          periods: tuple[Period, Period], labels: LabelBook, months: Sequence[str]) -> Heard:
    """`trend`: the Trend answer for the period; `compare_trend`: for the comparison period; `situations`: the
    compareGroups answer on the situation question, group A the period and group B the comparison period."""
    view = trends.trend_view(trend, "month", labels, months)
    choice = compare.choice_comparison(situations, SITUATION, (periods[0].short(), periods[1].short()), labels)
    ranked = sorted((row for row in choice.rows if row.values[0] is not None),
                    key=lambda row: (-(row.values[0] or 0), row.label))
    main = [(row.option, row.label, row.a) for row in ranked[:MAIN_SITUATIONS]]
    return Heard(count_text(trend["total"]), count_value(trend["total"]), count_text(compare_trend["total"]), view,
                 choice, main)


# -- what works -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Works:
    situation: str
    label: str
    rows: list[whatworks.Row]
    spec: dict[str, Any] | None


def works(answers: Mapping[str, Sequence[Mapping[str, Any]]], labels: LabelBook) -> list[Works]:
    """Per situation (in the order given) the interventions with their share of positive outcomes."""
    result = []
    for situation, answer in answers.items():
        label = labels.value(SITUATION, situation)
        rows = whatworks.rows_of(answer, labels)
        result.append(Works(situation, label, rows, whatworks.chart(rows, label) if rows else None))
    return result


# -- what changed after measures ---------------------------------------------------------------------------------
def windows(on: date, period: Period) -> tuple[Period | None, Period | None]:
    """Whole months before and after a measure, inside the report's period (trends.before_and_after: the month
    in which a measure started halfway belongs to neither side). None for a side without a whole month."""
    (_, before_end), (after_start, _) = trends.before_and_after(on, period.start, period.end)
    before = Period(period.start, before_end) if before_end >= period.start else None
    after = Period(after_start, period.end) if after_start <= period.end else None
    return before, after


@dataclass(frozen=True)
class Change:
    id: str
    label: str
    on: date
    on_text: str
    where: str
    before: Period | None
    after: Period | None
    note: str  # why there is no comparison ("" when there is one)
    outcome: compare.ChoiceComparison | None  # group A after, group B before
    helped: tuple[str, str] | None  # share of stories in which it helped: (before, after), as text
    triads: list[compare.TriadComparison] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        return self.outcome is not None


BEFORE_AFTER = (say("report.after"), say("report.before"))  # group names: A is after, B before


def change(measure: Mapping[str, Any], period: Period, labels: LabelBook, outcome: Mapping[str, Any] | None = None,
           triads: Mapping[str, Mapping[str, Any]] | None = None) -> Change:
    """One measure of the Trend answer. `outcome`: the compareGroups answer on the outcome question (A after,
    B before); `triads`: the CompareTriad answer per triad question. Without them (a measure at the edge of the
    period, or beyond the number compared) the change says why there is no comparison."""
    on = date.fromisoformat(measure["on"])
    where = labels.municipality(measure["municipality"]) if measure.get("municipality") else say("trends.sector")
    before, after = windows(on, period)
    note = ""
    if before is None and after is None:
        note = say("report.edge.both")
    elif before is None:
        note = say("report.edge.before", start=month_text(period.start))
    elif after is None:
        note = say("report.edge.after", end=month_text(period.end))
    elif outcome is None:
        note = say("report.not_compared", count=MAX_MEASURES)
    choice = None
    helped = None
    compared: list[compare.TriadComparison] = []
    if not note and outcome is not None:
        choice = compare.choice_comparison(outcome, OUTCOME, BEFORE_AFTER, labels)
        row = next((r for r in choice.rows if r.option == HELPED), None)
        helped = (row.share_b, row.share_a) if row else None
        compared = [compare.triad_comparison(answer, question, BEFORE_AFTER, labels)
                    for question, answer in (triads or {}).items()]
    return Change(str(measure["id"]), measure["label"], on, trends.date_text(on), where, before, after, note, choice,
                  helped, compared)


def comparable(measures: Sequence[Mapping[str, Any]], period: Period,
               municipality: str = "") -> list[Mapping[str, Any]]:
    """The measures that get a before/after comparison: both sides inside the period, at most MAX_MEASURES. With
    more, the report's own municipality's measures come first, then sector-wide ones, then the most recent."""
    inside = [m for m in measures if all(windows(date.fromisoformat(m["on"]), period))]

    def preference(measure: Mapping[str, Any]) -> tuple[int, int]:
        owner = measure.get("municipality") or ""
        rank = 0 if municipality and owner == municipality else 1 if not owner else 2
        return rank, -date.fromisoformat(measure["on"]).toordinal()

    chosen = {id(m) for m in sorted(inside, key=preference)[:MAX_MEASURES]}
    return [m for m in inside if id(m) in chosen]


# -- the whole report --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Report:
    title: str
    scope: str  # "gemeente Zwolle" / "de hele sector"
    period: Period
    compare_to: Period
    made_on: date
    heard: Heard
    works: list[Works]
    changes: list[Change]

    def charts(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, Vega-Lite spec) of every plot, in the order they appear; the template finds each by its id."""
        yield "maanden", self.heard.months.spec
        yield "situaties", self.heard.situations.spec
        for item in self.works:
            if item.spec:
                yield f"werkt-{item.situation}", item.spec
        for number, found in enumerate(self.changes):
            if found.outcome:
                yield f"maatregel-{number}-uitkomst", found.outcome.spec
            for triad in found.triads:
                yield f"maatregel-{number}-{triad.question}", triad.spec


def scope_text(municipality: str, labels: LabelBook) -> str:
    if municipality:
        return say("report.scope.municipality", name=labels.municipality(municipality))
    return say("report.scope.sector")


def build(request: ReportRequest, labels: LabelBook, made_on: date, heard_part: Heard, works_part: list[Works],
          changes: list[Change]) -> Report:
    assert request.period is not None and request.compare_to is not None
    scope = scope_text(request.municipality, labels)
    return Report(say("report.document_title", scope=scope, period=request.period.text()), scope, request.period,
                  request.compare_to, made_on, heard_part, works_part, changes)


def file_name(request: ReportRequest, extension: str) -> str:
    assert request.period is not None
    return f"rapport-{request.municipality or 'sector'}-{request.period.start}-{request.period.end}.{extension}"


def default_period(months: Sequence[str], length: int = 3) -> tuple[str, str]:
    """The last whole months with stories, for the empty form (none: the current month)."""
    if not months:
        today = date.today().strftime("%Y-%m")
        return today, today
    return months[max(0, len(months) - length)], months[-1]
