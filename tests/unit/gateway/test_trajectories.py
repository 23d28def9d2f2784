"""Trajectories count threads, not stories: property tests against an in-memory set of thread stories, in the
style of test_differencing.py. No visible cell holds fewer than 10 threads or 3 municipalities, no one-filter
difference or pair of month ranges reveals a small number of threads, and one client's many follow-ups never
fill a cell alone."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.analytics import Analytics, Table
from vertelpunt.gateway.backend import Dim
from vertelpunt.gateway.disclosure import DisclosurePolicy, Key
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.trajectories import (
    FIRST,
    LATER,
    STAGE,
    StageRecord,
    ThreadBackend,
    ThreadStory,
    Trajectories,
    stage_records,
)

pytestmark = pytest.mark.unit

TENANTS = ["GM0307", "GM0344", "GM0599", "GM1680"]
POLICY = DisclosurePolicy(min_cell=10, min_tenants=3, min_denominator=30)
START = date(2026, 2, 2)


def _story(thread: str, number: int, tenant: str, helped: str, week: int, slider: float = 0.5,
           role: str = "client") -> ThreadStory:
    return ThreadStory(thread=thread, number=number, week_start=START + timedelta(weeks=week),
                       context={doc.TENANT: tenant, doc.ROLE: role, doc.REGION: "Utrecht"},
                       choices={"uitkomst-hielp": (helped,), "situatie": ("inkomen",)},
                       dyads={"ruimte": slider})


@st.composite
def threads(draw: st.DrawFn) -> list[ThreadStory]:
    """Threads of 1 to 7 stories, weeks apart, in four municipalities; some lose their first story."""
    stories: list[ThreadStory] = []
    for index in range(draw(st.integers(min_value=5, max_value=80))):
        tenant = draw(st.sampled_from(TENANTS))
        length = draw(st.integers(min_value=1, max_value=7))
        week = draw(st.integers(min_value=0, max_value=8))
        first_kept = draw(st.booleans()) or draw(st.booleans())
        for number in range(1, length + 1):
            week += draw(st.integers(min_value=0, max_value=6))
            if number == 1 and not first_kept:
                continue
            helped, role = draw(st.sampled_from(["ja", "nee"])), draw(st.sampled_from(["client", "staff"]))
            stories.append(_story(f"t{index}", number, tenant, helped, week, draw(st.floats(0, 1)), role))
    return stories


def _trajectories(stories: list[ThreadStory]) -> Trajectories:
    backend = ThreadBackend(lambda: stories)
    return Trajectories(Analytics(backend, POLICY), backend)


def _visible(table: Table, key: Key) -> int | None:
    return None if key in table.hidden else (table.raw[key].count if key in table.raw else 0)


def test_each_continued_thread_gives_its_first_and_its_latest_story() -> None:
    stories = [_story("a", 1, "GM0307", "nee", 0), _story("a", 2, "GM0307", "nee", 3),
               _story("a", 3, "GM0307", "ja", 9), _story("b", 1, "GM0344", "ja", 1),
               _story("c", 2, "GM0599", "ja", 4), _story("c", 3, "GM0599", "ja", 6)]

    records = stage_records(stories)

    assert [(r.thread, r.stage, r.story.number, r.gap_weeks) for r in records] == [
        ("a", FIRST, 1, None), ("a", LATER, 3, 9)]  # b never continued; c lost its first story


@settings(max_examples=60, deadline=None)
@given(threads())
def test_no_visible_cell_holds_few_threads_whatever_the_number_of_stories(stories: list[ThreadStory]) -> None:
    trajectories = _trajectories(stories)
    records = trajectories.backend.records()
    table = trajectories.analytics.table([Dim(STAGE), Dim("choice.uitkomst-hielp")], StoryFilter())

    for key in table.raw:
        if key not in table.hidden:
            in_cell = [r for r in records if (r.stage, *r.story.choices["uitkomst-hielp"]) == key]
            tenants = {r.story.context[doc.TENANT] for r in in_cell}
            per_tenant = [sum(1 for r in in_cell if r.story.context[doc.TENANT] == t) for t in tenants]
            assert len({r.thread for r in in_cell}) >= 10 and len(tenants) >= 3
            assert len(in_cell) - max(per_tenant) >= 10  # dominance, in threads
    for row in trajectories.outcome("uitkomst-hielp", "ja", StoryFilter()):
        if not row.share.suppressed:
            assert row.threads.value is not None and row.threads.value >= POLICY.min_denominator


@settings(max_examples=50, deadline=None)
@given(threads())
def test_no_one_filter_difference_reveals_a_hidden_cell_of_threads(stories: list[ThreadStory]) -> None:
    analytics = _trajectories(stories).analytics
    dims = [Dim(STAGE), Dim("choice.uitkomst-hielp")]
    unfiltered = analytics.table(dims, StoryFilter())
    filtered = {t: analytics.table(dims, StoryFilter(municipalities=(t,))) for t in TENANTS}

    for key in unfiltered.raw:
        hidden = [t for t, table in filtered.items() if key in table.raw and key in table.hidden]
        if key not in unfiltered.hidden:
            assert len(hidden) != 1, (key, hidden)


@settings(max_examples=40, deadline=None)
@given(threads())
def test_no_two_month_ranges_differ_by_a_few_threads(stories: list[ThreadStory]) -> None:
    analytics = _trajectories(stories).analytics
    months = [date(2026, m, 1) for m in range(2, 8)]
    ends = [date(2026, m + 1, 1) - timedelta(days=1) for m in range(2, 8)]
    ranges = [(None, None)] + [(months[i], ends[j]) for i in range(len(months)) for j in range(i, len(months))]
    tables = [analytics.table([Dim(STAGE)], StoryFilter(week_from=a, week_to=b)) for a, b in ranges]

    for key in {k for t in tables for k in t.raw}:
        shown = sorted({v for t in tables if (v := _visible(t, key)) is not None})
        assert all(b - a >= POLICY.min_cell for a, b in itertools.pairwise(shown)), (key, shown)


def test_one_clients_many_follow_ups_never_fill_a_cell() -> None:
    """Twenty-six follow-ups from two clients: counted in stories the later stage holds 24
    'ja' answers, counted in threads it holds 2, so it is withheld."""
    stories = [_story(f"{t}-{i}", n, t, "ja", n) for t in TENANTS[:2] for i in range(1) for n in range(1, 14)]
    stories += [_story(f"x{i}", n, TENANTS[i % 4], "nee", n) for i in range(40) for n in (1, 2)]
    trajectories = _trajectories(stories)
    table = trajectories.analytics.table([Dim(STAGE), Dim("choice.uitkomst-hielp")], StoryFilter())

    assert (LATER, "ja") in table.hidden and table.raw[(LATER, "ja")].count == 2
    per_story = [s for s in stories if s.number >= 2 and s.choices["uitkomst-hielp"] == ("ja",)]
    assert len(per_story) == 24  # what a story-counting trajectory would have shown


def test_means_are_withheld_below_the_minimum_number_of_threads() -> None:
    few = [_story(f"f{i}", n, TENANTS[i % 4], "ja", 2 * n, slider=0.2 * n) for i in range(20) for n in (1, 2)]
    many = [_story(f"m{i}", n, TENANTS[i % 4], "ja", 3 * n, slider=0.3 * n) for i in range(36) for n in (1, 2)]

    [first_few, later_few] = _trajectories(few).slider("ruimte", StoryFilter())
    [first_many, later_many] = _trajectories(many).slider("ruimte", StoryFilter())
    bands, mean_gap = _trajectories(many).gaps(StoryFilter())

    assert first_few.mean is None and later_few.mean is None and later_few.threads.value == 20
    assert first_many.mean == pytest.approx(0.3) and later_many.mean == pytest.approx(0.6)
    assert mean_gap == pytest.approx(3.0) and [(b.weeks_from, b.weeks_to, b.threads.value) for b in bands] == [
        (0, 3, 36)]


def test_the_thread_id_is_never_a_dimension() -> None:
    record = StageRecord("t1", FIRST, _story("t1", 1, "GM0307", "ja", 0), None)

    with pytest.raises(BadInput):
        record.values(doc.THREAD)
    assert doc.THREAD not in doc.DIMENSIONS.values()


def test_no_part_of_a_withheld_group_is_shown_not_even_none() -> None:
    """One client's thread alone: the stage is withheld, and so is how many of it said 'ja' (0 would tell)."""
    alone = [_story("t1", 1, "GM0307", "nee", 0), _story("t1", 2, "GM0307", "nee", 5)]

    outcome = _trajectories(alone).outcome("uitkomst-hielp", "ja", StoryFilter())

    assert all(row.threads.suppressed and row.positive.suppressed and row.positive.value is None for row in outcome)
