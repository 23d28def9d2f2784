from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.gateway.conftest import error_codes, graphql

SEARCH = """query($q: String, $after: String, $f: StoryListFilter) {
  searchStories(query: $q, first: 25, after: $after, filter: $f) {
    edges { cursor node { id title text highlights region period role contextWithheld } }
    pageInfo { hasNextPage endCursor } total { value suppressed } } }"""


def test_dutch_search_finds_stems_and_highlights(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    result = graphql(gateway, SEARCH, gateway_tokens["verteller.zwolle"], q="schuld")["data"]["searchStories"]

    assert result["edges"] and result["total"]["value"] >= 100 and result["total"]["value"] % 10 == 0
    first = result["edges"][0]["node"]
    assert any("<mark>" in h for h in first["highlights"])
    assert "schuld" in (first["title"] + first["text"]).lower()


def test_cursor_pagination_visits_every_story_once(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    flt = {"roles": ["other"]}
    seen: list[str] = []
    after = None
    while True:
        page = graphql(gateway, SEARCH, token, after=after, f=flt)["data"]["searchStories"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert len(seen) == len(set(seen)) == page["total"]["value"]


def test_story_by_id_and_similar_stories(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    story_id = graphql(gateway, SEARCH, token, q="taalmaatje")["data"]["searchStories"]["edges"][0]["node"]["id"]

    story = graphql(gateway, """query($id: ID!) { story(id: $id) { id text similar(first: 3) { id text } } }""",
                    token, id=story_id)["data"]["story"]
    missing = graphql(gateway, 'query { story(id: "bestaat-niet") { id } }', token)

    assert story["id"] == story_id and len(story["similar"]) == 3
    assert all(s["id"] != story_id for s in story["similar"])
    assert any("taal" in s["text"].lower() for s in story["similar"])
    assert error_codes(missing) == {"NOT_FOUND"}


def test_limits_give_typed_errors(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    too_many = graphql(gateway, "query { searchStories(first: 101) { total { value } } }", token)
    bad_cursor = graphql(gateway, 'query { searchStories(after: "!!") { total { value } } }', token)
    bad_question = graphql(gateway, 'query { sliderHistogram(question: "DROP TABLE") { total { value } } }', token)
    text_in_counts = graphql(gateway, 'query { crossTab(questions: ["rol"]) { total { value } } }', token)
    deep = "query { story(id: \"x\") { " + "similar { " * 10 + "id" + " }" * 10 + " } }"
    aliases = "query { " + " ".join(f"a{i}: searchStories {{ total {{ value }} }}" for i in range(20)) + " }"

    assert error_codes(too_many) == {"BAD_USER_INPUT"}
    assert error_codes(bad_cursor) == {"BAD_USER_INPUT"}
    assert error_codes(bad_question) == {"BAD_USER_INPUT"}
    assert error_codes(text_in_counts) == {"BAD_USER_INPUT"}
    assert "depth" in graphql(gateway, deep, token)["errors"][0]["message"]
    assert "aliases" in graphql(gateway, aliases, token)["errors"][0]["message"].lower()


def test_a_free_text_count_is_exact_up_to_the_limit_and_a_lower_bound_beyond(
        gateway: TestClient, gateway_tokens: dict[str, str], seeded_alias: str, opensearch_url: str) -> None:
    from opensearchpy import OpenSearch

    from vertelpunt.gateway.stories import FREE_TEXT_COUNT_LIMIT

    client = OpenSearch(hosts=[opensearch_url])
    token = gateway_tokens["analist.sector"]

    def matches(text: str) -> int:
        query = {"multi_match": {"query": text, "fields": ["title^2", "text"]}}
        return int(client.count(index=seeded_alias, body={"query": query})["count"])

    counts = {q: matches(q) for q in ("hielp gesprek budgetcoaching schulden taal", "taalmaatje")}
    broad, narrow = max(counts, key=counts.get), min(counts, key=counts.get)  # type: ignore[arg-type]
    assert counts[broad] > FREE_TEXT_COUNT_LIMIT > counts[narrow] >= 10  # the corpus offers both cases

    many = graphql(gateway, SEARCH.replace("total {", "totalAtLeast total {"), token, q=broad)["data"]["searchStories"]
    few = graphql(gateway, SEARCH.replace("total {", "totalAtLeast total {"), token, q=narrow)["data"]["searchStories"]

    assert many["totalAtLeast"] is True and many["total"]["value"] == FREE_TEXT_COUNT_LIMIT
    assert few["totalAtLeast"] is False and few["total"]["value"] == counts[narrow] // 10 * 10
