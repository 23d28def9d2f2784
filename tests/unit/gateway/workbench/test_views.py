"""View models over GraphQL answers: the page, the chart and the CSV show the same numbers, a withheld number is
always spelled out, and bad filter input is explained instead of failing."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.framework_definitions import core_label_book
from vertelpunt.gateway.workbench.views import compare, kennisbank, patterns, trends, whatworks
from vertelpunt.gateway.workbench.views.common import SUPPRESSED, Facets, Filters, to_csv


def count(value: int | None) -> dict[str, Any]:
    return {"value": value, "suppressed": value is None}


def share(value: float | None, lower: float = 0.0, upper: float = 0.0) -> dict[str, Any]:
    if value is None:
        return {"value": None, "lower": None, "upper": None, "suppressed": True}
    return {"value": value, "lower": lower, "upper": upper, "suppressed": False}


def row(intervention: str, stories: int | None, positive: int | None, *interval: float) -> dict[str, Any]:
    value = positive / stories if stories and positive is not None else None
    return {"intervention": intervention, "stories": count(stories), "positive": count(positive),
            "positiveShare": share(value, *interval)}


WHAT_WORKS = [row("schuldhulp", 41, 17, .28, .57), row("taalondersteuning", None, None),
              row("budgetcoaching", 88, 61, .59, .78)]


def test_what_works_rows_sort_by_share_and_spell_out_withheld_values() -> None:
    rows = whatworks.rows_of(WHAT_WORKS, core_label_book())
    assert [r.intervention for r in rows] == ["budgetcoaching", "schuldhulp", "taalondersteuning"]
    assert (rows[0].stories, rows[0].positive, rows[0].share) == ("88", "61", "69% (59 tot 78%)")
    assert (rows[2].stories, rows[2].positive, rows[2].share) == (SUPPRESSED, SUPPRESSED, SUPPRESSED)
    assert rows[2].stories_value is None  # never a zero in its place


def test_what_works_csv_carries_the_numbers_of_the_page() -> None:
    rows = whatworks.rows_of(WHAT_WORKS, core_label_book())
    text = to_csv(whatworks.CSV_HEADER, whatworks.csv_rows(rows, "schulden"))
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1] == "Alle gemeenten;schulden;budgetcoaching;88;61;69,3;59,0;78,0"
    assert lines[3].endswith(";".join([SUPPRESSED] * 5))
    chart = whatworks.chart(rows, "Schulden")
    assert [v["share"] for v in chart["data"]["values"]] == [r.share_value for r in rows]


def test_per_municipality_keeps_the_sector_row_first() -> None:
    labels = core_label_book()
    groups = {"Alle gemeenten": whatworks.rows_of(WHAT_WORKS, labels),
              "GM0150": whatworks.rows_of(WHAT_WORKS[:1], labels, "Deventer")}
    assert [r.group for r in whatworks.pick(groups, "schuldhulp")] == ["Alle gemeenten", "Deventer"]
    assert whatworks.pick(groups, "budgetcoaching")[0].group == "Alle gemeenten"


def test_filters_explain_bad_input_and_round_periods_to_whole_months() -> None:
    filters = Filters.parse({"period_from": "2026-11", "period_to": "2026-02", "municipality": "Zwolle<script>",
                             "region": "Overijssel", "role": "x" * 300})
    assert filters.period_from == "2026-02" and filters.period_to == "2026-11"
    assert filters.municipality == "" and filters.role == ""
    assert len(filters.errors) == 3
    assert filters.story_filter() == {"periodFrom": "2026-02-01", "periodTo": "2026-11-30", "regions": ["Overijssel"]}
    assert Filters.parse({"period_from": "2026-13"}).errors


def test_story_lists_only_get_released_context_filters() -> None:
    filters = Filters.parse({"municipality": "GM0150", "role": "client", "period_to": "2027-02"})
    assert filters.list_filter() == {"periodTo": "2027-02-28", "roles": ["client"]}
    assert filters.story_filter() == {"periodTo": "2027-02-28", "municipalities": ["GM0150"], "roles": ["client"]}
    assert Filters.parse({}, "a_").story_filter() is None


def test_facets_read_keys_from_margins() -> None:
    answer = {"places": {"margins": [{"field": "municipality", "cells": [{"keys": ["GM0150"]}, {"keys": ["GM0034"]}]},
                                     {"field": "region", "cells": [{"keys": ["Flevoland"]}]}]},
              "people": {"margins": [{"field": "role", "cells": [{"keys": ["staff"]}]},
                                     {"field": "channel", "cells": [{"keys": ["web"]}]}]},
              "months": {"points": [{"period": "2026-06-01"}, {"period": "2026-05-01"}]}}
    facets = Facets.from_answer(answer)
    assert facets.municipalities == ("GM0034", "GM0150") and facets.months == ("2026-05", "2026-06")


def test_triad_table_and_csv_match_the_bins() -> None:
    answer = {"answered": count(230), "explanation": "Uitleg.", "geometricMean": {"a": 0.5, "b": 0.25, "c": 0.25},
              "confidenceRegion": [{"a": 0.5, "b": 0.2, "c": 0.3}, {"a": 0.45, "b": 0.3, "c": 0.25}],
              "bins": [{"aFrom": 0.0, "bFrom": 0.0, "width": 0.5, "count": count(140)},
                       {"aFrom": 0.5, "bFrom": 0.0, "width": 0.5, "count": count(None)}]}
    view = patterns.triad_view(answer, "houvast", core_label_book())
    assert [r[3] for r in view.rows] == ["140", SUPPRESSED]
    header, rows = patterns.triad_csv(view)
    assert header[0].endswith("Vertrouwen en contact") and rows[0][3] == "140" and rows[1][3] == SUPPRESSED
    assert rows[-1][0] == "gemiddelde 50%"


def test_cross_table_shows_true_zeros_and_withheld_cells_differently() -> None:
    answer = {"fields": ["role", "channel"], "total": count(70),
              "cells": [{"keys": ["staff", "web"], "count": count(50)},
                        {"keys": ["client", "web"], "count": count(None)},
                        {"keys": ["client", "phone"], "count": count(20)}]}
    view = patterns.cross_view(answer, core_label_book())
    assert view.row_labels == ["Klant", "Medewerker"] and view.column_labels == ["Telefoon", "Website"]
    assert view.grid == [["20", SUPPRESSED], ["0", "50"]]


def test_before_and_after_a_measure_skip_the_month_it_started_in() -> None:
    assert trends.before_and_after(date(2026, 8, 31), "2026-05", "2026-11") == (("2026-05", "2026-07"),
                                                                                 ("2026-09", "2026-11"))
    assert trends.before_and_after(date(2026, 9, 1), "2026-05", "2026-11") == (("2026-05", "2026-08"),
                                                                                ("2026-09", "2026-11"))


def test_trend_csv_marks_measures_in_their_period() -> None:
    answer = {"total": count(60), "points": [{"period": "2026-06-01", "count": count(25)},
                                             {"period": "2026-07-01", "count": count(None)}],
              "measures": [{"id": "m1", "label": "Minder formulieren", "on": "2026-07-15", "municipality": "GM0193"}]}
    view = trends.trend_view(answer, "month", core_label_book(), ["2026-06", "2026-07"])
    _, rows = trends.trend_csv(view)
    assert rows == [["2026-06-01", "maand", "25", ""], ["2026-07-01", "maand", SUPPRESSED, "Minder formulieren"]]
    assert view.measures[0].municipality == "Zwolle"


def test_comparison_shows_the_dutch_explanation_and_both_groups() -> None:
    test = {"name": "chi-kwadraat", "statistic": 14.2, "pValue": 0.0004, "effectSize": 0.21,
            "effectName": "Cramérs V", "explanation": "Het verschil is waarschijnlijk geen toeval."}
    answer = {"totalA": count(120), "totalB": count(None), "test": test,
              "categories": [{"option": "ja", "a": count(70), "b": count(None), "shareA": share(0.58, .49, .67),
                              "shareB": share(None), "difference": None, "test": None}]}
    view = compare.choice_comparison(answer, "uitkomst-hielp", ("A", "B"), core_label_book())
    assert view.test is not None and view.test.explanation == test["explanation"]
    assert view.test.p_value == "kleiner dan 0,001" and view.test.effect == "Cramérs V = 0,21"
    assert view.rows[0].difference == SUPPRESSED and view.total_b == SUPPRESSED
    assert compare.choice_csv(view, ("A", "B"))[1][0][:4] == ["ja", "70", SUPPRESSED, "58,0"]


def test_highlights_keep_only_mark_and_escape_everything_else() -> None:
    fragment = 'Ze &lt;b&gt;belde&lt;/b&gt; <mark>taalmaatje</mark> <script>alert(1)</script> <mark>open'
    shown = str(kennisbank.highlight(fragment))
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<mark>taalmaatje</mark>" in shown and shown.endswith("open</mark>")
    assert "&amp;lt;" not in shown  # not escaped twice


def test_story_context_says_what_is_withheld() -> None:
    labels = core_label_book()
    withheld = {"region": None, "period": None, "role": None, "contextWithheld": True}
    assert "niet getoond" in kennisbank.context_text(withheld, labels)
    shown = {"region": "Flevoland", "period": "2026-K3", "role": "staff", "contextWithheld": False}
    assert kennisbank.context_text(shown, labels) == "Flevoland · 2026 kwartaal 3 · Medewerker"
    assert kennisbank.total_text(count(None), True).endswith("om een aantal te noemen")
    assert kennisbank.total_text(count(1000), True, at_least=True) == "Meer dan 1.000 verhalen gevonden"
    assert kennisbank.total_text(count(430), True) == "Ongeveer 430 verhalen gevonden"


def test_two_waves_are_offered_by_name_and_period_and_compared_like_groups() -> None:
    waves = compare.wave_options({"waves": [{"id": "wintermeting-r7kz", "name": "Wintermeting", "startsOn":
                                             "2028-01-03", "endsOn": "2028-03-31", "questions": ["verschil"]}]})
    assert waves[0].label == "Wintermeting (3-1-2028 tot en met 31-3-2028)"
    answer = {"totalA": count(140), "totalB": count(None), "explanation": "Er zijn te weinig verhalen.",
              "positiveOutcome": {"shareA": share(0.61, 0.52, 0.69), "shareB": share(None)}}
    outcome = compare.wave_outcome(answer)
    assert (outcome.share_a, outcome.share_b, outcome.total_b) == ("61% (52 tot 69%)", SUPPRESSED, SUPPRESSED)
    triad = {"answeredA": count(90), "answeredB": count(None), "meanA": {"a": 0.2, "b": 0.5, "c": 0.3},
             "meanB": None, "confidenceRegionA": [{"a": 0.2, "b": 0.5, "c": 0.3}], "confidenceRegionB": [],
             "test": None}
    view = compare.triad_comparison(compare.wave_triad_answer(triad), "verschil", ("A", "B"), core_label_book())
    header, rows = compare.triad_csv(view)
    assert rows == [["A", "90", "20,0", "50,0", "30,0"], ["B", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]]
    assert len(header) == 5
