"""Reflection (pure parts): the gateway's answer for the storyteller's situation and intervention, a withheld
share stays withheld, and no gateway means a kind message, never an error."""

from __future__ import annotations

import pytest

from vertelpunt.intake.sector_gateway import ask_gateway
from vertelpunt.intake.web.reflection import QUERY, reflection_from
from vertelpunt.intake.web.sector import percentages, triad_point

pytestmark = pytest.mark.unit

ANSWER = {
    "whatWorks": [
        {"intervention": "schuldhulp", "stories": {"value": 41, "suppressed": False},
         "positiveShare": {"value": 0.61, "lower": 0.46, "upper": 0.74, "suppressed": False}},
        {"intervention": "keukentafelgesprek", "stories": {"value": None, "suppressed": True},
         "positiveShare": {"value": None, "lower": None, "upper": None, "suppressed": True}},
    ],
    "triadPattern": {"answered": {"value": 300, "suppressed": False}, "geometricMean": {"a": 0.2, "b": 0.3, "c": 0.5}},
    "searchStories": {"edges": [{"node": {"id": "x1", "title": "Werk en schulden", "text": "Na het gesprek " * 60}},
                                {"node": {"id": "x2", "title": "Mijn eigen", "text": "Wat ik zelf vertelde."}}]},
}


def test_the_share_for_the_own_intervention_is_taken_with_its_interval() -> None:
    result = reflection_from(ANSWER, "werk", "schuldhulp", (0.6, 0.2, 0.2))

    assert result.available and result.stories == 41
    assert result.share == {"value": 0.61, "lower": 0.46, "upper": 0.74, "suppressed": False}
    assert result.sector_triad == (0.2, 0.3, 0.5)
    assert result.similar[0]["title"] == "Werk en schulden" and len(result.similar[0]["text"]) == 400


def test_a_withheld_share_stays_withheld() -> None:
    result = reflection_from(ANSWER, "werk", "keukentafelgesprek", None)

    assert result.share is None and result.stories is None and result.available


def test_no_answer_from_the_gateway_is_a_kind_unavailable_not_an_error() -> None:
    assert ask_gateway("http://127.0.0.1:9/graphql", "token", QUERY, {"situation": "werk", "query": "werk"}) is None
    assert ask_gateway("file:///etc/passwd", "token", QUERY, {}) is None
    assert not reflection_from(None, "werk", "schuldhulp", None).available


def test_a_triad_answer_is_placed_in_the_triangle() -> None:
    assert triad_point((1.0, 0.0, 0.0)) == (100.0, 10.0)
    assert triad_point((0.0, 0.5, 0.5)) == (100.0, 190.0)
    assert triad_point(None) is None


def test_own_stories_are_never_among_the_similar_ones() -> None:
    result = reflection_from(ANSWER, "werk", "schuldhulp", None, frozenset({"Wat ik zelf vertelde."}))
    everything = reflection_from(ANSWER, "werk", "schuldhulp", None)

    assert [s["title"] for s in result.similar] == ["Werk en schulden"]
    assert [s["title"] for s in everything.similar] == ["Werk en schulden", "Mijn eigen"]


def test_triad_percentages_are_whole_and_add_up_to_a_hundred() -> None:
    assert percentages((1 / 3, 1 / 3, 1 / 3)) == (34, 33, 33)
    assert percentages((0.255, 0.5, 0.245)) == (26, 50, 24)
    assert sum(percentages((0.123, 0.456, 0.421)) or ()) == 100
    assert percentages(None) is None
