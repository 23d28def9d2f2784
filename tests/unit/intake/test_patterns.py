"""The municipality's patterns in "Mijn verhalen" (pure parts): one query for the situations told about, withheld
numbers stay withheld, situations without a single visible number are left out, bars and points in the plots."""

from __future__ import annotations

import json

import pytest
from graphql import parse

from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.web.patterns import BAR_WIDTH, own_points, patterns_from, patterns_query, situations_of

pytestmark = pytest.mark.unit

WITHHELD = {"value": None, "suppressed": True}
SHARE_WITHHELD = {"value": None, "lower": None, "upper": None, "suppressed": True}
ANSWER = {
    "s0": [
        {"intervention": "vrijwilliger", "stories": {"value": 12, "suppressed": False},
         "positive": {"value": 5, "suppressed": False}, "positiveShare": SHARE_WITHHELD},
        {"intervention": "schuldhulp", "stories": {"value": 44, "suppressed": False},
         "positive": {"value": 30, "suppressed": False},
         "positiveShare": {"value": 0.682, "lower": 0.534, "upper": 0.8, "suppressed": False}},
        {"intervention": "uitleg", "stories": WITHHELD, "positive": {"value": 0, "suppressed": False},
         "positiveShare": SHARE_WITHHELD},
    ],
    "s1": [{"intervention": "uitleg", "stories": WITHHELD, "positive": WITHHELD, "positiveShare": SHARE_WITHHELD}],
    "triad": {"answered": {"value": 57, "suppressed": False}, "geometricMean": {"a": 0.25, "b": 0.5, "c": 0.25},
              "confidenceRegion": [{"a": 0.3, "b": 0.45, "c": 0.25}, {"a": 0.2, "b": 0.55, "c": 0.25}]},
}
LABELS = {"schuldhulp": "Schuldhulpverlening", "vrijwilliger": "Een vrijwilliger", "uitleg": "Uitleg"}


def _story(answers: dict[str, object], title: str = "Een titel", status: str = "submitted") -> Story:
    return Story(answers_json=json.dumps(answers), anonymised_title=title, status=status)


def test_one_query_asks_every_situation_inside_the_own_municipality() -> None:
    query = patterns_query(["schulden", "wonen"])

    document = parse(query)  # valid GraphQL
    assert len(document.definitions) == 1
    assert query.count("whatWorks(") == 2 and query.count("filter: $own") == 3
    assert "$s0: String!" in query and "$s1: String!" in query and "triadPattern" in query


def test_rows_with_a_share_come_first_and_withheld_numbers_stay_withheld() -> None:
    result = patterns_from(ANSWER, ["schulden", "wonen"], {"schulden": "Schulden", "wonen": "Wonen"}, LABELS)

    assert result.available and [s.situation for s in result.situations] == ["schulden"]  # wonen: nothing visible
    rows = result.situations[0].rows
    assert [r.intervention for r in rows] == ["schuldhulp", "vrijwilliger", "uitleg"]
    assert rows[0].percent == (68, 53, 80) and rows[0].label == "Schuldhulpverlening"
    assert rows[0].bar == (round(0.682 * BAR_WIDTH, 1), round(0.534 * BAR_WIDTH, 1), round(0.8 * BAR_WIDTH, 1))
    assert rows[1].stories == 12 and rows[1].share is None and rows[1].bar is None
    assert rows[2].stories is None and rows[2].positive is None
    assert [r.intervention for r in result.situations[0].shown] == ["schuldhulp"]
    assert result.triad_answers == 57 and result.mean_percent == (25, 50, 25)
    assert result.mean_point == (77.5, 145.0) and result.region_points.count(",") == 2


def test_no_answer_from_the_gateway_is_unavailable_and_a_withheld_mean_has_no_count() -> None:
    assert not patterns_from(None, ["schulden"], {}, {}).available
    withheld = patterns_from({"triad": {"answered": WITHHELD, "geometricMean": None, "confidenceRegion": []}},
                             ["schulden"], {}, {})
    assert withheld.available and withheld.situations == [] and withheld.triad_answers is None
    assert withheld.mean_point is None and withheld.region_points == ""


def test_the_situations_and_own_answers_come_from_the_storytellers_stories() -> None:
    stories = [
        _story({"situatie": {"choices": ["wonen", "schulden"]}, "verschil": {"triad": [0.2, 0.3, 0.5]}}, "Nieuw"),
        _story({"situatie": {"choices": ["schulden", "werk"]}}),
        _story({"situatie": {"choices": ["taal"]}, "verschil": {"triad": [0.6, 0.2, 0.2]}}, "Weg", "erased"),
        _story({"situatie": {"choices": ["gezin", "netwerk"]}, "verschil": {"triad": [0.1, 0.1, 0.8]}}, "Oud"),
    ]

    assert situations_of(stories) == ["wonen", "schulden", "werk", "taal"]
    assert [title for _, title in own_points(stories)] == ["Nieuw", "Oud"]
