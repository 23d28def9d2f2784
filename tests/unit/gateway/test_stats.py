import math

import pytest

from vertelpunt.gateway.stats import (
    chi_square,
    hotelling_two_sample,
    ilr_inverse,
    triad_summary,
    two_proportions,
    wilson,
)
from vertelpunt.search.documents import ilr


def test_wilson_interval_matches_the_textbook_value() -> None:
    interval = wilson(81, 263)  # Agresti & Coull style example

    assert interval.value == pytest.approx(0.308, abs=1e-3)
    assert interval.lower == pytest.approx(0.2553, abs=1e-3)
    assert interval.upper == pytest.approx(0.3662, abs=1e-3)


def test_chi_square_detects_a_clear_difference_and_explains_it_in_dutch() -> None:
    result = chi_square([[40, 10], [15, 35]])

    assert result.p_value < 0.001 and 0.4 < result.effect_size < 0.6
    assert result.explanation.startswith("Het verschil is waarschijnlijk geen toeval (p = 0,")


def test_two_proportions_without_difference() -> None:
    result = two_proportions(30, 60, 31, 60)

    assert result.p_value > 0.5
    assert "toeval" in result.explanation


def test_ilr_round_trip() -> None:
    for composition in [(0.2, 0.5, 0.3), (0.6, 0.2, 0.2), (1 / 3, 1 / 3, 1 / 3)]:
        assert ilr_inverse(*ilr(*composition)) == pytest.approx(composition, abs=1e-9)


def _summary(points: list[tuple[float, float, float]]):  # type: ignore[no-untyped-def]
    coords = [ilr(*p) for p in points]
    return triad_summary(len(coords), sum(c[0] for c in coords), sum(c[1] for c in coords),
                         sum(c[0] ** 2 for c in coords), sum(c[1] ** 2 for c in coords),
                         sum(c[0] * c[1] for c in coords))


def test_geometric_mean_and_confidence_region() -> None:
    points = [(0.2 + 0.01 * (i % 5), 0.5 - 0.01 * (i % 3), 0.3) for i in range(40)]
    summary = _summary(points)
    a, b, c = summary.geometric_mean

    assert a + b + c == pytest.approx(1)
    assert a == pytest.approx(0.22, abs=0.02) and b == pytest.approx(0.49, abs=0.02)
    region = summary.confidence_region()
    assert len(region) == 48 and all(math.isclose(sum(p), 1) for p in region)
    assert min(p[0] for p in region) < a < max(p[0] for p in region)


def test_hotelling_separates_shifted_triads() -> None:
    points = [(0.6 - 0.01 * (i % 7), 0.2 + 0.01 * (i % 5), 0.2) for i in range(40)]
    before = _summary(points)
    after = _summary([(0.2 + 0.01 * (i % 7), 0.2, 0.6 - 0.01 * (i % 5)) for i in range(40)])
    same = _summary(points[::2] + points[1::2][::-1])  # the same answers, told in another order

    assert hotelling_two_sample(before, after).p_value < 0.001
    assert hotelling_two_sample(before, same).p_value > 0.01
