"""Patronen: a triad as a ternary plot (bins as density, geometric mean, 95% region), a slider as a histogram,
two questions as a heat map. Each with the table behind it and its CSV."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vertelpunt.gateway.workbench import charts
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.cells import Link
from vertelpunt.gateway.workbench.views.common import count_text, count_value, csv_number, percent


def _link(link: Link | None, count: int | None, cell: Mapping[str, Any]) -> str | None:
    """The URL of a cell's stories: only for a cell whose count is shown (the gateway checks it again)."""
    return link(cell) if link and count is not None and count > 0 else None


@dataclass(frozen=True)
class TriadView:
    question: str
    corners: tuple[str, str, str]
    answered: str
    mean: tuple[float, float, float] | None
    explanation: str
    rows: list[tuple[str, str, str, str]]  # per bin: corner a range, corner b range, corner c range, count
    counts: list[int | None]
    spec: dict[str, Any]
    links: list[str | None] = field(default_factory=list)  # per bin: its stories (Patronen), or None


def _range(start: float, width: float) -> str:
    return f"{round(start * 100)} tot {round(min(1.0, start + width) * 100)}%"


def triad_view(answer: Mapping[str, Any], question: str, labels: LabelBook, colour: str = charts.ACCENT,
               link: Link | None = None) -> TriadView:
    corners = labels.corners(question)
    bins = [{"a_from": b["aFrom"], "b_from": b["bFrom"], "width": b["width"], "count": count_value(b["count"])}
            for b in answer["bins"]]
    for item in bins:
        item["href"] = _link(link, item["count"], {"vakken": round(1 / item["width"]), "a": item["a_from"],
                                                   "b": item["b_from"]})
    mean = answer["geometricMean"]
    mean_tuple = (mean["a"], mean["b"], mean["c"]) if mean else None
    region = [(p["a"], p["b"], p["c"]) for p in answer["confidenceRegion"]]
    rows, counts = [], []
    for item, raw in zip(bins, answer["bins"], strict=True):
        c_low = max(0.0, 1 - item["a_from"] - item["b_from"] - 2 * item["width"])
        c_high = max(0.0, 1 - item["a_from"] - item["b_from"])
        rows.append((_range(item["a_from"], item["width"]), _range(item["b_from"], item["width"]),
                     f"{round(c_low * 100)} tot {round(c_high * 100)}%", count_text(raw["count"])))
        counts.append(item["count"])
    label = labels.question(question)
    spec = charts.ternary(
        say("patterns.chart.triad", question=label, corners=", ".join(corners)), corners, bins,
        [{"name": say("patterns.mean"), "mean": mean_tuple, "region": region, "colour": colour}])
    return TriadView(question, corners, count_text(answer["answered"]), mean_tuple, answer["explanation"], rows,
                     counts, spec, [item["href"] for item in bins])


def triad_csv(view: TriadView) -> tuple[list[str], list[list[str]]]:
    header = [f"hoek_a_{view.corners[0]}", f"hoek_b_{view.corners[1]}", f"hoek_c_{view.corners[2]}", "verhalen"]
    rows = [[a, b, c, csv_number(n)] for (a, b, c, _), n in zip(view.rows, view.counts, strict=True)]
    if view.mean:
        rows.append([say("patterns.csv_mean", share=percent(view.mean[0])), percent(view.mean[1]),
                     percent(view.mean[2]), ""])
    return header, rows


@dataclass(frozen=True)
class SliderView:
    question: str
    poles: tuple[str, str]
    total: str
    rows: list[tuple[str, str]]
    counts: list[int | None]
    spec: dict[str, Any]
    links: list[str | None] = field(default_factory=list)


def slider_view(answer: Mapping[str, Any], question: str, labels: LabelBook, link: Link | None = None) -> SliderView:
    poles = labels.poles(question)
    bins = [{"start": b["start"], "end": b["end"], "count": count_value(b["count"])} for b in answer["bins"]]
    for item in bins:
        item["href"] = _link(link, item["count"], {"vakken": round(1 / (item["end"] - item["start"]))
                                                   if item["end"] > item["start"] else 0, "van": item["start"]})
    rows = [(_range(b["start"], b["end"] - b["start"]), count_text(raw["count"]))
            for b, raw in zip(bins, answer["bins"], strict=True)]
    spec = charts.histogram(
        say("patterns.chart.slider", question=labels.question(question), left=poles[0], right=poles[1]), bins, poles)
    return SliderView(question, poles, count_text(answer["total"]), rows, [b["count"] for b in bins], spec,
                      [b["href"] for b in bins])


@dataclass(frozen=True)
class CrossView:
    rows_field: str
    columns_field: str
    row_labels: list[str]
    column_labels: list[str]
    grid: list[list[str]]  # row by column, display text
    cells: list[dict[str, Any]]  # {row, column, row_id, column_id, count, href}
    total: str
    spec: dict[str, Any]
    grid_links: list[list[str | None]] = field(default_factory=list)  # row by column: the cell's stories


def cross_view(answer: Mapping[str, Any], labels: LabelBook, link: Link | None = None) -> CrossView:
    rows_field, columns_field = answer["fields"][0], answer["fields"][1]
    cells = [{"row_id": c["keys"][0], "column_id": c["keys"][1], "row": labels.value(rows_field, c["keys"][0]),
              "column": labels.value(columns_field, c["keys"][1]), "count": count_value(c["count"]),
              "text": count_text(c["count"])} for c in answer["cells"]]
    for c in cells:
        c["href"] = _link(link, c["count"], {"r": c["row_id"], "k": c["column_id"]})
    row_ids = sorted({c["row_id"] for c in cells}, key=lambda k: labels.value(rows_field, k))
    column_ids = sorted({c["column_id"] for c in cells}, key=lambda k: labels.value(columns_field, k))
    by_key = {(c["row_id"], c["column_id"]): c["text"] for c in cells}
    # A combination without stories at all is a true zero: the index holds none, and showing it reveals nothing.
    grid = [[by_key.get((r, k), "0") for k in column_ids] for r in row_ids]
    hrefs = {(c["row_id"], c["column_id"]): c["href"] for c in cells}
    grid_links = [[hrefs.get((r, k)) for k in column_ids] for r in row_ids]
    row_title, column_title = labels.question(rows_field), labels.question(columns_field)
    spec = charts.heat_map(
        say("patterns.chart.cross", rows=row_title, columns=column_title),
        [{k: c[k] for k in ("row", "column", "count", "href")} for c in cells], row_title, column_title)
    return CrossView(rows_field, columns_field, [labels.value(rows_field, r) for r in row_ids],
                     [labels.value(columns_field, k) for k in column_ids], grid, cells, count_text(answer["total"]),
                     spec, grid_links)


def cross_csv(view: CrossView) -> tuple[list[str], list[list[str]]]:
    header = [view.rows_field, view.columns_field, "verhalen"]
    return header, [[c["row_id"], c["column_id"], csv_number(c["count"])] for c in view.cells]


def choices(labels: LabelBook) -> dict[str, list[tuple[str, str]]]:
    """What a person can pick on the Patronen page."""
    dimensions = [(d, labels.question(d)) for d in ("municipality", "region", "role", "channel")]
    return {"triads": labels.of_type("triad"), "sliders": labels.of_type("dyad"),
            "tables": labels.of_type("multiple_choice", "single_choice") + dimensions}


def bin_counts(values: Sequence[int | None]) -> int:
    """The stories shown in visible bins (for checks against independent counts)."""
    return sum(v for v in values if v is not None)
