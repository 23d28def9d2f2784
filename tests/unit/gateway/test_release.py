"""The k-anonymous release of story context: what a reader can list is a union of classes that keep the
disclosure rules, whatever filters it combines."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.release import (
    TOP,
    Cell,
    Level,
    Release,
    choose_release,
    generalise,
    period_label,
    snap_period,
)
from vertelpunt.gateway.stories import ListFilter

pytestmark = pytest.mark.unit
POLICY = DisclosurePolicy(min_cell=10, min_tenants=3)
REGIONS = {"GM0001": "Noord", "GM0002": "Noord", "GM0003": "Noord", "GM0004": "Zuid", "GM0005": "Zuid",
           "GM0006": "Oost"}
MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
ROLES = ["staff", "client", "other"]

stories = st.lists(st.tuples(st.sampled_from(sorted(REGIONS)), st.sampled_from(MONTHS), st.sampled_from(ROLES)),
                   min_size=0, max_size=600)


def _cells(rows: list[tuple[str, str, str]]) -> dict[Cell, int]:
    return dict(Counter((tenant, REGIONS[tenant], month, role) for tenant, month, role in rows))


def _violations(cells: dict[Cell, int], release: Release) -> list[tuple[str, ...]]:
    """Released context tuples (as a reader sees them on listed stories) that break the rules."""
    shown: dict[tuple[str | None, ...], Counter[str]] = defaultdict(Counter)
    for cell, n in cells.items():
        context = release.context(cell)
        if not context.withheld:
            shown[(context.region, context.period, context.role)][cell[0]] += n
    return [tuple(map(str, key)) for key, per in shown.items()
            if sum(per.values()) < POLICY.min_cell or len(per) < POLICY.min_tenants
            or sum(per.values()) - max(per.values()) < POLICY.min_cell]


@settings(max_examples=200, deadline=None)
@given(stories)
def test_every_shown_context_is_shared_by_enough_stories_from_enough_municipalities(
        rows: list[tuple[str, str, str]]) -> None:
    cells = _cells(rows)
    release = choose_release(cells, POLICY, max_outliers=0.05)

    assert _violations(cells, release) == []
    assert release.level == TOP or release.withheld_stories <= 0.05 * release.stories


@settings(max_examples=100, deadline=None)
@given(stories, st.sets(st.sampled_from(["Noord", "Zuid", "Oost"])), st.sets(st.sampled_from(ROLES)))
def test_any_filtered_list_is_empty_or_large_enough(rows: list[tuple[str, str, str]], regions: set[str],
                                                    roles: set[str]) -> None:
    cells = _cells(rows)
    release = choose_release(cells, POLICY)
    allowed = release.filterable()
    if (regions and not allowed["regions"]) or (roles and not allowed["roles"]):
        return  # refused with a reason (test_list_filters_on_generalised_away_context_are_refused...)
    releasable = set(release.releasable_cells())
    listed = sum(n for cell, n in cells.items()
                 if f"{cell[0]}|{cell[2]}|{cell[3]}" in releasable
                 and (not regions or cell[1] in regions) and (not roles or cell[3] in roles))

    assert listed == 0 or listed >= POLICY.min_cell


def test_the_check_fails_when_context_is_shown_ungeneralised() -> None:
    """The property above can fail: the finest context, shown as is, singles out small groups."""
    rows = [("GM0001", "2026-01", "staff")] * 12 + [("GM0002", "2026-01", "client")] * 2 + \
           [("GM0003", "2026-02", "other")] * 30 + [("GM0004", "2026-02", "staff")] * 30
    cells = _cells(rows)
    ungeneralised = Release(Level("region", "month", "role"), frozenset(), frozenset(cells))

    assert _violations(cells, ungeneralised)
    assert _violations(cells, choose_release(cells, POLICY)) == []


def test_one_level_for_all_stories_and_small_regions_are_generalised() -> None:
    # Region Oost has one municipality: a region on its own can never be shown for it.
    rows = [(t, m, r) for t in REGIONS for m in MONTHS for r in ROLES for _ in range(4)]
    cells = _cells(rows)
    release = choose_release(cells, POLICY)

    contexts = {release.context(c) for c in cells}
    assert all(c.region is None for c in contexts if not c.withheld) or release.level.place == "region"
    assert len({(c.region is None, c.period is None, c.role is None) for c in contexts if not c.withheld}) == 1


def test_a_story_from_a_cell_the_release_does_not_know_shows_no_context() -> None:
    cells = _cells([(t, "2026-01", "staff") for t in REGIONS for _ in range(20)])
    release = choose_release(cells, POLICY)

    assert not release.context(("GM0001", "Noord", "2026-01", "staff")).withheld
    assert release.context(("GM0001", "Noord", "2026-05", "staff")).withheld


def test_period_labels_and_snapping() -> None:
    assert period_label("2026-08", "month") == "2026-08"
    assert period_label("2026-08", "quarter") == "2026-K3"
    assert period_label("2026-12", "year") == "2026"
    assert generalise(("GM0001", "Noord", "2026-02", "staff"), TOP) == ("*", "*", "*")
    assert snap_period(date(2026, 2, 17), "month", end=False) == date(2026, 2, 1)
    assert snap_period(date(2026, 2, 17), "month", end=True) == date(2026, 2, 28)
    assert snap_period(date(2026, 5, 3), "quarter", end=False) == date(2026, 4, 1)
    assert snap_period(date(2026, 5, 3), "quarter", end=True) == date(2026, 6, 30)
    assert snap_period(date(2026, 12, 30), "month", end=True) == date(2026, 12, 31)
    assert snap_period(date(2026, 5, 3), "year", end=True) == date(2026, 12, 31)


def test_list_filters_on_generalised_away_context_are_refused_with_a_reason() -> None:
    release = Release(Level("all", "quarter", "role"), frozenset(), frozenset())

    with pytest.raises(BadInput, match="regio"):
        ListFilter(regions=("Noord",)).clauses(release)
    clauses = ListFilter(roles=("client",), period_from=date(2026, 5, 3)).clauses(release)
    assert {"terms": {"qi_cell": []}} in clauses  # only releasable classes can ever match
    assert {"range": {"week_start": {"gte": "2026-04-01"}}} in clauses
    assert ListFilter().clauses(release) == []
