"""The authorisation matrix: every role and tenant combination against every kind of query."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.gateway.conftest import error_codes, graphql

SEARCH = "query { searchStories(query: \"schulden\", first: 2) { edges { node { id region period } } } }"
AGGREGATE = "query { crossTab(questions: [\"situatie\", \"municipality\"]) { total { value suppressed } } }"
MEASURE = ("mutation($m: String) { addMeasure(label: \"Nieuwe werkwijze\", on: \"2026-09-01\", "
           "municipality: $m) { id } }")


@pytest.mark.parametrize("user", ["verteller.zwolle", "analist.zwolle", "beheer.zwolle", "analist.sector"])
def test_every_role_searches_and_sees_protected_aggregates(gateway: TestClient, gateway_tokens: dict[str, str],
                                                           user: str) -> None:
    search = graphql(gateway, SEARCH, gateway_tokens[user])
    aggregate = graphql(gateway, AGGREGATE, gateway_tokens[user])

    assert "errors" not in search and len(search["data"]["searchStories"]["edges"]) == 2
    assert "errors" not in aggregate and aggregate["data"]["crossTab"]["total"]["value"] == 3000


def test_anonymous_and_forged_callers_see_nothing(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    header, payload, signature = gateway_tokens["analist.sector"].split(".")

    for query in (SEARCH, AGGREGATE):
        assert error_codes(graphql(gateway, query)) == {"UNAUTHENTICATED"}
        assert error_codes(graphql(gateway, query, f"{header}.{payload}.{signature[:-4]}abcd")) == {"UNAUTHENTICATED"}
        assert graphql(gateway, query)["data"] is None


@pytest.mark.parametrize(("user", "municipality", "allowed"), [
    ("verteller.zwolle", "GM0193", False),
    ("analist.zwolle", "GM0193", True),
    ("analist.zwolle", "GM0150", False),
    ("analist.zwolle", None, False),
    ("beheer.zwolle", "GM0193", True),
    ("analist.deventer", "GM0150", True),
    ("analist.sector", None, True),
    ("analist.sector", "GM0193", False),
])
def test_who_may_mark_measures(gateway: TestClient, gateway_tokens: dict[str, str], user: str,
                               municipality: str | None, allowed: bool) -> None:
    body = graphql(gateway, MEASURE, gateway_tokens[user], m=municipality)

    if allowed:
        assert "errors" not in body and body["data"]["addMeasure"]["id"]
    else:
        assert error_codes(body) == {"FORBIDDEN"}


def test_tenant_analyst_sees_finer_own_aggregates_than_the_sector(gateway: TestClient,
                                                                  gateway_tokens: dict[str, str]) -> None:
    query = """query { crossTab(questions: ["situatie", "interventie"],
                                filter: {municipalities: ["GM0193"]}) { cells { keys count { value suppressed } } } }"""
    own = graphql(gateway, query, gateway_tokens["analist.zwolle"])["data"]["crossTab"]["cells"]
    sector = graphql(gateway, query, gateway_tokens["analist.sector"])["data"]["crossTab"]["cells"]
    other = graphql(gateway, query, gateway_tokens["analist.deventer"])["data"]["crossTab"]["cells"]

    visible_own = sum(not c["count"]["suppressed"] for c in own)
    assert visible_own > 0
    assert all(c["count"]["suppressed"] for c in sector)  # one municipality: never a sector aggregate
    assert all(c["count"]["suppressed"] for c in other)
    assert all(c["count"]["value"] >= 5 for c in own if not c["count"]["suppressed"])


def test_staff_see_their_own_municipality_at_the_sector_minimum_and_no_other(gateway: TestClient,
                                                                            gateway_tokens: dict[str, str]) -> None:
    query = """query($m: [String!]) { crossTab(questions: ["situatie", "interventie"], filter: {municipalities: $m})
                 { cells { count { value suppressed } } } }"""
    own = graphql(gateway, query, gateway_tokens["verteller.zwolle"], m=["GM0193"])["data"]["crossTab"]["cells"]
    other = graphql(gateway, query, gateway_tokens["verteller.zwolle"], m=["GM0150"])["data"]["crossTab"]["cells"]
    analyst = graphql(gateway, query, gateway_tokens["analist.zwolle"], m=["GM0193"])["data"]["crossTab"]["cells"]

    visible = [c["count"]["value"] for c in own if not c["count"]["suppressed"]]
    assert visible and min(visible) >= 10  # the sector's cell size, without the three-municipality rule
    assert all(c["count"]["suppressed"] for c in other)
    assert sum(not c["count"]["suppressed"] for c in analyst) > len(visible)  # analysts see finer (>= 5)
