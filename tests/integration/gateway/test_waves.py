"""Sector waves on the real gateway and OpenSearch: a sector analyst defines waves (no one else may), every role
lists them, and two waves compare across municipalities with suppressed and visible cells as the rules say,
checked against counts asked of OpenSearch directly."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.framework_definitions import register_core
from tests.integration.gateway.conftest import error_codes, graphql
from vertelpunt.cli.seed import MUNICIPALITIES, generate, to_sector_envelope
from vertelpunt.contracts import search_document as doc
from vertelpunt.contracts.waves import is_wave_id
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

pytestmark = pytest.mark.integration

DEFINE = """mutation($name: String!, $from: Date!, $to: Date!, $questions: [String!]!) {
  defineWave(name: $name, startsOn: $from, endsOn: $to, questions: $questions) { id name startsOn endsOn questions }
}"""
COUNT = "{ value suppressed }"
SHARE = "{ value lower upper suppressed }"
COMPARE = f"""query($a: ID!, $b: ID!, $questions: [String!]) {{
  compareWaves(a: $a, b: $b, questions: $questions) {{
    a {{ id name }} b {{ id }} totalA {COUNT} totalB {COUNT} explanation
    positiveOutcome {{ option a {COUNT} b {COUNT} shareA {SHARE} shareB {SHARE} difference }}
    choices {{ question totalA {COUNT} totalB {COUNT} categories {{ option a {COUNT} b {COUNT} }} }}
    triads {{ question answeredA {COUNT} answeredB {COUNT} meanA {{ a b c }} meanB {{ a b c }}
              test {{ pValue explanation }} }}
  }}
}}"""
QUESTIONS = ["uitkomst-hielp", "situatie", "verschil"]
STRANGER = "GM0363"  # a municipality outside every wave that happens to use the same campaign label


@dataclass(frozen=True)
class Sector:
    client: TestClient
    opensearch: OpenSearch
    alias: str
    waves: dict[str, str]  # name -> id


def _wave_of(week: date, waves: dict[str, str]) -> tuple[str, str | None]:
    """(campaign label, wave id) of a story told in this week: the municipalities ran one campaign per wave."""
    if week < date(2026, 6, 1):
        return "Voorjaarsronde", waves["Voorjaarsmeting"]
    if week < date(2026, 9, 1):
        return "Zomerronde", waves["Zomermeting schulden"]
    if week < date(2026, 12, 1):
        return "Najaarsronde", waves["Najaarsmeting schulden"]
    return "", None


@pytest.fixture(scope="module")
def sector(opensearch_url: str, keycloak_url: str, gateway_tokens: dict[str, str]) -> Iterator[Sector]:
    alias = f"waves-test-{uuid.uuid4().hex[:8]}"
    opensearch = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(opensearch, alias)
    register_core(opensearch, f"{alias}-frameworks")  # waves ask core questions the registry defines
    settings = GatewaySettings(opensearch_url=opensearch_url, alias=alias, measures_index=f"{alias}-measures",
                               waves_index=f"{alias}-waves", frameworks_index=f"{alias}-frameworks",
                               keycloak_url=keycloak_url, log_json=False)
    with TestClient(create_app(settings)) as client:
        waves = {}
        for name, start, end in (("Voorjaarsmeting", "2026-05-01", "2026-05-31"),
                                 ("Zomermeting schulden", "2026-06-01", "2026-08-31"),
                                 ("Najaarsmeting schulden", "2026-09-01", "2026-11-30")):
            body = graphql(client, DEFINE, gateway_tokens["analist.sector"], name=name, questions=QUESTIONS,
                           **{"from": start, "to": end})
            assert "errors" not in body, body
            waves[name] = body["data"]["defineWave"]["id"]
        lines: list[str] = []
        for story in generate(1500, seed=2718):
            document = to_document(to_sector_envelope(story, MUNICIPALITIES[story.tenant][1]))
            document[doc.CAMPAIGN], document[doc.WAVE] = _wave_of(story.week, waves)
            lines += [json.dumps({"index": {"_id": document[doc.STORY_ID]}}), json.dumps(document)]
        for story in list(generate(4, seed=99))[:4]:  # four spring stories of a municipality outside the wave
            envelope = to_sector_envelope(story, "Noord-Holland")
            envelope.tenant = STRANGER
            document = to_document(envelope)
            document.update({doc.CAMPAIGN: "Voorjaarsronde", doc.WEEK_START: "2026-05-18", doc.WEEK: "2026-W21"})
            lines += [json.dumps({"index": {"_id": document[doc.STORY_ID]}}), json.dumps(document)]
        assert not opensearch.bulk(body="\n".join(lines) + "\n", index=index, refresh=True)["errors"]
        yield Sector(client, opensearch, alias, waves)
    opensearch.indices.delete(index=index)
    opensearch.indices.delete(index=f"{alias}-waves", ignore=[404])
    opensearch.indices.delete(index=f"{alias}-frameworks", ignore=[404])


def _count(sector: Sector, *filters: dict[str, Any]) -> int:
    query = {"bool": {"filter": list(filters)}}
    return int(sector.opensearch.count(index=sector.alias, body={"query": query})["count"])


def _visible_counts(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        if set(node) == {"value", "suppressed"}:
            return [node]
        return [c for value in node.values() for c in _visible_counts(value)]
    if isinstance(node, list):
        return [c for item in node for c in _visible_counts(item)]
    return []


def test_a_sector_analyst_defines_waves_with_sector_ids_and_every_role_lists_them(
        sector: Sector, gateway_tokens: dict[str, str]) -> None:
    listed = {user: graphql(sector.client, "{ waves { id name startsOn questions } }", gateway_tokens[user])
              for user in ("verteller.zwolle", "beheer.zwolle", "analist.sector")}

    for body in listed.values():
        assert "errors" not in body, body
        assert {w["name"]: w["id"] for w in body["data"]["waves"]} == sector.waves
    assert all(is_wave_id(i) and i.startswith(("voorjaarsmeting-", "zomermeting-schulden-", "najaarsmeting-"))
               for i in sector.waves.values())
    assert listed["analist.sector"]["data"]["waves"][0]["startsOn"] == "2026-09-01"  # newest first
    assert graphql(sector.client, "{ waves { id } }")["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("user", ["analist.zwolle", "beheer.zwolle", "verteller.zwolle"])
def test_nobody_but_a_sector_analyst_defines_or_changes_a_wave(sector: Sector, gateway_tokens: dict[str, str],
                                                                user: str) -> None:
    defined = graphql(sector.client, DEFINE, gateway_tokens[user], name="Eigen ronde", questions=["verschil"],
                      **{"from": "2027-01-01", "to": "2027-02-01"})
    changed = graphql(sector.client, 'mutation($id: ID!) { updateWave(id: $id, name: "Anders") { id } }',
                      gateway_tokens[user], id=sector.waves["Voorjaarsmeting"])

    assert error_codes(defined) == {"FORBIDDEN"} and error_codes(changed) == {"FORBIDDEN"}
    assert "sector" in defined["errors"][0]["message"]
    assert graphql(sector.client, DEFINE, None, name="Anoniem", questions=["verschil"],
                   **{"from": "2027-01-01", "to": "2027-02-01"})["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_wave_changes_name_and_period_but_keeps_its_id_and_bad_input_is_explained(
        sector: Sector, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    created = graphql(sector.client, DEFINE, token, name="Proefronde", questions=["uitkomst-hielp"],
                      **{"from": "2027-03-01", "to": "2027-04-30"})["data"]["defineWave"]
    changed = graphql(sector.client, """mutation($id: ID!) { updateWave(id: $id, name: "Proefronde (verlengd)",
                      endsOn: "2027-05-31", questions: ["uitkomst-hielp", "houvast"]) { id name endsOn questions } }""",
                      token, id=created["id"])
    reversed_period = graphql(sector.client, DEFINE, token, name="Achterstevoren", questions=["verschil"],
                              **{"from": "2027-05-01", "to": "2027-04-01"})
    slider = graphql(sector.client, DEFINE, token, name="Schuifronde", questions=["ruimte"],
                     **{"from": "2027-05-01", "to": "2027-06-01"})
    unknown = graphql(sector.client, 'mutation { updateWave(id: "bestaat-niet-zz99", name: "x y") { id } }', token)

    assert changed["data"]["updateWave"] == {"id": created["id"], "name": "Proefronde (verlengd)",
                                             "endsOn": "2027-05-31", "questions": ["uitkomst-hielp", "houvast"]}
    assert error_codes(reversed_period) == {"BAD_USER_INPUT"} and "eindigen" in reversed_period["errors"][0]["message"]
    assert error_codes(slider) == {"BAD_USER_INPUT"}
    assert error_codes(unknown) == {"NOT_FOUND"}


def test_two_waves_compare_across_municipalities_like_the_index_counts(sector: Sector,
                                                                       gateway_tokens: dict[str, str]) -> None:
    summer, autumn = sector.waves["Zomermeting schulden"], sector.waves["Najaarsmeting schulden"]
    body = graphql(sector.client, COMPARE, gateway_tokens["analist.sector"], a=summer, b=autumn)

    assert "errors" not in body, body
    result = body["data"]["compareWaves"]
    in_summer, in_autumn = {"term": {doc.WAVE: summer}}, {"term": {doc.WAVE: autumn}}
    helped = {"term": {doc.choice_field("uitkomst-hielp"): "ja"}}
    assert result["totalA"]["value"] == _count(sector, in_summer) > 300
    assert result["totalB"]["value"] == _count(sector, in_autumn) > 300
    positive = result["positiveOutcome"]
    assert positive["a"]["value"] == _count(sector, in_summer, helped)
    assert positive["b"]["value"] == _count(sector, in_autumn, helped)
    assert abs(positive["shareA"]["value"] - positive["a"]["value"] / result["totalA"]["value"]) < 1e-9
    assert "hielp het in" in result["explanation"]
    assert [c["question"] for c in result["choices"]] == ["uitkomst-hielp", "situatie"]
    # The planted measure (end of August) moved the triad away from the rules corner: autumn differs from summer.
    [verschil] = result["triads"]
    assert verschil["meanA"]["c"] > verschil["meanB"]["c"] and verschil["test"]["pValue"] < 0.001
    assert all(c["suppressed"] or c["value"] >= 10 or c["value"] == 0 for c in _visible_counts(result))


def test_a_wave_with_a_small_neighbour_is_withheld_and_shown_as_too_few(sector: Sector,
                                                                        gateway_tokens: dict[str, str]) -> None:
    """Four spring stories of a municipality outside the spring wave use the wave's campaign label: label minus
    wave would single them out, so the spring wave's numbers are withheld; the summer wave's are not."""
    spring, summer = sector.waves["Voorjaarsmeting"], sector.waves["Zomermeting schulden"]
    token = gateway_tokens["analist.sector"]
    body = graphql(sector.client, COMPARE, token, a=spring, b=summer, questions=["uitkomst-hielp"])
    label = graphql(sector.client, '{ crossTab(questions: ["campaign", "role"], filter: {campaigns: '
                    '["Voorjaarsronde"]}) { total { value suppressed } } }', token)

    result = body["data"]["compareWaves"]
    assert _count(sector, {"term": {doc.WAVE: spring}}) > 100
    assert result["totalA"] == {"value": None, "suppressed": True}
    assert result["positiveOutcome"]["a"]["suppressed"] and result["positiveOutcome"]["shareA"]["suppressed"]
    stranger = {"term": {doc.TENANT: STRANGER}}
    for category in result["choices"][0]["categories"]:  # answers the four neighbours gave are withheld
        if _count(sector, stranger, {"term": {doc.choice_field("uitkomst-hielp"): category["option"]}}):
            assert category["a"]["suppressed"], category
    assert result["totalB"]["value"] == _count(sector, {"term": {doc.WAVE: summer}})
    assert "te weinig verhalen" in result["explanation"]
    assert label["data"]["crossTab"]["total"]["value"] == _count(sector, {"term": {doc.CAMPAIGN: "Voorjaarsronde"}})


def test_unknown_or_equal_waves_and_wave_filters_are_refused(sector: Sector, gateway_tokens: dict[str, str]) -> None:
    token = gateway_tokens["analist.sector"]
    summer = sector.waves["Zomermeting schulden"]
    unknown = graphql(sector.client, COMPARE, token, a=summer, b="verzonnen-ronde-zz99")
    same = graphql(sector.client, COMPARE, token, a=summer, b=summer)
    garbage = graphql(sector.client, '{ whatWorks(situation: "schulden", filter: {waves: ["Zomer bij Jansen"]}) '
                      '{ intervention } }', token)

    assert error_codes(unknown) == {"NOT_FOUND"}
    assert error_codes(same) == {"BAD_USER_INPUT"} and error_codes(garbage) == {"BAD_USER_INPUT"}
