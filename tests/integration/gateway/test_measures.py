"""Changing and removing measures by role, with the audit trail, against the real gateway, OpenSearch and Keycloak
tokens: sector analysts change sector-wide measures, the analysts of a municipality its own, nobody else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.integration.gateway.conftest import error_codes, graphql

ADD = "mutation($l: String!, $d: Date!, $m: String) { addMeasure(label: $l, on: $d, municipality: $m) { id } }"
UPDATE = """mutation($id: ID!, $l: String!, $d: Date!) { updateMeasure(id: $id, label: $l, on: $d) {
  id label on municipality audit { createdBy createdAt changedBy changedAt } } }"""
REMOVE = "mutation($id: ID!) { removeMeasure(id: $id) }"
TREND = """query($f: StoryFilterInput) { trend(interval: MONTH, filter: $f) { measures { id label on } } }"""


def add(gateway: TestClient, token: str, label: str, municipality: str | None) -> str:
    body = graphql(gateway, ADD, token, l=label, d="2026-07-13", m=municipality)
    assert "errors" not in body, body
    measure_id: str = body["data"]["addMeasure"]["id"]
    return measure_id


def timeline(gateway: TestClient, token: str, municipality: str | None = None) -> dict[str, dict[str, Any]]:
    flt = {"municipalities": [municipality]} if municipality else None
    return {m["id"]: m for m in graphql(gateway, TREND, token, f=flt)["data"]["trend"]["measures"]}


@pytest.mark.parametrize(("owner", "municipality", "user", "allowed"), [
    ("analist.sector", None, "analist.sector", True),
    ("analist.sector", None, "analist.zwolle", False),
    ("analist.sector", None, "beheer.zwolle", False),
    ("analist.sector", None, "verteller.zwolle", False),
    ("analist.zwolle", "GM0193", "analist.zwolle", True),
    ("analist.zwolle", "GM0193", "beheer.zwolle", True),
    ("analist.zwolle", "GM0193", "analist.deventer", False),
    ("analist.zwolle", "GM0193", "analist.sector", False),
    ("analist.zwolle", "GM0193", "verteller.zwolle", False),
])
def test_who_may_change_and_remove_a_measure(gateway: TestClient, gateway_tokens: dict[str, str], owner: str,
                                             municipality: str | None, user: str, allowed: bool) -> None:
    measure = add(gateway, gateway_tokens[owner], "Wijkspreekuur op zaterdag", municipality)
    changed = graphql(gateway, UPDATE, gateway_tokens[user], id=measure, l="Wijkspreekuur op vrijdag", d="2026-07-20")
    removed = graphql(gateway, REMOVE, gateway_tokens[user], id=measure)
    shown = timeline(gateway, gateway_tokens[owner], municipality)

    if allowed:
        assert "errors" not in changed and changed["data"]["updateMeasure"]["label"] == "Wijkspreekuur op vrijdag"
        assert removed == {"data": {"removeMeasure": measure}} and measure not in shown
    else:
        assert error_codes(changed) == error_codes(removed) == {"FORBIDDEN"}
        assert changed["data"] is None and removed["data"] is None
        assert shown[measure]["label"] == "Wijkspreekuur op zaterdag" and shown[measure]["on"] == "2026-07-13"


def test_a_change_records_who_and_when_and_the_timeline_shows_it(gateway: TestClient,
                                                                 gateway_tokens: dict[str, str]) -> None:
    measure = add(gateway, gateway_tokens["analist.deventer"], "Budgetcafé in de bibliotheek", "GM0150")
    before = datetime.now(UTC) - timedelta(seconds=5)
    body = graphql(gateway, UPDATE, gateway_tokens["analist.deventer"], id=measure, l="  Budgetcafé in het buurthuis ",
                   d="2026-08-03")

    changed = body["data"]["updateMeasure"]
    assert (changed["label"], changed["on"], changed["municipality"]) == ("Budgetcafé in het buurthuis",
                                                                          "2026-08-03", "GM0150")
    audit = changed["audit"]
    assert audit["createdBy"] == audit["changedBy"] == "analist.deventer"
    assert before <= datetime.fromisoformat(audit["createdAt"]) <= datetime.fromisoformat(audit["changedAt"])
    assert timeline(gateway, gateway_tokens["analist.deventer"], "GM0150")[measure]["label"] == changed["label"]


def test_removing_keeps_the_record_with_who_removed_it(gateway: TestClient, gateway_tokens: dict[str, str],
                                                      opensearch_url: str) -> None:
    measure = add(gateway, gateway_tokens["analist.sector"], "Nieuwe bijstandsnorm", None)
    assert graphql(gateway, REMOVE, gateway_tokens["analist.sector"], id=measure)["data"]["removeMeasure"] == measure

    again = graphql(gateway, REMOVE, gateway_tokens["analist.sector"], id=measure)
    lookup = graphql(gateway, "query($id: ID!) { measure(id: $id) { id } }", gateway_tokens["analist.sector"],
                     id=measure)
    index = gateway.app.state.settings.measures_index  # type: ignore[attr-defined]
    record = OpenSearch(hosts=[opensearch_url]).get(index=index, id=measure)["_source"]

    assert error_codes(again) == error_codes(lookup) == {"NOT_FOUND"}
    assert record["deleted"] is True and record["changed_by_name"] == "analist.sector" and record["changed_at"]
    assert measure not in timeline(gateway, gateway_tokens["analist.sector"])


def test_only_analysts_see_the_audit_trail(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    add(gateway, gateway_tokens["analist.sector"], "Kortere wachttijd schuldhulp", None)
    query = "{ trend(interval: MONTH) { measures { label audit { createdBy } } } }"

    storyteller = graphql(gateway, query, gateway_tokens["verteller.zwolle"])
    analyst = graphql(gateway, query, gateway_tokens["analist.zwolle"])

    assert error_codes(storyteller) == {"FORBIDDEN"}
    assert all(m["audit"] is None for m in storyteller["data"]["trend"]["measures"])
    assert "errors" not in analyst
    assert any(m["audit"]["createdBy"] == "analist.sector" for m in analyst["data"]["trend"]["measures"])


@pytest.mark.parametrize(("label", "on"), [("x", "2026-07-01"), ("y" * 201, "2026-07-01"), ("Goed", "1900-01-01")])
def test_a_bad_name_or_date_is_explained(gateway: TestClient, gateway_tokens: dict[str, str], label: str,
                                         on: str) -> None:
    measure = add(gateway, gateway_tokens["analist.sector"], "Nog een maatregel", None)
    body = graphql(gateway, UPDATE, gateway_tokens["analist.sector"], id=measure, l=label, d=on)

    assert error_codes(body) == {"BAD_USER_INPUT"} and body["data"] is None


def test_an_unknown_measure_is_not_found(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    body = graphql(gateway, UPDATE, gateway_tokens["analist.sector"], id="bestaat-niet", l="Iets", d="2026-07-01")
    assert error_codes(body) == {"NOT_FOUND"}
