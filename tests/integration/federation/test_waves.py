"""A sector wave end to end on the real stack: a sector analyst defines two waves in the gateway, three
municipalities join them with campaigns (checked with the gateway), stories travel through relay, federation
and indexer with the wave id, and the gateway compares the waves across the three municipalities. A wave id that
is no sector slug (a campaign row changed by hand) is cleared and counted by the federation; the story arrives."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from opensearchpy import OpenSearch
from sqlalchemy import update

from tests.framework_definitions import register_core
from tests.integration.federation.conftest import ANSWERS, Municipality, drain, random_codes, sector_records
from tests.integration.keycloak_tokens import password_token
from tests.integration.search.conftest import count, indexer, search_settings  # noqa: F401 (fixtures)
from tests.integration.search.test_indexer import index_until
from tests.integration.servers import serving
from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.contracts.envelopes import decode
from vertelpunt.federation.metrics import DROPPED_FIELDS
from vertelpunt.federation.service import FederationService
from vertelpunt.gateway.app import create_app as create_gateway
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.campaigns.models import Campaign
from vertelpunt.intake.campaigns.schemas import CampaignCreate
from vertelpunt.intake.campaigns.service import CampaignService
from vertelpunt.intake.campaigns.waves import gateway_lookup
from vertelpunt.intake.database import Database
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.stories.schemas import StoryCreate, StoryReview
from vertelpunt.kit.kafka import KafkaConnection
from vertelpunt.search.indexer import Indexer
from vertelpunt.search.settings import SearchSettings

pytestmark = pytest.mark.integration

ADMIN = Actor(subject="beheer-3", name="joost", roles=frozenset({"tenant-admin", "storyteller"}))
TODAY = date.today()
COUNT = "{ value suppressed }"
COMPARE = f"""query($a: ID!, $b: ID!) {{ compareWaves(a: $a, b: $b, questions: ["uitkomst-hielp"]) {{
  totalA {COUNT} totalB {COUNT} positiveOutcome {{ a {COUNT} b {COUNT} }}
  choices {{ categories {{ option a {COUNT} b {COUNT} }} }} }} }}"""


def _graphql(url: str, token: str, query: str, **variables: Any) -> dict[str, Any]:
    body: dict[str, Any] = httpx.post(url, json={"query": query, "variables": variables}, timeout=60,
                                      headers={"Authorization": f"Bearer {token}"}).json()
    assert "errors" not in body, body
    return body


def _label() -> str:
    """A campaign label no other run uses, so stories of earlier runs are never this wave's neighbours."""
    return "geldzaken " + "".join(random.choice("bdfgklmnprstvw") + random.choice("aeiou") for _ in range(4))


def _join(municipality: Municipality, url: str, token: str, label: str, wave: str | None) -> str:
    with Database(municipality.engine).unit_of_work() as session:
        service = CampaignService(session, municipality.code, "http://testserver", AnonymiserConfig(),
                                  gateway_lookup(url, token))
        campaign = service.create(CampaignCreate(name=label, starts_on=TODAY, ends_on=TODAY + timedelta(days=20),
                                                 wave_id=wave), ADMIN)
    return campaign.id


def _tell(municipality: Municipality, campaign: str, helped: str, times: int) -> None:
    answers = {**ANSWERS, "uitkomst-hielp": Answer(choices=(helped,))}
    with municipality.intake.database.unit_of_work() as session:
        service = municipality.intake.story_service(session)
        for i in range(times):
            preview = service.tell(StoryCreate(title="Post op orde", text=f"Samen de post gesorteerd ({i}).",
                                               answers=answers, campaign_id=campaign), ADMIN)
            service.review(preview.id, StoryReview(consent_to_share=True), ADMIN)


def test_waves_flow_from_three_municipalities_to_the_sector_comparison(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService, indexer: Indexer,  # noqa: F811
        search_settings: SearchSettings, opensearch_url: str, keycloak_url: str) -> None:  # noqa: F811
    registry = f"{search_settings.alias}-frameworks"
    register_core(OpenSearch(hosts=[opensearch_url]), registry)  # waves ask core questions the registry defines
    settings = GatewaySettings(opensearch_url=opensearch_url, alias=search_settings.alias,
                               measures_index=f"{search_settings.alias}-measures", frameworks_index=registry,
                               waves_index=f"waves-{uuid.uuid4().hex[:8]}", keycloak_url=keycloak_url, log_json=False)
    sector_token, admin_token = (password_token(keycloak_url, u) for u in ("analist.sector", "beheer.zwolle"))
    with serving(create_gateway(settings)) as base:
        url = f"{base}/graphql"
        waves = [_graphql(url, sector_token, 'mutation($n: String!, $f: Date!, $t: Date!) { defineWave(name: $n, '
                          'startsOn: $f, endsOn: $t, questions: ["uitkomst-hielp"]) { id } }', n=name,
                          f=(TODAY - timedelta(days=5)).isoformat(), t=(TODAY + timedelta(days=40)).isoformat()
                          )["data"]["defineWave"]["id"] for name in ("Post op orde, ronde 1", "Post op orde, ronde 2")]
        municipalities = [onboard(code) for code in random_codes(3)]
        labels = (_label(), _label(), _label())
        for municipality in municipalities:
            first, second = (_join(municipality, url, admin_token, labels[i], waves[i]) for i in (0, 1))
            _tell(municipality, first, "ja", 8)
            _tell(municipality, second, "ja", 6)
            _tell(municipality, second, "nee", 2)
        odd = municipalities[0]
        by_hand = _join(odd, url, admin_token, labels[2], None)
        with Database(odd.engine).unit_of_work() as session:  # what the intake itself never writes
            session.execute(update(Campaign).where(Campaign.id == by_hand).values(wave_id="Post bij Jansen"))
        _tell(odd, by_hand, "ja", 1)
        dropped_before = DROPPED_FIELDS.labels(odd.code, "wave_id")._value.get()
        for municipality in municipalities:
            municipality.relay().publish_batch()
        codes = {m.code for m in municipalities}

        drain(federation, lambda: len(sector_records(kafka, codes)) >= 49, timeout=300)
        index_until(indexer, lambda: sum(count(opensearch_url, search_settings.alias, c) for c in codes) == 49,
                    timeout=180)
        comparison = _graphql(url, sector_token, COMPARE, a=waves[0], b=waves[1])["data"]["compareWaves"]
    OpenSearch(hosts=[opensearch_url]).indices.delete(index=registry, ignore=[404])

    shared = [decode(v).story_shared for _, v, _ in sector_records(kafka, codes)]
    assert sorted(s.wave_id for s in shared).count(waves[0]) == 24 and [s.wave_id for s in shared].count(waves[1]) == 24
    assert [s.campaign_label for s in shared if not s.wave_id] == [labels[2]]
    assert DROPPED_FIELDS.labels(odd.code, "wave_id")._value.get() == dropped_before + 1
    index = OpenSearch(hosts=[opensearch_url])
    in_index = index.count(index=search_settings.alias, body={"query": {"term": {"wave": waves[0]}}})["count"]
    assert in_index == 24
    # Three municipalities, 24 stories per wave: the totals and the 24 "ja" of the first wave are shown; the
    # six "nee" of the second wave are withheld (and its "ja" with them: the line would give them away).
    assert comparison["totalA"] == {"value": 24, "suppressed": False}
    assert comparison["totalB"] == {"value": 24, "suppressed": False}
    assert comparison["positiveOutcome"]["a"] == {"value": 24, "suppressed": False}
    options = {c["option"]: c for c in comparison["choices"][0]["categories"]}
    assert options["nee"]["b"] == {"value": None, "suppressed": True}
    assert options["ja"]["b"]["suppressed"]
