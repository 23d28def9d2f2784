"""Fan-out and size attacks on GraphQL: nested `similar`, cost, aliases, depth, tokens, fragment bombs."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.security.gateway.conftest import codes, gql

FIRST_STORY = "query { searchStories(first: 1) { edges { node { id } } } }"


def _a_story_id(gateway: TestClient, token: str) -> str:
    story_id: str = gql(gateway, FIRST_STORY, token)["data"]["searchStories"]["edges"][0]["node"]["id"]
    return story_id


def _similar_chain(levels: int, first: int) -> str:
    inner = "id title"
    for _ in range(levels):
        inner = f"similar(first: {first}) {{ {inner} }}"
    return "query($id: ID!) { story(id: $id) { " + inner + " } }"


@pytest.mark.parametrize(("levels", "first", "expected"), [
    (2, 3, ["BAD_USER_INPUT"]),
    (4, 5, ["BAD_USER_INPUT", "QUERY_TOO_COMPLEX"]),  # the reported fan-out: refused on nesting and on cost
])
def test_similar_inside_similar_is_refused_before_any_search(gateway: TestClient, token: str,
                                                             opensearch_calls: list[str], levels: int, first: int,
                                                             expected: list[str]) -> None:
    story_id = _a_story_id(gateway, token)
    opensearch_calls.clear()

    body = gql(gateway, _similar_chain(levels, first), token, id=story_id)

    assert body["data"] is None
    assert sorted(codes(body)) == expected
    assert "'similar' kan niet binnen een ander 'similar'" in body["errors"][0]["message"]
    assert opensearch_calls == []


def test_similar_nested_through_fragments_is_refused(gateway: TestClient, token: str) -> None:
    query = """query($id: ID!) { similarStories(id: $id, first: 2) { ...Meer } }
               fragment Meer on Story { title ... on Story { similar(first: 2) { id } } }"""
    body = gql(gateway, query, token, id=_a_story_id(gateway, token))
    assert codes(body) == ["BAD_USER_INPUT"]


def test_one_level_of_similar_still_works(gateway: TestClient, token: str) -> None:
    query = "query { searchStories(first: 8) { edges { node { id similar(first: 3) { id title } } } } }"
    body = gql(gateway, query, token)
    assert "errors" not in body
    edges = body["data"]["searchStories"]["edges"]
    assert len(edges) == 8 and all(len(e["node"]["similar"]) <= 3 for e in edges)


def test_cost_multiplies_through_lists_and_variables(gateway: TestClient, token: str,
                                                     opensearch_calls: list[str]) -> None:
    query = "query($n: Int) { searchStories(first: $n) { edges { node { similar(first: 2) { id } } } } }"

    body = gql(gateway, query, token, n=75)

    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert body["errors"][0]["extensions"]["cost"] == 2 + 75
    assert opensearch_calls == []


def test_cost_adds_up_over_aliases(gateway: TestClient, token: str) -> None:
    part = "searchStories(first: 4) { edges { node { similar(first: 1) { id } } } }"
    query = "query { " + " ".join(f"z{i}: {part}" for i in range(11)) + " }"  # 11 aliases: under the alias cap
    body = gql(gateway, query, token)
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert body["errors"][0]["extensions"]["cost"] == 11 * (2 + 4)


def test_alias_abuse_is_refused(gateway: TestClient, token: str) -> None:
    query = "query { " + " ".join(f"v{i}: searchStories(first: 1) {{ total {{ value }} }}" for i in range(17)) + " }"
    body = gql(gateway, query, token)
    assert body["data"] is None and "aliases" in body["errors"][0]["message"]


def test_depth_abuse_is_refused(gateway: TestClient, token: str, opensearch_calls: list[str]) -> None:
    # The schema's only recursion is `similar`; eleven levels trip the depth limit before anything runs.
    body = gql(gateway, _similar_chain(11, 1), token, id="geen-verhaal")
    assert body["data"] is None and "depth" in body["errors"][0]["message"]
    assert opensearch_calls == []


def test_token_abuse_is_refused(gateway: TestClient, token: str) -> None:
    body = gql(gateway, "query { " + "__typename " * 2100 + "}", token)
    assert body["data"] is None and "token" in body["errors"][0]["message"].lower()


def test_fragment_bomb_is_refused_quickly(gateway: TestClient, token: str) -> None:
    fragments = ["fragment K0 on Story { id }"] + [
        f"fragment K{i} on Story {{ w: title ...K{i - 1} ...K{i - 1} }}" for i in range(1, 38)]
    query = "query($id: ID!) { story(id: $id) { ...K37 } } " + " ".join(fragments)
    body: dict[str, Any] = gql(gateway, query, token, id="geen-verhaal")
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert body["errors"][0]["extensions"]["fields"] > 2 ** 37


def test_a_repeated_document_is_validated_once(gateway: TestClient, token: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # The limits stay in force (tests above) while a document clients send again and again is validated only the
    # first time: per-request rule classes once made every validation-cache key unique.
    import uuid

    import strawberry.schema.schema as strawberry_schema

    validated: list[int] = []
    real_validate = strawberry_schema.validate

    def counting_validate(*args: Any, **kwargs: Any) -> Any:
        validated.append(1)
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counting_validate)
    query = f'query {{ searchStories(query: "herhaald {uuid.uuid4().hex}", first: 1) {{ edges {{ node {{ id }} }} }} }}'
    for _ in range(3):
        assert "errors" not in gql(gateway, query, token)
    assert validated == [1]
