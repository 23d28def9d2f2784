"""What a reader may learn about one story: its context (place, period, role), generalised until every
combination is shared by enough stories (k-anonymity). Pure: no I/O.

Stories can be listed one by one, and whatever can be listed can be counted (docs/disclosure.md). So the
context shown on a story, and the filters a story list accepts, use the *released* values only: one
generalisation level for the whole index (full-domain recoding), chosen as the finest node of a small lattice
at which at most `max_outliers` of the stories fall in a class that breaks the disclosure rules. Those stories
are still listed (their text is what a reader came for), but without any context, and no list filter on place,
period or role ever matches them. Any story list without free text is therefore a union of whole classes of at
least `min_cell` stories from at least `min_tenants` municipalities.

One level for everyone, not one per story: with per-story levels a reader could work out by elimination which
finer class a generalised story must come from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import product

from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.disclosure import CellStats, DisclosurePolicy, primary

# The finest context the index knows of a story: (municipality, region, month "YYYY-MM", role).
Cell = tuple[str, str, str, str]

PLACE_LEVELS = ("region", "all")
PERIOD_LEVELS = ("month", "quarter", "year", "all")
ROLE_LEVELS = ("role", "all")
ALL = "*"


@dataclass(frozen=True)
class Level:
    place: str = "region"
    period: str = "month"
    role: str = "role"

    @property
    def height(self) -> int:
        return PLACE_LEVELS.index(self.place) + PERIOD_LEVELS.index(self.period) + ROLE_LEVELS.index(self.role)


LATTICE = tuple(Level(p, t, r) for p, t, r in product(PLACE_LEVELS, PERIOD_LEVELS, ROLE_LEVELS))
TOP = Level("all", "all", "all")


def period_label(month: str, level: str) -> str:
    """'2026-09' at month level, '2026-K3' (kwartaal) at quarter level, '2026' at year level."""
    year, number = month.split("-")
    if level == "month":
        return month
    if level == "quarter":
        return f"{year}-K{(int(number) - 1) // 3 + 1}"
    if level == "year":
        return year
    return ALL


def generalise(cell: Cell, level: Level) -> tuple[str, str, str]:
    _, region, month, role = cell
    return (region if level.place == "region" else ALL, period_label(month, level.period),
            role if level.role == "role" else ALL)


@dataclass(frozen=True)
class Context:
    """The released context of one story; all None when the story's class is too small to show."""

    region: str | None
    period: str | None
    role: str | None

    @property
    def withheld(self) -> bool:
        return self.region is None and self.period is None and self.role is None


WITHHELD = Context(None, None, None)


@dataclass(frozen=True)
class Release:
    level: Level
    # Finest cells whose class at `level` breaks the rules: listed without context, never matched by filters.
    outliers: frozenset[Cell]
    # Finest cells known when the release was computed; a story from an unknown cell arrived later.
    known: frozenset[Cell]
    stories: int = 0
    withheld_stories: int = 0

    def context(self, cell: Cell) -> Context:
        if cell in self.outliers or cell not in self.known:
            return WITHHELD
        region, period, role = generalise(cell, self.level)
        return Context(None if region == ALL else region, None if period == ALL else period,
                       None if role == ALL else role)

    def filterable(self) -> dict[str, bool]:
        return {"regions": self.level.place == "region", "period": self.level.period != "all",
                "roles": self.level.role == "role"}

    def releasable_cells(self) -> list[str]:
        """`qi_cell` keys a filtered story list may return: known cells whose class keeps the rules."""
        return sorted(cell_key(c) for c in self.known - self.outliers)


def cell_of(source: Mapping[str, object]) -> Cell:
    """The finest context of an indexed story document."""
    return (str(source.get(doc.TENANT, "")), str(source.get(doc.REGION, "")),
            str(source.get(doc.WEEK_START, ""))[:7], str(source.get(doc.ROLE, "")))


def cell_key(cell: Cell) -> str:
    """The index field `qi_cell`: municipality|month|role (the region follows from the municipality)."""
    tenant, _, month, role = cell
    return doc.qi_cell(tenant, month, role)


def _classes(cells: Mapping[Cell, int], level: Level) -> dict[tuple[str, str, str], CellStats]:
    counts: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cell, n in cells.items():
        counts[generalise(cell, level)][cell[0]] += n
    return {k: CellStats(sum(per.values()), len(per), max(per.values())) for k, per in counts.items()}


@dataclass
class _Candidate:
    level: Level
    outliers: set[Cell] = field(default_factory=set)
    withheld: int = 0


def choose_release(cells: Mapping[Cell, int], policy: DisclosurePolicy, max_outliers: float = 0.05) -> Release:
    """The finest level (smallest height; then fewest withheld stories) at which at most `max_outliers` of the
    stories sit in classes that break the rules; the top of the lattice when none does."""
    total = sum(cells.values())
    candidates: list[_Candidate] = []
    for level in LATTICE:
        classes = _classes(cells, level)
        failing = primary(classes, policy)
        outliers = {c for c in cells if generalise(c, level) in failing}
        candidates.append(_Candidate(level, outliers, sum(cells[c] for c in outliers)))
    fitting = [c for c in candidates if total and c.withheld <= max_outliers * total]
    best = min(fitting, key=lambda c: (c.level.height, c.withheld)) if fitting else next(
        c for c in candidates if c.level == TOP)
    return Release(best.level, frozenset(best.outliers), frozenset(cells), total, best.withheld)


def month_bounds(value: date, end: bool) -> date:
    """Periods are whole months (a week belongs to the month of its Monday)."""
    if not end:
        return value.replace(day=1)
    following = value.replace(year=value.year + value.month // 12, month=value.month % 12 + 1, day=1)
    return date.fromordinal(following.toordinal() - 1)


def snap_period(value: date, level: str, end: bool) -> date:
    """Round a date to the start (or end) of the released period that holds it."""
    if level == "month":
        return month_bounds(value, end)
    if level == "quarter":
        first_month = (value.month - 1) // 3 * 3 + 1
        anchor = value.replace(month=first_month + (2 if end else 0), day=1)
        return month_bounds(anchor, end)
    return date(value.year, 12, 31) if end else date(value.year, 1, 1)
