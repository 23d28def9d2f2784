"""A heavy query must not stall the gateway: OpenSearch work runs in the resolver pool, never on the event loop,
and a resolver or an operation that takes too long ends in a typed TIMEOUT error."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.security.gateway.conftest import codes, gql

PAGE_WITH_SIMILAR = "query { searchStories(first: 6) { edges { node { id similar(first: 2) { id } } } } }"


def test_every_opensearch_call_runs_in_the_resolver_pool(gateway: TestClient, token: str,
                                                         opensearch_calls: list[str]) -> None:
    page = gql(gateway, PAGE_WITH_SIMILAR, token)
    story_id = page["data"]["searchStories"]["edges"][0]["node"]["id"]
    gql(gateway, "query($id: ID!) { story(id: $id) { id } similarStories(id: $id, first: 2) { id } }", token,
        id=story_id)
    gql(gateway, 'query { crossTab(questions: ["situatie", "region"]) { total { value } } }', token)

    assert len(opensearch_calls) >= 10
    assert {call.split("@")[0] for call in opensearch_calls} >= {"search", "mget"}
    assert all(call.split("@")[1].startswith("gateway-resolver") for call in opensearch_calls), opensearch_calls


def _slow(original: Callable[..., Any], seconds: float) -> Callable[..., Any]:
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(seconds)
        return original(*args, **kwargs)

    return slow


@pytest.mark.parametrize("limit", [{"resolver_timeout_seconds": 0.2}, {"operation_timeout_seconds": 0.3}])
def test_a_slow_resolver_or_operation_times_out_with_a_typed_error(
        derived_gateway: Callable[..., TestClient], token: str, monkeypatch: pytest.MonkeyPatch,
        limit: dict[str, float]) -> None:
    impatient = derived_gateway(**limit)
    client = impatient.app.state.opensearch  # type: ignore[attr-defined]
    monkeypatch.setattr(client, "search", _slow(client.search, 1.5))

    body = gql(impatient, "query { searchStories(first: 2) { total { value } } }", token)

    assert body["data"] is None
    assert codes(body) == ["TIMEOUT"]
    assert "duurde te lang" in body["errors"][0]["message"]
