"""GraphQL fuzzing over the exported schema (gateway/schema.graphql) with hypothesis-graphql: valid operations
with random arguments, and invalid ones, signed in and anonymous. The gateway answers every one of them without
a 5xx. The run is bounded (a fixed number of examples) so it stays well under a minute."""

from __future__ import annotations

from datetime import date

import graphql
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from vertelpunt.gateway.app import SCHEMA_FILE

SCHEMA = SCHEMA_FILE.read_text(encoding="utf-8")
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)).map(
    lambda day: graphql.StringValueNode(value=day.isoformat()))
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])


def _assert_answered(gateway: TestClient, query: str, token: str | None) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = gateway.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code < 500, (query, response.text)
    assert response.headers["content-type"] in ("application/json", "application/problem+json"), query
    if response.status_code == 200:
        body = response.json()
        assert "data" in body or "errors" in body
        for error in body.get("errors") or []:
            assert "Traceback" not in error["message"]


@FUZZ
@given(query=from_schema(SCHEMA, custom_scalars={"Date": DATES}))
def test_valid_operations_never_get_a_5xx(gateway: TestClient, token: str, query: str) -> None:
    _assert_answered(gateway, query, token)


@settings(FUZZ, max_examples=60)
@given(query=from_schema(SCHEMA, custom_scalars={"Date": DATES}, mode=Mode.NEGATIVE), signed_in=st.booleans())
def test_invalid_operations_never_get_a_5xx(gateway: TestClient, token: str, query: str, signed_in: bool) -> None:
    _assert_answered(gateway, query, token if signed_in else None)
