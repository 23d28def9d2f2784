"""Forged, expired and misaddressed tokens: none of them gets past the gateway (regression: these held in the
attack that found the other issues, and must keep holding)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.security.gateway.conftest import codes, gql, wait_until_expired

PROTECTED = "query { searchStories(first: 1) { edges { node { id } } } }"


def test_the_real_token_works(gateway: TestClient, token: str) -> None:
    body = gql(gateway, PROTECTED, token)
    assert "errors" not in body and body["data"]["searchStories"]["edges"]


@pytest.mark.parametrize("kind", ["alg-none", "alg-none-with-signature", "hs256-with-public-key", "unknown-kid",
                                  "own-key-real-kid", "claims-changed"])
def test_forged_tokens_are_refused(gateway: TestClient, forged_tokens: dict[str, str], kind: str) -> None:
    body = gql(gateway, PROTECTED, forged_tokens[kind])
    assert body["data"] is None
    assert codes(body) == ["UNAUTHENTICATED"]
    assert gql(gateway, "query { __schema { queryType { name } } }", forged_tokens[kind])["data"] is None


def test_a_token_for_another_service_is_refused(gateway: TestClient,
                                                issued_by_temporary_client: Callable[..., str]) -> None:
    other = issued_by_temporary_client("intake-only", audience="vertelpunt-intake")
    body = gql(gateway, PROTECTED, other)
    assert codes(body) == ["UNAUTHENTICATED"]
    assert "niet bedoeld" in body["errors"][0]["message"] or "not meant" in body["errors"][0]["message"]


def test_an_expired_token_is_refused(derived_gateway: Callable[..., TestClient],
                                     issued_by_temporary_client: Callable[..., str]) -> None:
    strict = derived_gateway(token_leeway_seconds=0)
    short_lived = issued_by_temporary_client("one-second", audience="vertelpunt-gateway", lifespan_seconds=1)
    wait_until_expired(short_lived)

    body = gql(strict, PROTECTED, short_lived)

    assert codes(body) == ["UNAUTHENTICATED"]
    assert "expired" in body["errors"][0]["message"] or "verlopen" in body["errors"][0]["message"]
