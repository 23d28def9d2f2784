"""Wat werkt: per intervention in a situation the share of stories where it helped, with its Wilson interval,
for all municipalities together and per municipality where disclosure allows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vertelpunt.gateway.workbench import charts
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.common import (
    count_text,
    count_value,
    csv_number,
    csv_percent,
    share_available,
    share_text,
)

ALL = say("what_works.all")
CSV_HEADER = ["groep", "situatie", "interventie", "verhalen", "hielp", "aandeel_hielp_procent",
              "ondergrens_procent", "bovengrens_procent"]


@dataclass(frozen=True)
class Row:
    group: str
    intervention: str
    label: str
    stories: str
    positive: str
    share: str
    stories_value: int | None
    positive_value: int | None
    share_value: float | None
    lower: float | None
    upper: float | None


def rows_of(answer: Sequence[Mapping[str, Any]], labels: LabelBook, group: str = ALL) -> list[Row]:
    """Rows in the order people read best: largest share first, withheld rows last (by number of stories)."""
    rows = []
    for item in answer:
        share = item["positiveShare"]
        available = share_available(share)
        rows.append(Row(group, item["intervention"], labels.value("interventie", item["intervention"]),
                        count_text(item["stories"]), count_text(item["positive"]), share_text(share),
                        count_value(item["stories"]), count_value(item["positive"]),
                        share["value"] if available else None, share["lower"] if available else None,
                        share["upper"] if available else None))
    return sorted(rows, key=lambda r: (r.share_value is None, -(r.share_value or 0), -(r.stories_value or 0),
                                       r.label))


def chart(rows: Sequence[Row], situation_label: str, by_municipality: bool = False) -> dict[str, Any]:
    what = say("what_works.chart.per_municipality" if by_municipality else "what_works.chart.per_intervention")
    data = [{"label": row.group if by_municipality else row.label, "share": row.share_value, "lower": row.lower,
             "upper": row.upper} for row in rows]
    return charts.share_bars(say("what_works.chart", situation=situation_label.lower(), what=what), data,
                             say("what_works.chart.axis"))


def csv_rows(rows: Sequence[Row], situation: str) -> list[list[str]]:
    return [[row.group, situation, row.intervention, csv_number(row.stories_value), csv_number(row.positive_value),
             csv_percent(row.share_value), csv_percent(row.lower), csv_percent(row.upper)] for row in rows]


def pick(rows_by_group: Mapping[str, Sequence[Row]], intervention: str) -> list[Row]:
    """One intervention across municipalities; a municipality without that intervention gets no row."""
    return [row for rows in rows_by_group.values() for row in rows if row.intervention == intervention]
