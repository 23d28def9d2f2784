"""Reading the stories in a pattern cell (gateway/cells.py), attacked against the real gateway and index: read a
suppressed cell, enumerate a cell by repeating or varying the request, narrow a shown cell with list filters to
single a story out. Ground truth comes straight from OpenSearch, not from the gateway."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch
from opensearchpy.helpers import scan

from tests.integration.gateway.conftest import error_codes, graphql
from vertelpunt.gateway.cells import pool_rank

MIN_CELL = 10
SHARE = 0.2  # GatewaySettings.cell_sample_share
READ = """query($c: PatternCellInput!, $f: StoryListFilter) { cellStories(cell: $c, filter: $f) {
  count { value suppressed } sampleSize stories { id title region period role contextWithheld } } }"""


@dataclass(frozen=True)
class Indexed:
    id: str
    role: str
    month: str
    choices: dict[str, tuple[str, ...]]
    triads: dict[str, tuple[float, float]]
    sliders: dict[str, float]


@pytest.fixture(scope="module")
def indexed(seeded_alias: str, opensearch_url: str) -> list[Indexed]:
    """Every story of the seeded index as OpenSearch holds it."""
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    found = []
    for hit in scan(client, index=seeded_alias, query={"query": {"match_all": {}}}):
        source = hit["_source"]
        found.append(Indexed(
            source["story_id"], source["role"], source["week_start"][:7],
            {q: tuple(v) if isinstance(v, list) else (v,) for q, v in source.get("choice", {}).items()},
            {q: (t["a"], t["b"]) for q, t in source.get("triad", {}).items()},
            dict(source.get("dyad", {}))))
    return found


def read(gateway: TestClient, token: str, cell: dict[str, Any], flt: dict[str, Any] | None = None) -> dict[str, Any]:
    return graphql(gateway, READ, token, c=cell, f=flt)


def cross(questions: list[str], keys: list[str]) -> dict[str, Any]:
    return {"crossTab": {"questions": questions, "keys": keys}}


def in_choice(story: Indexed, question: str, option: str) -> bool:
    return option in story.choices.get(question, ())


def in_bin(value: float, start: float, bins: int) -> bool:
    """The bin OpenSearch's histogram aggregation puts a value in."""
    return math.floor(value / (1 / bins)) == round(start * bins)


def shown_cells(gateway: TestClient, token: str, questions: list[str]) -> Iterator[tuple[list[str], dict[str, Any]]]:
    table = graphql(gateway, """query($q: [String!]!) { crossTab(questions: $q) {
        cells { keys count { value suppressed } } } }""", token, q=questions)["data"]["crossTab"]
    for cell in table["cells"]:
        yield cell["keys"], cell["count"]


def test_reading_a_shown_cell_gives_a_small_sample_of_its_stories_and_no_new_count(
        gateway: TestClient, gateway_tokens: dict[str, str], indexed: list[Indexed]) -> None:
    token = gateway_tokens["verteller.zwolle"]  # every role that reads stories may read a cell
    members = {s.id for s in indexed if in_choice(s, "situatie", "wonen") and in_choice(s, "uitkomst-hielp", "nee")}
    counts = dict((tuple(k), c) for k, c in shown_cells(gateway, token, ["situatie", "uitkomst-hielp"]))

    answer = read(gateway, token, cross(["situatie", "uitkomst-hielp"], ["wonen", "nee"]))["data"]["cellStories"]

    assert answer["count"] == counts[("wonen", "nee")] == {"value": len(members), "suppressed": False}
    assert 0 < len(answer["stories"]) <= answer["sampleSize"] < MIN_CELL
    assert {s["id"] for s in answer["stories"]} <= members
    assert set(answer["stories"][0]) == {"id", "title", "region", "period", "role", "contextWithheld"}


def test_a_sampled_story_shows_the_same_generalised_context_as_in_a_story_list(
        gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    sample = read(gateway, token, {"triad": {"question": "verschil", "aFrom": 0.2, "bFrom": 0.2, "bins": 5}},
                  {"roles": ["client"]})["data"]["cellStories"]["stories"]
    assert sample
    for story in sample:
        listed = graphql(gateway, "query($id: ID!) { story(id: $id) { region period role contextWithheld } }",
                         token, id=story["id"])["data"]["story"]
        assert {k: story[k] for k in listed} == listed
        assert story["role"] == "client" and story["region"] is None  # the release hides region in this corpus


@pytest.mark.parametrize("questions", [["situatie", "interventie"], ["interventie", "uitkomst-hielp", "role"]])
def test_a_suppressed_cell_cannot_be_read(gateway: TestClient, gateway_tokens: dict[str, str],
                                         indexed: list[Indexed], questions: list[str]) -> None:
    token = gateway_tokens["analist.sector"]
    suppressed = [keys for keys, count in shown_cells(gateway, token, questions) if count["suppressed"]]
    reachable = 0  # suppressed cells holding a story of the reading pool: without the rule, one would come back
    for keys in suppressed:
        members = [s for s in indexed
                   if all(s.role == k if q == "role" else in_choice(s, q, k)
                          for q, k in zip(questions, keys, strict=True))]
        reachable += any(pool_rank(s.id) >= 1 - SHARE for s in members)
        body = read(gateway, token, cross(questions, keys))

        assert error_codes(body) == {"FORBIDDEN"} and body["data"] is None, (keys, body)
        assert "te weinig verhalen" in body["errors"][0]["message"]
    assert suppressed and reachable, "the seeded corpus has suppressed cells with stories in the pool"


def test_suppressed_triad_and_slider_bins_cannot_be_read(gateway: TestClient, gateway_tokens: dict[str, str],
                                                         indexed: list[Indexed]) -> None:
    token = gateway_tokens["analist.sector"]
    bins = 20
    pattern = graphql(gateway, """{ triadPattern(question: "houvast", bins: 20) {
        bins { aFrom bFrom count { suppressed } } } }""", token)["data"]["triadPattern"]
    refused = reachable = 0
    for item in pattern["bins"]:
        if not item["count"]["suppressed"]:
            continue
        members = [s for s in indexed if "houvast" in s.triads and in_bin(s.triads["houvast"][0], item["aFrom"], bins)
                   and in_bin(s.triads["houvast"][1], item["bFrom"], bins)]
        assert members, item
        reachable += any(pool_rank(s.id) >= 1 - SHARE for s in members)
        body = read(gateway, token, {"triad": {"question": "houvast", "bins": bins, "aFrom": item["aFrom"],
                                               "bFrom": item["bFrom"]}})
        assert error_codes(body) == {"FORBIDDEN"}, (item, body)
        refused += 1
    histogram = graphql(gateway, """{ sliderHistogram(question: "regie", bins: 20) {
        bins { start count { suppressed } } } }""", token)["data"]["sliderHistogram"]
    for item in histogram["bins"]:
        if item["count"]["suppressed"]:
            body = read(gateway, token, {"slider": {"question": "regie", "bins": bins, "start": item["start"]}})
            assert error_codes(body) == {"FORBIDDEN"}, (item, body)
            refused += 1
    assert refused and reachable


def test_repeating_a_request_gives_the_same_stories(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.deventer"]
    cell = cross(["situatie", "interventie"], ["taal", "taalondersteuning"])
    samples = [[s["id"] for s in read(gateway, token, cell)["data"]["cellStories"]["stories"]] for _ in range(6)]
    swapped = read(gateway, token, cross(["interventie", "situatie"], ["taalondersteuning", "taal"]))

    assert samples[0] and all(sample == samples[0] for sample in samples)
    assert [s["id"] for s in swapped["data"]["cellStories"]["stories"]] == samples[0]  # the same stories, any table


def test_varying_tables_bins_and_filters_never_reaches_beyond_the_reading_pool(
        gateway: TestClient, gateway_tokens: dict[str, str], indexed: list[Indexed]) -> None:
    """The enumeration attack: one cell (debts) read through every table, bin and list filter a reader can vary.
    Everything that comes back is in the fixed pool, so most of the cell's stories stay out of reach."""
    token = gateway_tokens["analist.sector"]
    debts = {s.id for s in indexed if in_choice(s, "situatie", "schulden")}
    months = sorted({s.month for s in indexed})
    requests: list[tuple[dict[str, Any], dict[str, Any] | None]] = [(cross(["situatie"], ["schulden"]), None)]
    for question in ("interventie", "uitkomst-hielp", "uitkomst-gevoel", "role"):
        requests += [(cross(["situatie", question], ["schulden", keys[1]]), None)
                     for keys, count in shown_cells(gateway, token, ["situatie", question])
                     if keys[0] == "schulden" and not count["suppressed"]]
    for role, month in itertools.product([None, "staff", "client", "other"], [None, *months]):
        flt = {**({"roles": [role]} if role else {}), **({"periodFrom": f"{month}-01"} if month else {}),
               **({"periodTo": f"{month}-28"} if month else {})}
        requests.append((cross(["situatie"], ["schulden"]), flt or None))
    reached: set[str] = set()
    answered = 0
    for cell, flt in requests:
        body = read(gateway, token, cell, flt)
        if body.get("data"):
            answered += 1
            reached |= {s["id"] for s in body["data"]["cellStories"]["stories"]}

    assert answered >= 20 and reached <= debts
    assert all(pool_rank(story) >= 1 - SHARE for story in reached)
    assert len(reached) <= SHARE * len(debts) * 1.3 < len(debts) / 2, (len(reached), len(debts))


def test_every_bin_at_every_resolution_reaches_only_the_reading_pool(
        gateway: TestClient, gateway_tokens: dict[str, str], indexed: list[Indexed]) -> None:
    token = gateway_tokens["analist.sector"]
    answered = [s for s in indexed if "verschil" in s.triads]
    reached: set[str] = set()
    for bins in range(2, 21, 3):
        pattern = graphql(gateway, """query($n: Int!) { triadPattern(question: "verschil", bins: $n) {
            bins { aFrom bFrom count { suppressed } } } }""", token, n=bins)["data"]["triadPattern"]
        for item in pattern["bins"]:
            if not item["count"]["suppressed"]:
                body = read(gateway, token, {"triad": {"question": "verschil", "bins": bins, "aFrom": item["aFrom"],
                                                       "bFrom": item["bFrom"]}})
                reached |= {s["id"] for s in body["data"]["cellStories"]["stories"]}

    assert reached and all(pool_rank(story) >= 1 - SHARE for story in reached)
    assert len(reached) < SHARE * len(answered)


def test_list_filters_cannot_narrow_a_shown_cell_to_a_few_stories(
        gateway: TestClient, gateway_tokens: dict[str, str], indexed: list[Indexed]) -> None:
    """Single a story out: a shown cell, narrowed by role and month to fewer than the minimum. Refused; every
    combination that is answered holds at least the minimum."""
    token = gateway_tokens["analist.sector"]
    months = sorted({s.month for s in indexed})
    small = reachable_small = 0
    for keys, count in shown_cells(gateway, token, ["situatie", "interventie"]):
        if count["suppressed"] or count["value"] > 60:
            continue
        members = [s for s in indexed if in_choice(s, "situatie", keys[0]) and in_choice(s, "interventie", keys[1])]
        for role, month in itertools.product(["staff", "client", "other"], months):
            narrowed = [s for s in members if s.role == role and s.month == month]
            body = read(gateway, token, cross(["situatie", "interventie"], keys),
                        {"roles": [role], "periodFrom": f"{month}-01", "periodTo": f"{month}-28"})
            if body.get("data"):
                assert len(narrowed) >= MIN_CELL, (keys, role, month)
            elif 0 < len(narrowed) < MIN_CELL:
                assert error_codes(body) == {"FORBIDDEN"}, body
                small += 1
                reachable_small += any(pool_rank(s.id) >= 1 - SHARE for s in narrowed)
            else:
                assert not narrowed and error_codes(body) == {"NOT_FOUND"}, (keys, role, month, body)
        if reachable_small >= 3:
            break
    assert small and reachable_small, "the attack found narrowed cells with a story in the pool"


@pytest.mark.parametrize(("cell", "flt"), [
    (cross(["municipality"], ["GM0193"]), None),
    (cross(["situatie", "channel"], ["schulden", "phone"]), None),
    (cross(["campaign"], ["x"]), None),
    (cross(["situatie", "region"], ["schulden", "Overijssel"]), None),  # region is not released in this corpus
    (cross(["situatie"], ["schulden"]), {"regions": ["Flevoland"]}),
    ({"triad": {"question": "verschil", "aFrom": 0.13, "bFrom": 0.2}}, None),
    ({"slider": {"question": "ruimte", "start": 0.3, "bins": 40}}, None),
])
def test_cells_that_would_show_where_a_story_comes_from_or_are_no_cells_are_refused(
        gateway: TestClient, gateway_tokens: dict[str, str], cell: dict[str, Any], flt: dict[str, Any] | None) -> None:
    body = read(gateway, gateway_tokens["analist.sector"], cell, flt)

    assert error_codes(body) == {"BAD_USER_INPUT"} and body["data"] is None, body
