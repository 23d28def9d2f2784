"""The stories in one pattern cell (Patronen): the link from a heat map cell, triad bin or slider bin (chart and
text table) to its page, and that page's view model. What may be read is decided by the gateway
(`cellStories`, docs/disclosure.md section 5); this module only builds links and words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.common import Filters, count_text
from vertelpunt.gateway.workbench.views.kennisbank import StoryCard, card

PATH = "/werkplaats/patronen/verhalen"
# Cross-table dimensions whose cells cannot be read: the sample would show where a story comes from.
UNREADABLE = frozenset({"municipality", "channel", "campaign"})
Link = Callable[[Mapping[str, Any]], str]


def _href(params: Mapping[str, str]) -> str:
    return f"{PATH}?{urlencode(params)}"


def linker(kind: str, filters: Filters, pattern: Mapping[str, str]) -> Link | None:
    """A function from a cell to the URL of its stories, or None when this pattern's cells cannot be read: with a
    municipality chosen (a story never shows its municipality) or a table by municipality or channel.

    `pattern`: the page's choice (vraag, or rij and kolom); a cell gives its keys (a and b, van, or the two
    values)."""
    if filters.municipality or filters.errors:
        return None
    if kind == "kruistabel" and {pattern.get("rij"), pattern.get("kolom")} & UNREADABLE:
        return None
    base = {"soort": kind, **pattern, **filters.query()}

    def link(cell: Mapping[str, Any]) -> str:
        return _href({**base, **{k: str(v) for k, v in cell.items()}})

    return link


def reason_without_links(kind: str, filters: Filters, pattern: Mapping[str, str]) -> str:
    """Why the cells of this pattern have no links (for the note under the chart)."""
    if filters.municipality:
        return say("cells.no_links.municipality")
    if kind == "kruistabel" and {pattern.get("rij"), pattern.get("kolom")} & UNREADABLE:
        return say("cells.no_links.dimension")
    return say("cells.no_links.filters")


def _start(value: str | None) -> float | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number if 0 <= number <= 1 else None


@dataclass(frozen=True)
class CellRequest:
    """A cell as the page's query parameters name it, turned into `PatternCellInput`."""

    cell: dict[str, Any]
    title: str
    words: list[tuple[str, str]]  # (what, which values) describing the cell
    back: dict[str, str]  # query of the pattern page it came from


def request_of(params: Mapping[str, str], labels: LabelBook, filters: Filters) -> CellRequest | None:
    """The cell the query parameters name, or None when they name none."""
    kind, question = params.get("soort", ""), params.get("vraag", "")
    back = {"soort": kind, **filters.query()}
    if kind == "kruistabel":
        rows, columns, row, column = (params.get(k, "") for k in ("rij", "kolom", "r", "k"))
        if not (rows and columns and row and column):
            return None
        return CellRequest({"crossTab": {"questions": [rows, columns], "keys": [row, column]}},
                           say("cells.title.cross", rows=labels.question(rows), columns=labels.question(columns)),
                           [(labels.question(rows), labels.value(rows, row)),
                            (labels.question(columns), labels.value(columns, column))],
                           {**back, "rij": rows, "kolom": columns})
    try:
        bins = int(params.get("vakken", ""))
    except ValueError:
        return None
    width = 1 / bins if bins > 0 else 0.0
    if kind == "driehoek":
        a_from, b_from = _start(params.get("a")), _start(params.get("b"))
        if not question or a_from is None or b_from is None:
            return None
        corners = labels.corners(question)
        return CellRequest({"triad": {"question": question, "bins": bins, "aFrom": a_from, "bFrom": b_from}},
                           labels.question(question),
                           [(say("patterns.col.corner", name=corners[0]), _range(a_from, width)),
                            (say("patterns.col.corner", name=corners[1]), _range(b_from, width))],
                           {**back, "vraag": question})
    if kind == "schuif":
        start = _start(params.get("van"))
        if not question or start is None:
            return None
        poles = labels.poles(question)
        return CellRequest({"slider": {"question": question, "bins": bins, "start": start}},
                           labels.question(question),
                           [(say("cells.position", left=poles[0], right=poles[1]), _range(start, width))],
                           {**back, "vraag": question})
    return None


def _range(start: float, width: float) -> str:
    return say("cells.range", start=round(start * 100), end=round(min(1.0, start + width) * 100))


@dataclass(frozen=True)
class CellView:
    count: str
    cards: list[StoryCard]
    sample_size: int


def cell_view(answer: Mapping[str, Any], labels: LabelBook) -> CellView:
    return CellView(count_text(answer["count"]), [card(story, labels) for story in answer["stories"]],
                    int(answer["sampleSize"]))
