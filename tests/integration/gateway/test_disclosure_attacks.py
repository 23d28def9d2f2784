"""The queries a curious reader would send, against the real gateway and index: list everything and count it,
difference lists and aggregates by one filter value, subtract overlapping periods, solve cross-table margins,
single a storyteller out by a rare combination. None of them may recover a group smaller than the minimum."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from tests.integration.gateway.conftest import graphql
from vertelpunt.cli.seed import SeedStory

MIN_CELL = 10
LIST = """query($f: StoryListFilter, $after: String, $q: String) {
  searchStories(query: $q, filter: $f, first: 100, after: $after) {
    edges { node { id region period role contextWithheld } }
    pageInfo { hasNextPage endCursor } total { value suppressed } } }"""


def list_all(gateway: TestClient, token: str, flt: dict[str, Any] | None = None,
             text: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    stories: list[dict[str, Any]] = []
    after = None
    while True:
        body = graphql(gateway, LIST, token, f=flt, after=after, q=text)
        assert "errors" not in body, body["errors"]
        page = body["data"]["searchStories"]
        stories += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return stories, page["total"]
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("user", ["verteller.zwolle", "analist.sector"])
def test_listing_every_story_shows_no_context_shared_by_fewer_than_the_minimum(
        gateway: TestClient, gateway_tokens: dict[str, str], corpus: list[SeedStory], user: str) -> None:
    stories, total = list_all(gateway, gateway_tokens[user])
    shown = Counter((s["region"], s["period"], s["role"]) for s in stories if not s["contextWithheld"])

    assert len(stories) == len({s["id"] for s in stories}) == len(corpus) == total["value"]
    assert shown and min(shown.values()) >= MIN_CELL, shown.most_common()[-3:]
    assert sum(s["contextWithheld"] for s in stories) <= 0.05 * len(corpus)


def test_a_story_shows_no_answers_municipality_week_channel_or_campaign(gateway: TestClient,
                                                                       gateway_tokens: dict[str, str]) -> None:
    for field in ("municipality", "week", "channel", "campaign", "situations", "interventions", "outcome"):
        body = graphql(gateway, f"query {{ searchStories(first: 1) {{ edges {{ node {{ id {field} }} }} }} }}",
                       gateway_tokens["analist.sector"])
        assert body.get("errors") and not body.get("data"), field


@pytest.mark.parametrize("flt", [{"municipalities": ["GM0034"]}, {"choices": [
    {"question": "situatie", "option": "schulden"}]}, {"channels": ["phone"]}, {"campaigns": ["x"]}])
def test_list_filters_on_what_aggregates_protect_are_refused(gateway: TestClient, gateway_tokens: dict[str, str],
                                                            flt: dict[str, Any]) -> None:
    body = graphql(gateway, LIST, gateway_tokens["verteller.zwolle"], f=flt)

    assert body.get("errors") and not body.get("data")


def test_every_list_a_reader_can_filter_is_empty_or_large_and_differences_are_too(
        gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    """List-and-count and one-filter differencing, over every combination of the filters lists accept."""
    token = gateway_tokens["analist.sector"]
    everything, _ = list_all(gateway, token)
    released = [s for s in everything if not s["contextWithheld"]]
    roles = sorted({s["role"] for s in released if s["role"]})
    months = sorted({s["period"] for s in released if s["period"]})
    assert roles and months, "the seeded corpus releases role and period"

    totals: dict[tuple[str | None, str | None], int] = {}
    for role, month in itertools.product([None, *roles], [None, *months]):
        flt: dict[str, Any] = {}
        if role:
            flt["roles"] = [role]
        if month:
            flt["periodFrom"] = flt["periodTo"] = f"{month}-15"
        listed, total = list_all(gateway, token, flt or None)
        totals[(role, month)] = len(listed)
        assert len(listed) == total["value"]
        assert len(listed) == 0 or len(listed) >= MIN_CELL, (role, month, len(listed))
    for (role, month), n in totals.items():
        for parent in ((None, month), (role, None), (None, None)):
            difference = totals[parent] - n
            assert difference == 0 or difference >= MIN_CELL, (role, month, parent, difference)


def test_a_suppressed_aggregate_cell_cannot_be_counted_by_listing(gateway: TestClient,
                                                                  gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    rows = graphql(gateway, """{ whatWorks(situation: "schulden", filter: {municipalities: ["GM0034"]}) {
        intervention stories { value suppressed } } }""", token)["data"]["whatWorks"]
    assert any(r["stories"]["suppressed"] for r in rows)

    # The only way left to narrow a list to Almere's debt stories is free text; its count is rounded and the
    # listed stories carry no municipality, situation or intervention to count by.
    listed, total = list_all(gateway, token, text="schulden budgetcoaching werkcoach")
    assert total["value"] is None or total["value"] % 10 == 0
    assert all(set(s) == {"id", "region", "period", "role", "contextWithheld"} for s in listed)


def test_overlapping_periods_cannot_be_subtracted(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    query = """query($f: StoryFilterInput) { crossTab(questions: ["situatie", "role"], filter: $f) {
        cells { keys count { value suppressed } } total { value suppressed } } }"""
    one_week_apart = [graphql(gateway, query, token, f={"periodTo": day})["data"]["crossTab"]
                      for day in ("2026-08-10", "2026-08-17")]
    assert one_week_apart[0] == one_week_apart[1]  # both are "up to the end of August"

    # Every whole-month range; any two nested ranges (and, through their intersection, any two overlapping ones)
    # differ by whole months, each of which must be empty or large.
    starts = ["2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]
    shown: dict[tuple[str, str], dict[tuple[str, ...], int]] = {}
    for begin, end in itertools.combinations_with_replacement(starts, 2):
        table = graphql(gateway, query, token, f={"periodFrom": begin, "periodTo": end})["data"]["crossTab"]
        shown[(begin, end)] = {tuple(c["keys"]): c["count"]["value"] for c in table["cells"]
                               if not c["count"]["suppressed"]}
    compared = 0
    for (inner, outer) in itertools.permutations(shown, 2):
        if outer[0] <= inner[0] and inner[1] <= outer[1]:
            for key in shown[inner].keys() & shown[outer].keys():
                difference = shown[outer][key] - shown[inner][key]
                compared += 1
                assert difference == 0 or difference >= MIN_CELL, (key, inner, outer, difference)
    assert compared


def _determined(cells: dict[tuple[str, str], int | None], margins: list[dict[tuple[str, ...], int | None]],
                total: int | None) -> list[tuple[str, str]]:
    """Hidden cells whose value follows uniquely from the visible cells, margins and total (linear algebra)."""
    hidden = [k for k, v in cells.items() if v is None]
    equations: list[list[float]] = []
    for axis, margin in enumerate(margins):
        for value, count in margin.items():
            if count is not None:
                equations.append([1.0 if k[axis] == value[0] else 0.0 for k in hidden])
    if total is not None:
        equations.append([1.0] * len(hidden))
    if not equations or not hidden:
        return []
    a = np.array(equations)
    rank = np.linalg.matrix_rank(a)
    return [k for i, k in enumerate(hidden)
            if np.linalg.matrix_rank(np.vstack([a, np.eye(len(hidden))[i]])) == rank]


def test_cross_table_margins_do_not_pin_down_a_hidden_cell(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    query = """query($f: StoryFilterInput) { crossTab(questions: ["role", "channel"], filter: $f) {
        cells { keys count { value } } margins { cells { keys count { value } } } total { value } } }"""
    checked = 0
    for situation in ("schulden", "taal", "netwerk", "wonen", "gezin", "administratie"):
        flt = {"choices": [{"question": "situatie", "option": situation}]}
        data = graphql(gateway, query, token, f=flt)["data"]["crossTab"]
        cells = {(c["keys"][0], c["keys"][1]): c["count"]["value"] for c in data["cells"]}
        margins = [{tuple(c["keys"]): c["count"]["value"] for c in m["cells"]} for m in data["margins"]]
        checked += any(v is None for v in cells.values())
        assert _determined(cells, margins, data["total"]["value"]) == [], situation

    assert checked, "the seeded corpus has hidden cells to attack"


def test_the_margin_check_can_find_a_pinned_cell() -> None:
    """The linear-algebra check above can fail: one hidden cell in a row with a visible margin is pinned."""
    cells: dict[tuple[str, str], int | None] = {("a", "x"): None, ("a", "y"): 12, ("b", "x"): 15, ("b", "y"): 20}
    margins: list[dict[tuple[str, ...], int | None]] = [{("a",): 15, ("b",): 35}, {("x",): None, ("y",): 32}]

    assert _determined(cells, margins, 50) == [("a", "x")]
