"""`vertelpunt bench`'s Werkplaats scenario without servers: it loads every page of the menu and writes one row per
view with p50 and p95."""

from __future__ import annotations

import pytest

from vertelpunt.cli.bench import report, werkplaats
from vertelpunt.gateway.workbench.web import NAVIGATION

pytestmark = pytest.mark.unit


def test_every_page_of_the_menu_and_the_stories_of_a_cell_are_measured() -> None:
    paths = {path.split("?")[0] for path in werkplaats.VIEWS.values()}
    assert {f"/werkplaats/{slug}" for slug, _ in NAVIGATION} <= paths
    assert "/werkplaats/patronen/verhalen" in paths
    kinds = {path.split("soort=")[1].split("&")[0] for path in werkplaats.VIEWS.values() if "soort=" in path}
    assert {"driehoek", "schuif", "kruistabel"} <= kinds


def test_the_report_has_a_row_per_view_with_p50_p95_and_failures() -> None:
    rows = report.werkplaats_rows({"size": 1_000_000, "repeats": 20, "views": {
        "Trends": {"p50": 412.4, "p95": 803.0, "loads": 20, "failed": 0},
        "Kennisbank": {"p50": 250.0, "p95": 1210.6, "loads": 18, "failed": 2}}})

    assert rows[0] == ("| Werkplaats view Trends at 1,000,000 stories, headless Chromium, navigation until chart and "
                       "table are drawn (20 loads) | p50 412 ms, p95 803 ms | p95 <= 1 s at 1M |")
    assert "(18 loads, 2 failed)" in rows[1] and "p95 1211 ms" in rows[1]


def test_the_browser_waits_for_every_chart_and_a_table_or_list() -> None:
    for needle in ('.wp-chart[data-spec]', 'dataset.rendered === "error"', "renderedAt", "main table",
                   "main .wp-results", "domContentLoadedEventEnd"):
        assert needle in werkplaats.READY
