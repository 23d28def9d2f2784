"""Trends: stories per week or month with measures (maatregelen) on the timeline, and the link to compare before
and after a measure."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from vertelpunt.gateway.workbench import charts
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.common import count_text, count_value, csv_number
from vertelpunt.gateway.workbench.views.measures import audit_text

MONTHS = say("trends.months").split()


def date_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_text(start: date, unit: str) -> str:
    if unit == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    return say("trends.week_of", number=start.isocalendar()[1], day=date_text(start))


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    on: date
    municipality: str
    before: tuple[str, str]  # months (YYYY-MM) to compare: up to and including...
    after: tuple[str, str]  # ...and from
    code: str | None = None  # the municipality's code; None for a sector-wide measure
    audit: str = ""  # who made and changed it, in words (analysts only)


def before_and_after(on: date, first: str, last: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Whole months before and after a measure. Periods are whole months (docs/disclosure.md), so a month in which
    the measure started in the middle belongs to neither side."""
    after_start = on.replace(day=1) if on.day == 1 else (on.replace(day=28) + timedelta(days=4)).replace(day=1)
    before_end = on.replace(day=1) - timedelta(days=1)
    return (first, before_end.strftime("%Y-%m")), (after_start.strftime("%Y-%m"), last)


@dataclass(frozen=True)
class TrendView:
    unit: str
    rows: list[tuple[str, str]]
    counts: list[int | None]
    periods: list[date]
    measures: list[Measure]
    total: str
    spec: dict[str, Any]


def trend_view(answer: Mapping[str, Any], unit: str, labels: LabelBook, months: Sequence[str]) -> TrendView:
    periods = [date.fromisoformat(p["period"]) for p in answer["points"]]
    counts = [count_value(p["count"]) for p in answer["points"]]
    rows = [(period_text(day, unit), count_text(p["count"])) for day, p in zip(periods, answer["points"], strict=True)]
    first, last = (months[0], months[-1]) if months else ("", "")
    measures = []
    for item in answer["measures"]:
        on = date.fromisoformat(item["on"])
        before, after = before_and_after(on, first, last)
        where = labels.municipality(item["municipality"]) if item.get("municipality") else say("trends.sector")
        measures.append(Measure(item["id"], item["label"], on, where, before, after, item.get("municipality"),
                                audit_text(item.get("audit"))))
    spec = charts.timeline(
        say("trends.chart", unit=say("trends.month" if unit == "month" else "trends.week")),
        [{"period": day.isoformat(), "label": row[0], "count": n} for day, row, n in zip(periods, rows, counts,
                                                                                        strict=True)],
        [{"on": m.on.isoformat(), "label": m.label, "onText": date_text(m.on)} for m in measures], unit)
    return TrendView(unit, rows, counts, periods, measures, count_text(answer["total"]), spec)


def trend_csv(view: TrendView) -> tuple[list[str], list[list[str]]]:
    header = ["periode_begin", "eenheid", "verhalen", "maatregel"]
    marks: dict[date, list[str]] = {}
    for measure in view.measures:
        start = _period_start(measure.on, view.unit)
        marks.setdefault(start, []).append(measure.label)
    unit = "maand" if view.unit == "month" else "week"
    rows = [[day.isoformat(), unit, csv_number(n), " | ".join(marks.get(day, []))]
            for day, n in zip(view.periods, view.counts, strict=True)]
    return header, rows


def _period_start(day: date, unit: str) -> date:
    if unit == "month":
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def last_day(month: str) -> date:
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, calendar.monthrange(year, number)[1])
