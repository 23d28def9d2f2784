"""Patronen: links from cells to their stories (views/cells.py) without servers. Only shown cells link, chart and
table link the same pages, and the page's parameters turn back into the gateway's PatternCellInput."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.framework_definitions import core_label_book
from vertelpunt.gateway.workbench.views import cells, patterns
from vertelpunt.gateway.workbench.views.common import Filters

pytestmark = pytest.mark.unit


def count(value: int | None) -> dict[str, Any]:
    return {"value": value, "suppressed": value is None}


CROSS = {"fields": ["situatie", "uitkomst-hielp"], "total": count(96),
         "cells": [{"keys": ["wonen", "ja"], "count": count(41)}, {"keys": ["wonen", "nee"], "count": count(None)},
                   {"keys": ["gezin", "ja"], "count": count(55)}]}


def query(url: str) -> dict[str, str]:
    assert urlsplit(url).path == cells.PATH
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_only_shown_cells_link_and_the_chart_links_the_same_pages_as_the_table() -> None:
    filters = Filters.parse({"role": "client", "period_from": "2026-06"})
    link = cells.linker("kruistabel", filters, {"rij": "situatie", "kolom": "uitkomst-hielp"})
    view = patterns.cross_view(CROSS, core_label_book(), link=link)

    hrefs = {tuple(c[k] for k in ("row_id", "column_id")): c["href"] for c in view.cells}
    assert hrefs[("wonen", "nee")] is None
    assert query(hrefs[("gezin", "ja")]) == {"soort": "kruistabel", "rij": "situatie", "kolom": "uitkomst-hielp",
                                             "role": "client", "period_from": "2026-06", "r": "gezin", "k": "ja"}
    in_chart = {v["href"] for v in view.spec["data"]["values"]}
    assert in_chart == {h for row in view.grid_links for h in row}
    assert view.spec["layer"][0]["encoding"]["href"] == {"field": "href"}


def test_without_a_linker_nothing_links_and_the_chart_has_no_href() -> None:
    view = patterns.cross_view(CROSS, core_label_book())
    assert all(h is None for row in view.grid_links for h in row)
    assert all("href" not in layer["encoding"] for layer in view.spec["layer"])


@pytest.mark.parametrize(("kind", "params", "pattern"), [
    ("kruistabel", {"municipality": "GM0193"}, {"rij": "situatie", "kolom": "interventie"}),
    ("kruistabel", {}, {"rij": "situatie", "kolom": "municipality"}),
    ("kruistabel", {}, {"rij": "channel", "kolom": "role"}),
    ("driehoek", {"municipality": "GM0150"}, {"vraag": "verschil"}),
    ("schuif", {"period_from": "mei"}, {"vraag": "ruimte"}),
])
def test_no_links_where_a_sample_would_show_where_a_story_comes_from(kind: str, params: dict[str, str],
                                                                     pattern: dict[str, str]) -> None:
    filters = Filters.parse(params)
    assert cells.linker(kind, filters, pattern) is None
    assert "Verhalen per vak" in cells.reason_without_links(kind, filters, pattern)


def test_triad_and_slider_bins_link_with_their_bins_and_starts_and_parse_back() -> None:
    labels = core_label_book()
    triad = patterns.triad_view({"answered": count(90), "explanation": "", "geometricMean": None,
                                 "confidenceRegion": [],
                                 "bins": [{"aFrom": 0.25, "bFrom": 0.5, "width": 0.25, "count": count(31)},
                                          {"aFrom": 0.0, "bFrom": 0.0, "width": 0.25, "count": count(None)}]},
                                "houvast", labels, link=cells.linker("driehoek", Filters(), {"vraag": "houvast"}))
    assert triad.links[1] is None and triad.links[0]
    request = cells.request_of(query(triad.links[0]), labels, Filters())
    assert request and request.cell == {"triad": {"question": "houvast", "bins": 4, "aFrom": 0.25, "bFrom": 0.5}}
    assert request.words[0][1] == "25 tot 50%" and request.back == {"soort": "driehoek", "vraag": "houvast"}

    slider = patterns.slider_view({"total": count(40), "bins": [{"start": 0.6, "end": 0.8, "count": count(40)}]},
                                  "ruimte", labels, link=cells.linker("schuif", Filters(), {"vraag": "ruimte"}))
    request = cells.request_of(query(slider.links[0]), labels, Filters())
    assert request and request.cell == {"slider": {"question": "ruimte", "bins": 5, "start": 0.6}}


@pytest.mark.parametrize("params", [{"soort": "driehoek", "vraag": "verschil", "vakken": "5", "a": "x", "b": "0"},
                                    {"soort": "schuif", "vraag": "ruimte", "vakken": "", "van": "0.2"},
                                    {"soort": "schuif", "vraag": "ruimte", "vakken": "5", "van": "1.5"},
                                    {"soort": "kruistabel", "rij": "situatie", "kolom": "interventie"},
                                    {"soort": "iets"}])
def test_parameters_that_name_no_cell_give_none(params: dict[str, str]) -> None:
    assert cells.request_of(params, core_label_book(), Filters()) is None
