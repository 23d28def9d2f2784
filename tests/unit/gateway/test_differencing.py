"""Property tests against an in-memory backend: no visible count is small, and no two queries that differ by
one filter value reveal a suppressed cell by subtraction."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from vertelpunt.gateway.analytics import Analytics, Table
from vertelpunt.gateway.backend import Dim, MomentSums
from vertelpunt.gateway.disclosure import CellStats, DisclosurePolicy, Key
from vertelpunt.gateway.filters import StoryFilter

FIELDS = {"tenant": ["GM0001", "GM0002", "GM0003", "GM0004"], "role": ["staff", "client", "other"],
          "choice.situatie": ["schulden", "werk", "taal"], "choice.uitkomst-hielp": ["ja", "nee"]}


@dataclass(frozen=True)
class Doc:
    tenant: str
    role: str
    situatie: str
    helped: str
    month: date = date(2026, 1, 1)

    def value(self, field: str) -> str:
        return {"tenant": self.tenant, "role": self.role, "choice.situatie": self.situatie,
                "choice.uitkomst-hielp": self.helped, "week_start": self.month.isoformat()}[field]


class MemoryBackend:
    """Counts the same way OpenSearch does, for single-valued fields."""

    def __init__(self, docs: list[Doc]) -> None:
        self.docs = docs

    def _matches(self, doc: Doc, flt: StoryFilter) -> bool:
        in_period = (flt.week_from is None or doc.month >= flt.week_from) and (
            flt.week_to is None or doc.month <= flt.week_to)
        return in_period and all(doc.value(field) in values for field, values in flt.categorical())

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        groups: dict[Key, list[Doc]] = {}
        for doc in self.docs:
            if self._matches(doc, flt):
                groups.setdefault(tuple(doc.value(d.field) for d in dims), []).append(doc)
        return {k: CellStats(len(v), len({d.tenant for d in v}), max(Counter(d.tenant for d in v).values()))
                for k, v in groups.items()}

    def moments(self, question: str, flt: StoryFilter) -> MomentSums:
        return MomentSums(0, 0, 0, 0, 0, 0)


docs = st.lists(st.builds(Doc, st.sampled_from(FIELDS["tenant"]), st.sampled_from(FIELDS["role"]),
                          st.sampled_from(FIELDS["choice.situatie"]), st.sampled_from(FIELDS["choice.uitkomst-hielp"])),
                min_size=20, max_size=400)
POLICY = DisclosurePolicy(min_cell=10, min_tenants=3)


def _filter(field: str | None, value: str | None) -> StoryFilter:
    if field is None or value is None:
        return StoryFilter()
    if field == "role":
        return StoryFilter(roles=(value,))
    if field == "tenant":
        return StoryFilter(municipalities=(value,))
    return StoryFilter(choices=((field.removeprefix("choice."), value),))


@settings(max_examples=150, deadline=None)
@given(docs, st.sampled_from(["role", "tenant", "choice.uitkomst-hielp"]))
def test_no_small_visible_count_and_no_differencing_by_one_filter_value(corpus: list[Doc], field: str) -> None:
    analytics = Analytics(MemoryBackend(corpus), POLICY)
    dims = [Dim("choice.situatie")]
    unfiltered = analytics.table(dims, StoryFilter())
    filtered = {value: analytics.table(dims, _filter(field, value)) for value in FIELDS[field]}

    for table in [unfiltered, *filtered.values()]:
        for key, stats in table.raw.items():
            if key not in table.hidden:
                assert stats.count >= 10 and stats.tenants >= 3
    for key in unfiltered.raw:
        hidden_values = [v for v, t in filtered.items() if key in t.raw and key in t.hidden]
        visible_unfiltered = key not in unfiltered.hidden
        # If the unfiltered cell and all but one filtered cell were visible, subtraction would reveal the one.
        if visible_unfiltered:
            assert len(hidden_values) != 1, (key, hidden_values)


MONTHS = [date(2026, m, 1) for m in range(1, 7)]
dated_docs = st.lists(st.builds(Doc, st.sampled_from(FIELDS["tenant"]), st.sampled_from(FIELDS["role"]),
                                st.sampled_from(FIELDS["choice.situatie"]),
                                st.sampled_from(FIELDS["choice.uitkomst-hielp"]), st.sampled_from(MONTHS)),
                      min_size=20, max_size=500)


def _visible(table: Table, key: Key) -> int | None:
    return None if key in table.hidden else (table.raw[key].count if key in table.raw else 0)


@settings(max_examples=120, deadline=None)
@given(dated_docs)
def test_no_two_period_ranges_differ_by_a_small_number(corpus: list[Doc]) -> None:
    """Every pair of month ranges (and no range at all): when both counts of a cell are shown, their
    difference is 0 or at least min_cell (the overlapping-periods attack)."""
    analytics = Analytics(MemoryBackend(corpus), POLICY)
    dims = [Dim("choice.situatie")]
    ranges = [(None, None)] + [(MONTHS[i], MONTHS[j]) for i in range(len(MONTHS)) for j in range(i, len(MONTHS))]
    tables = [analytics.table(dims, StoryFilter(week_from=a, week_to=b)) for a, b in ranges]
    for key in {k for t in tables for k in t.raw}:
        shown = sorted({v for t in tables if (v := _visible(t, key)) is not None})
        differences = [b - a for a, b in itertools.pairwise(shown)]
        assert all(d >= POLICY.min_cell for d in differences), (key, shown)


def test_period_check_can_fail_without_the_month_rule() -> None:
    """Without the month rule, two ranges one month apart reveal a small month."""
    corpus = [Doc(t, "staff", "schulden", "ja", MONTHS[0]) for t in FIELDS["tenant"] for _ in range(5)]
    corpus += [Doc("GM0001", "staff", "schulden", "ja", MONTHS[1]), Doc("GM0002", "staff", "schulden", "ja",
                                                                        MONTHS[1])]
    analytics = Analytics(MemoryBackend(corpus), POLICY)
    analytics._small_months = lambda *args: set()  # type: ignore[method-assign]
    dims = [Dim("choice.situatie")]
    january = analytics.table(dims, StoryFilter(week_from=MONTHS[0], week_to=MONTHS[0]))
    both = analytics.table(dims, StoryFilter(week_from=MONTHS[0], week_to=MONTHS[1]))

    assert _visible(both, ("schulden",)) - _visible(january, ("schulden",)) == 2  # type: ignore[operator]
    defended = Analytics(MemoryBackend(corpus), POLICY)
    assert _visible(defended.table(dims, StoryFilter(week_from=MONTHS[0], week_to=MONTHS[1])), ("schulden",)) is None
