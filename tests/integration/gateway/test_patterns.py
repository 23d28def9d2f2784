"""Every pattern query against counts computed independently from the seeded corpus."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from tests.integration.gateway.conftest import graphql
from vertelpunt.cli.seed import MEASURE_WEEK, SeedStory


def choices(story: SeedStory, question: str) -> list[str]:
    return story.answers.get(question, {}).get("choices", [])


def test_what_works_finds_budget_coaching_works_in_zwolle_not_in_almere(gateway: TestClient, corpus: list[SeedStory],
                                                                        gateway_tokens: dict[str, str]) -> None:
    query = """query($m: [String!]) { whatWorks(situation: "schulden", filter: {municipalities: $m}) {
                 intervention stories { value suppressed } positive { value suppressed }
                 positiveShare { value lower upper suppressed } } }"""
    token = gateway_tokens["analist.sector"]
    everywhere = graphql(gateway, query, token)["data"]["whatWorks"]
    zwolle = graphql(gateway, query, gateway_tokens["analist.zwolle"], m=["GM0193"])["data"]["whatWorks"]
    almere_for_sector = graphql(gateway, query, token, m=["GM0034"])["data"]["whatWorks"]

    debt = [s for s in corpus if "schulden" in choices(s, "situatie")]
    expected = Counter(i for s in debt for i in choices(s, "interventie"))
    for row in everywhere:
        if not row["stories"]["suppressed"]:
            assert row["stories"]["value"] == expected[row["intervention"]]
    budget = next(r for r in everywhere if r["intervention"] == "budgetcoaching")
    assert budget["positiveShare"]["lower"] < budget["positiveShare"]["value"] < budget["positiveShare"]["upper"]
    own_budget = next(r for r in zwolle if r["intervention"] == "budgetcoaching")
    zwolle_debt_budget = [s for s in debt if s.tenant == "GM0193" and "budgetcoaching" in choices(s, "interventie")]
    assert own_budget["positive"]["value"] == sum(choices(s, "uitkomst-hielp") == ["ja"] for s in zwolle_debt_budget)
    assert own_budget["positiveShare"]["value"] > 0.65
    assert all(r["stories"]["suppressed"] for r in almere_for_sector)  # a single municipality is never sector data


def test_cross_tab_matches_independent_counts_and_hides_small_cells(gateway: TestClient, corpus: list[SeedStory],
                                                                    gateway_tokens: dict[str, str]) -> None:
    query = """query { crossTab(questions: ["situatie", "rol"]) { cells { keys count { value suppressed } }
                 margins { field cells { keys count { value suppressed } } } total { value } } }"""
    result = graphql(gateway, query, gateway_tokens["analist.sector"])["data"]["crossTab"]
    expected = Counter((sit, role) for s in corpus for sit in choices(s, "situatie") for role in choices(s, "rol"))

    assert result["total"]["value"] == len(corpus)
    for cell in result["cells"]:
        key = tuple(cell["keys"])
        if cell["count"]["suppressed"]:
            assert cell["count"]["value"] is None
        else:
            assert cell["count"]["value"] == expected[key] and expected[key] >= 10


def test_triad_pattern_and_comparison_show_the_measure_shifted_the_triad(gateway: TestClient,
                                                                       gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    before = {"periodTo": "2026-08-24"}
    after = {"periodFrom": MEASURE_WEEK.isoformat()}
    pattern = """query($f: StoryFilterInput) { triadPattern(question: "verschil", filter: $f) {
                   answered { value } geometricMean { a b c } confidenceRegion { a b c } explanation
                   bins { aFrom bFrom count { value suppressed } } } }"""
    compare = """query($a: StoryFilterInput!, $b: StoryFilterInput!) { compareTriads(question: "verschil", a: $a,
                   b: $b) { meanA { a b c } meanB { a b c } test { pValue explanation } } }"""

    first = graphql(gateway, pattern, token, f=before)["data"]["triadPattern"]
    second = graphql(gateway, pattern, token, f=after)["data"]["triadPattern"]
    comparison = graphql(gateway, compare, token, a=before, b=after)["data"]["compareTriads"]

    assert first["geometricMean"]["c"] > second["geometricMean"]["c"]  # less "rules and provisions"
    assert second["geometricMean"]["b"] > first["geometricMean"]["b"]  # more "the professional's approach"
    assert len(first["confidenceRegion"]) == 48 and "meetkundig gemiddelde" in first["explanation"]
    assert comparison["test"]["pValue"] < 0.001
    assert comparison["test"]["explanation"].startswith("Het verschil is waarschijnlijk geen toeval")
    assert all(b["count"]["value"] >= 10 for b in first["bins"] if not b["count"]["suppressed"])


def test_slider_histogram_and_trend_with_measure(gateway: TestClient, corpus: list[SeedStory],
                                                 gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    graphql(gateway, 'mutation { addMeasure(label: "Meer ruimte voor maatwerk", on: "2026-08-31") { id } }', token)
    histogram = graphql(gateway, """query { sliderHistogram(question: "ruimte", bins: 5) {
                          total { value } bins { start end count { value suppressed } } } }""", token)
    trend = graphql(gateway, """query { trend(interval: WEEK) { points { period count { value suppressed } }
                      measures { label on } } }""", token)["data"]["trend"]

    expected_bins = Counter(min(int(s.answers["ruimte"]["dyad"] * 5), 4) for s in corpus)
    for item in histogram["data"]["sliderHistogram"]["bins"]:
        if not item["count"]["suppressed"]:
            assert item["count"]["value"] == expected_bins[round(item["start"] * 5)]
    weekly = Counter(s.week.isoformat() for s in corpus)
    assert {p["period"]: p["count"]["value"] for p in trend["points"]} == dict(weekly)
    assert {"label": "Meer ruimte voor maatwerk", "on": "2026-08-31"} in trend["measures"]


LANGUAGE = '{question: "situatie", option: "taal"}, {question: "interventie", option: "taalondersteuning"}'
COMPARE = """query { compareGroups(question: "uitkomst-hielp", a: {roles: ["client"], choices: [%s]},
               b: {roles: ["staff"], choices: [%s]}) {
               totalA { value } totalB { value } test { name pValue effectSize explanation }
               categories { option a { value } b { value } shareA { value } shareB { value } difference } } }"""


def test_compare_groups_finds_language_support_helps_clients_more(gateway: TestClient,
                                                                   gateway_tokens: dict[str, str]) -> None:
    body = graphql(gateway, COMPARE % (LANGUAGE, LANGUAGE), gateway_tokens["analist.sector"])
    result = body["data"]["compareGroups"]

    assert result["test"]["name"] == "chi-kwadraat" and result["test"]["pValue"] < 0.05
    ja = next(c for c in result["categories"] if c["option"] == "ja")
    assert ja["difference"] == ja["shareA"]["value"] - ja["shareB"]["value"]
    assert ja["difference"] > 0.1
