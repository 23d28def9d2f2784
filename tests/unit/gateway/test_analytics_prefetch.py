"""Batched reads (Analytics.prefetch): the same tables as one read at a time, and nothing left to read singly."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.gateway.test_differencing import FIELDS, POLICY, Doc, MemoryBackend, docs
from vertelpunt.gateway.analytics import Analytics
from vertelpunt.gateway.backend import Dim
from vertelpunt.gateway.disclosure import CellStats, Key
from vertelpunt.gateway.filters import StoryFilter

pytestmark = pytest.mark.unit


class BatchingBackend(MemoryBackend):
    def __init__(self, corpus: list[Doc]) -> None:
        super().__init__(corpus)
        self.batches: list[int] = []
        self.single_reads = 0

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        self.single_reads += 1
        return super().cells(dims, flt)

    def cells_many(self, wanted: list[tuple[list[Dim], StoryFilter]]) -> list[dict[Key, CellStats]]:
        self.batches.append(len(wanted))
        return [MemoryBackend.cells(self, dims, flt) for dims, flt in wanted]


FILTERS = st.sampled_from([
    StoryFilter(),
    StoryFilter(roles=("client",)),
    StoryFilter(roles=("staff", "other")),
    StoryFilter(municipalities=("GM0002",)),
    StoryFilter(week_from=date(2026, 1, 1), week_to=date(2026, 1, 31)),
    StoryFilter(roles=("staff",), week_from=date(2026, 1, 1)),
])


@settings(max_examples=80, deadline=None)
@given(docs, FILTERS, st.sampled_from(FIELDS["choice.situatie"]))
def test_batched_reads_give_the_same_answers_and_leave_nothing_to_read_singly(
        corpus: list[Doc], flt: StoryFilter, situation: str) -> None:
    one_by_one = Analytics(MemoryBackend(corpus), POLICY)
    batching = BatchingBackend(corpus)
    batched = Analytics(batching, POLICY)

    helped = [Dim("choice.uitkomst-hielp")]
    scoped = flt.with_choice("situatie", situation)
    batched.prefetch((helped, scoped), ([Dim("role"), *helped], scoped))
    assert len(batching.batches) == 1
    for dims in (helped, [Dim("role"), *helped]):
        table, expected = batched.table(dims, scoped), one_by_one.table(dims, scoped)
        assert (table.raw, table.hidden, table.total) == (expected.raw, expected.hidden, expected.total)
    assert batching.single_reads == 0

    table, margins = batched.cross_tab(["role", "choice.uitkomst-hielp"], flt)
    expected, expected_margins = one_by_one.cross_tab(["role", "choice.uitkomst-hielp"], flt)
    assert (table.raw, table.hidden, table.total) == (expected.raw, expected.hidden, expected.total)
    assert [(m.raw, m.hidden) for m in margins] == [(m.raw, m.hidden) for m in expected_margins]
    assert batching.single_reads == 0

    a, b = StoryFilter(roles=("client",)), StoryFilter(roles=("staff",))
    assert batched.compare_groups("uitkomst-hielp", a, b) == one_by_one.compare_groups("uitkomst-hielp", a, b)
    assert batching.single_reads == 0


def test_without_prefetch_every_table_is_a_single_read() -> None:
    # The counter above can fail: table reads outside a prefetch are counted.
    corpus = [Doc("GM0001", "staff", "werk", "ja")] * 12
    backend = BatchingBackend(corpus)
    Analytics(backend, POLICY)._cells([Dim("role")], StoryFilter())
    assert backend.single_reads == 1 and backend.batches == []
