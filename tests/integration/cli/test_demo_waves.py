"""The demo's sector waves (`seeding.seed_waves`) against a real gateway and a real intake over HTTP: the sector
analyst defines the waves, the municipality joins each with a campaign of the same period (its intake checks the
wave with the gateway), and a seeded story lands in the campaign whose period holds its week."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import httpx
from opensearchpy import OpenSearch

from tests.framework_definitions import register_core
from tests.integration.keycloak_tokens import password_token
from tests.integration.servers import serving
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seed import SeedStory
from vertelpunt.cli.seeding import DemoWave, seed_waves
from vertelpunt.gateway.app import create_app as create_gateway
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.intake.app import create_app as create_intake
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.search.index import ensure_alias

WAVES = [DemoWave("Ronde voor de jaarwisseling", date(2026, 10, 5), date(2026, 12, 20), ("uitkomst-hielp",)),
         DemoWave("Ronde na de jaarwisseling", date(2027, 1, 4), date(2027, 3, 28), ("uitkomst-hielp", "houvast"))]


def _story(week: date) -> SeedStory:
    return SeedStory("GM0193", week, "Titel", "Tekst.", "web", "staff")


def test_the_demo_defines_waves_and_the_municipality_joins_each(tmp_path: Path, opensearch_url: str,
                                                                keycloak_url: str) -> None:
    alias = f"demo-waves-{uuid.uuid4().hex[:8]}"
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, alias)
    database = f"sqlite:///{tmp_path / 'zwolle.db'}"
    upgrade(database)
    register_core(client, f"{alias}-frameworks")  # waves ask core questions the registry defines
    gateway = create_gateway(GatewaySettings(opensearch_url=opensearch_url, alias=alias, keycloak_url=keycloak_url,
                                             measures_index=f"{alias}-measures", waves_index=f"{alias}-waves",
                                             frameworks_index=f"{alias}-frameworks", log_json=False))
    try:
        with serving(gateway) as gateway_base:
            intake = create_intake(IntakeSettings(tenant_code="GM0193", tenant_name="Zwolle", database_url=database,
                                                  keycloak_url=keycloak_url, gateway_url=f"{gateway_base}/graphql",
                                                  log_json=False))
            with serving(intake) as intake_base:
                zwolle = TenantConfig("GM0193", "Zwolle", "Overijssel", database, "c", "s",
                                      int(intake_base.rsplit(":", 1)[1]))
                campaign_of = seed_waves([zwolle], {"GM0193": "beheer.zwolle"}, keycloak_url, WAVES,
                                         f"{gateway_base}/graphql")
                admin = {"Authorization": f"Bearer {password_token(keycloak_url, 'beheer.zwolle')}"}
                campaigns = httpx.get(f"{intake_base}/api/v1/campaigns", headers=admin, timeout=30).json()
                waves = httpx.post(f"{gateway_base}/graphql", headers=admin, timeout=30,
                                   json={"query": "{ waves { id name } }"}).json()["data"]["waves"]
    finally:
        client.indices.delete(index=index)
        client.indices.delete(index=f"{alias}-waves", ignore=[404])
        client.indices.delete(index=f"{alias}-frameworks", ignore=[404])

    by_name = {w["name"]: w["id"] for w in waves}
    assert sorted((c["name"], c["waveId"]) for c in campaigns) == sorted(by_name.items())
    autumn = next(c["id"] for c in campaigns if c["name"] == WAVES[0].name)
    assert campaign_of(_story(date(2026, 11, 2))) == autumn
    assert campaign_of(_story(date(2026, 12, 28))) is None  # between the waves
    assert campaign_of(SeedStory("GM0150", date(2026, 11, 2), "T", "T.", "web", "staff")) is None
