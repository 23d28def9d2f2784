"""Stored XSS through the API: markup a storyteller typed must never come back as markup from `highlights`."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.security.gateway.conftest import PLANTED_TEXT, PLANTED_TITLE, PLANTED_WORD, gql

SEARCH = ("query($q: String) { searchStories(query: $q, first: 5) { edges { node { id title text highlights } } } }")
OUR_TAGS = re.compile(r"</?mark>")


def test_highlights_escape_the_story_and_keep_only_our_marks(gateway: TestClient, token: str,
                                                             planted_story: str) -> None:
    response = gateway.post("/graphql", json={"query": SEARCH, "variables": {"q": PLANTED_WORD}},
                            headers={"Authorization": f"Bearer {token}"})
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    edges = response.json()["data"]["searchStories"]["edges"]
    [node] = [e["node"] for e in edges if e["node"]["id"] == planted_story]
    highlights = node["highlights"]

    assert highlights and any("<mark>" in h for h in highlights)
    for fragment in highlights:
        without_marks = OUR_TAGS.sub("", fragment)
        assert "<" not in without_marks and ">" not in without_marks, fragment
        assert '"' not in without_marks and "'" not in without_marks, fragment
    joined = " ".join(highlights)
    assert "&lt;script&gt;" in joined
    assert "&lt;img src=q onerror=" in joined
    # Unescaped, the fragments are exactly the story's own words (nothing lost, nothing added but <mark>).
    for fragment in highlights:
        plain = html.unescape(OUR_TAGS.sub("", fragment))
        assert plain in PLANTED_TEXT or plain in PLANTED_TITLE


def test_story_fields_are_plain_strings(gateway: TestClient, token: str, planted_story: str) -> None:
    """title and text are data, not HTML: returned exactly as told (clients escape them; docs/security.md)."""
    body = gql(gateway, "query($id: ID!) { story(id: $id) { title text highlights } }", token, id=planted_story)
    story = body["data"]["story"]
    assert story["title"] == PLANTED_TITLE and story["text"] == PLANTED_TEXT
    assert story["highlights"] == []
