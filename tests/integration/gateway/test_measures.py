"""Changing and removing measures by role, with the audit trail, against the real gateway, OpenSearch and Keycloak
tokens: sector analysts change sector-wide measures, the analysts of a municipality its own, nobody else. Two
editors at once: the one who saves second, on the version both read, is refused with CONFLICT and nothing is lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.integration.gateway.conftest import error_codes, graphql

ADD = """mutation($l: String!, $d: Date!, $m: String) { addMeasure(label: $l, on: $d, municipality: $m) {
  id version } }"""
UPDATE = """mutation($id: ID!, $l: String!, $d: Date!, $v: String!) { updateMeasure(id: $id, label: $l, on: $d,
  version: $v) { id label on municipality version audit { createdBy createdAt changedBy changedAt } } }"""
REMOVE = "mutation($id: ID!, $v: String!) { removeMeasure(id: $id, version: $v) }"
MEASURE = "query($id: ID!) { measure(id: $id) { id label on version audit { createdBy changedBy } } }"
TREND = """query($f: StoryFilterInput) { trend(interval: MONTH, filter: $f) { measures { id label on version } } }"""


def add(gateway: TestClient, token: str, label: str, municipality: str | None) -> str:
    body = graphql(gateway, ADD, token, l=label, d="2026-07-13", m=municipality)
    assert "errors" not in body, body
    measure_id: str = body["data"]["addMeasure"]["id"]
    return measure_id


def version(gateway: TestClient, token: str, measure: str) -> str:
    """The version an editor sees when opening the measure."""
    seen: str = graphql(gateway, MEASURE, token, id=measure)["data"]["measure"]["version"]
    return seen


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
    seen = version(gateway, gateway_tokens[owner], measure)
    changed = graphql(gateway, UPDATE, gateway_tokens[user], id=measure, l="Wijkspreekuur op vrijdag", d="2026-07-20",
                      v=seen)
    after = changed["data"]["updateMeasure"]["version"] if changed.get("data") else seen
    removed = graphql(gateway, REMOVE, gateway_tokens[user], id=measure, v=after)
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
                   d="2026-08-03", v=version(gateway, gateway_tokens["analist.deventer"], measure))

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
    seen = version(gateway, gateway_tokens["analist.sector"], measure)
    removed = graphql(gateway, REMOVE, gateway_tokens["analist.sector"], id=measure, v=seen)
    assert removed["data"]["removeMeasure"] == measure

    again = graphql(gateway, REMOVE, gateway_tokens["analist.sector"], id=measure, v=seen)
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
    body = graphql(gateway, UPDATE, gateway_tokens["analist.sector"], id=measure, l=label, d=on,
                   v=version(gateway, gateway_tokens["analist.sector"], measure))

    assert error_codes(body) == {"BAD_USER_INPUT"} and body["data"] is None


def test_an_unknown_measure_is_not_found(gateway: TestClient, gateway_tokens: dict[str, str]) -> None:
    body = graphql(gateway, UPDATE, gateway_tokens["analist.sector"], id="bestaat-niet", l="Iets", d="2026-07-01",
                   v="1-0")
    assert error_codes(body) == {"NOT_FOUND"}


def record(gateway: TestClient, opensearch_url: str, measure: str) -> dict[str, Any]:
    """The measure's document as OpenSearch holds it, audit fields and all."""
    index = gateway.app.state.settings.measures_index  # type: ignore[attr-defined]
    source: dict[str, Any] = OpenSearch(hosts=[opensearch_url]).get(index=index, id=measure)["_source"]
    return source


def test_two_editors_at_once_the_second_is_refused_and_nothing_is_lost(gateway: TestClient,
                                                                        gateway_tokens: dict[str, str],
                                                                        opensearch_url: str) -> None:
    first, second = gateway_tokens["analist.zwolle"], gateway_tokens["beheer.zwolle"]
    measure = add(gateway, first, "Ochtendspreekuur voor ondernemers", "GM0193")
    seen_by_first, seen_by_second = version(gateway, first, measure), version(gateway, second, measure)
    assert seen_by_first == seen_by_second

    saved = graphql(gateway, UPDATE, first, id=measure, l="Ochtendspreekuur voor zzp'ers", d="2026-07-27",
                    v=seen_by_first)
    refused = graphql(gateway, UPDATE, second, id=measure, l="Avondspreekuur voor ondernemers", d="2026-08-10",
                      v=seen_by_second)

    assert "errors" not in saved and saved["data"]["updateMeasure"]["version"] != seen_by_first
    assert error_codes(refused) == {"CONFLICT"} and refused["data"] is None
    error = refused["errors"][0]
    assert error["message"].startswith("Iemand anders heeft deze maatregel intussen gewijzigd.")
    current = error["extensions"]["current"]
    assert (current["label"], current["on"], current["changedBy"]) == ("Ochtendspreekuur voor zzp'ers", "2026-07-27",
                                                                       "analist.zwolle")
    assert current["version"] == saved["data"]["updateMeasure"]["version"]
    stored = record(gateway, opensearch_url, measure)
    assert (stored["label"], stored["on"], stored["changed_by_name"]) == ("Ochtendspreekuur voor zzp'ers",
                                                                          "2026-07-27", "analist.zwolle")
    assert stored["created_by_name"] == "analist.zwolle" and stored["deleted"] is False

    # Having seen the new version, the second editor saves knowingly; the trail now names them.
    again = graphql(gateway, UPDATE, second, id=measure, l="Avondspreekuur voor ondernemers", d="2026-08-10",
                    v=current["version"])
    assert "errors" not in again, again
    assert again["data"]["updateMeasure"]["audit"] == {**again["data"]["updateMeasure"]["audit"],
                                                       "createdBy": "analist.zwolle", "changedBy": "beheer.zwolle"}
    assert timeline(gateway, first, "GM0193")[measure]["label"] == "Avondspreekuur voor ondernemers"


def test_removing_a_measure_someone_just_changed_is_refused(gateway: TestClient, gateway_tokens: dict[str, str],
                                                            opensearch_url: str) -> None:
    # The same sector analyst in two browser tabs: one tab changes the measure, the other still shows the old one.
    editor = remover = gateway_tokens["analist.sector"]
    measure = add(gateway, editor, "Landelijke regeling energietoeslag", None)
    seen = version(gateway, remover, measure)
    changed = graphql(gateway, UPDATE, editor, id=measure, l="Landelijke regeling energietoeslag 2026",
                      d="2026-07-13", v=seen)
    assert "errors" not in changed

    refused = graphql(gateway, REMOVE, remover, id=measure, v=seen)

    assert error_codes(refused) == {"CONFLICT"} and refused["data"] is None
    assert refused["errors"][0]["extensions"]["current"]["label"] == "Landelijke regeling energietoeslag 2026"
    assert record(gateway, opensearch_url, measure)["deleted"] is False
    assert measure in timeline(gateway, editor)
    newest = changed["data"]["updateMeasure"]["version"]
    assert graphql(gateway, REMOVE, remover, id=measure, v=newest)["data"]["removeMeasure"] == measure
    assert measure not in timeline(gateway, editor)


def test_a_change_after_a_removal_finds_nothing_and_stores_nothing(gateway: TestClient,
                                                                   gateway_tokens: dict[str, str],
                                                                   opensearch_url: str) -> None:
    token = gateway_tokens["analist.deventer"]
    measure = add(gateway, token, "Thuisadministratie met vrijwilligers", "GM0150")
    seen = version(gateway, token, measure)
    assert graphql(gateway, REMOVE, token, id=measure, v=seen)["data"]["removeMeasure"] == measure

    late = graphql(gateway, UPDATE, token, id=measure, l="Thuisadministratie met buddy's", d="2026-07-13", v=seen)

    assert error_codes(late) == {"NOT_FOUND"}
    stored = record(gateway, opensearch_url, measure)
    assert stored["label"] == "Thuisadministratie met vrijwilligers" and stored["deleted"] is True


@pytest.mark.parametrize("seen", ["", "laatste", "1-2-3", "-1-0"])
def test_a_version_that_was_never_handed_out_is_bad_input(gateway: TestClient, gateway_tokens: dict[str, str],
                                                          seen: str) -> None:
    measure = add(gateway, gateway_tokens["analist.sector"], "Nieuwe richtlijn beslagvrije voet", None)
    body = graphql(gateway, UPDATE, gateway_tokens["analist.sector"], id=measure, l="Iets anders", d="2026-07-13",
                   v=seen)
    assert error_codes(body) == {"BAD_USER_INPUT"}
    assert graphql(gateway, MEASURE, gateway_tokens["analist.sector"], id=measure)["data"]["measure"]["label"] == (
        "Nieuwe richtlijn beslagvrije voet")
