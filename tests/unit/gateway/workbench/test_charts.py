"""Chart geometry and specs: the ternary projection, bins clipped to the triangle, withheld values in words."""

from __future__ import annotations

import json
import math

import pytest

from vertelpunt.gateway.workbench import charts
from vertelpunt.gateway.workbench.views.common import SUPPRESSED


def _area(points: list[tuple[float, float, float]]) -> float:
    flat = [charts.project(*p) for p in points]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(flat, flat[1:] + flat[:1], strict=True))) / 2


def test_corners_and_centre_land_where_the_labels_are() -> None:
    assert charts.project(1, 0, 0) == pytest.approx((0.5, math.sqrt(3) / 2))
    assert charts.project(0, 1, 0) == pytest.approx((0.0, 0.0))
    assert charts.project(0, 0, 1) == pytest.approx((1.0, 0.0))
    assert charts.project(1 / 3, 1 / 3, 1 / 3) == pytest.approx((0.5, math.sqrt(3) / 6))


@pytest.mark.parametrize("bins", [2, 4, 7])
def test_bins_tile_the_triangle_exactly(bins: int) -> None:
    width = 1 / bins
    polygons = [charts.bin_polygon(i * width, j * width, width) for i in range(bins) for j in range(bins)]
    assert sum(_area(p) for p in polygons if p) == pytest.approx(math.sqrt(3) / 4)
    assert all(abs(a + b + c - 1) < 1e-9 and c >= 0 for p in polygons for a, b, c in p)


def test_a_bin_on_the_edge_is_a_triangle_and_one_outside_is_empty() -> None:
    assert len(charts.bin_polygon(0.8, 0.0, 0.2)) == 3
    assert len(charts.bin_polygon(0.0, 0.0, 0.2)) == 4
    assert charts.bin_polygon(0.8, 0.4, 0.2) == []


def test_withheld_bins_are_grey_and_say_so_never_zero() -> None:
    spec = charts.ternary("uitleg", ("A", "B", "C"), [{"a_from": 0.0, "b_from": 0.0, "width": 0.5, "count": None},
                                                        {"a_from": 0.5, "b_from": 0.0, "width": 0.5, "count": 12}],
                          [{"name": "Alle", "mean": (0.2, 0.3, 0.5), "region": [(0.2, 0.3, 0.5)] * 3,
                            "colour": charts.ACCENT}])
    cells = spec["layer"][0]["data"]["values"]
    assert [c["properties"]["label"] for c in cells] == [SUPPRESSED, "12"]
    assert cells[0]["properties"]["count"] is None
    assert spec["layer"][0]["encoding"]["color"]["condition"]["value"] == charts.EMPTY
    assert spec["description"] == "uitleg" and spec["projection"]["type"] == "identity"


def test_share_bars_write_withheld_rows_in_words() -> None:
    spec = charts.share_bars("uitleg", [{"label": "Budgetcoaching", "share": 0.7, "lower": 0.6, "upper": 0.8},
                                        {"label": "Uitleg", "share": None, "lower": None, "upper": None}], "Aandeel")
    values = spec["data"]["values"]
    assert [v["shown"] for v in values] == ["70%", SUPPRESSED]
    assert "0%" not in json.dumps(values[1])


def test_slider_labels_are_quoted_safely_for_the_expression() -> None:
    spec = charts.histogram("uitleg", [{"start": 0.0, "end": 0.5, "count": 3}], ("Klant's kant", "Andere"))
    assert "Klant\\'s kant" in spec["layer"][0]["encoding"]["x"]["axis"]["labelExpr"]
