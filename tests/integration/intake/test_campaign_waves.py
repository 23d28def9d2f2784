"""A campaign joins a sector wave: the intake asks the real sector gateway (with the administrator's own token)
whether the wave exists and whether the campaign's period fits; an unknown id, a period outside the wave, a
gateway that is not configured or not reachable are refused with problem+json; the wave id leaves with every
shared story of the campaign."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.framework_definitions import register_core
from tests.integration.intake.conftest import bearer, story_body
from tests.integration.intake.test_stories import outbox
from tests.integration.keycloak_tokens import password_token
from tests.integration.servers import free_port, serving
from vertelpunt.contracts.envelopes import decode
from vertelpunt.gateway.app import create_app as create_gateway
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.intake.app import create_app
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.search.index import ensure_alias

pytestmark = pytest.mark.integration
TODAY = date.today()


@pytest.fixture(scope="module")
def sector(opensearch_url: str, keycloak_url: str) -> Iterator[tuple[str, str]]:
    """A real gateway over HTTP with one sector wave around today: (GraphQL URL, wave id)."""
    alias = f"campaign-waves-{uuid.uuid4().hex[:8]}"
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, alias)
    register_core(client, f"{alias}-frameworks")  # waves ask core questions the registry defines
    app = create_gateway(GatewaySettings(opensearch_url=opensearch_url, alias=alias, keycloak_url=keycloak_url,
                                         measures_index=f"{alias}-measures", waves_index=f"{alias}-waves",
                                         frameworks_index=f"{alias}-frameworks", log_json=False))
    with serving(app) as base:
        url = f"{base}/graphql"
        defined = httpx.post(url, headers=bearer(password_token(keycloak_url, "analist.sector")), json={
            "query": 'mutation($from: Date!, $to: Date!) { defineWave(name: "Thuisadministratie in beeld", '
                     'startsOn: $from, endsOn: $to, questions: ["uitkomst-hielp", "houvast"]) { id } }',
            "variables": {"from": (TODAY - timedelta(days=10)).isoformat(),
                          "to": (TODAY + timedelta(days=60)).isoformat()}}, timeout=30).json()
        yield url, defined["data"]["defineWave"]["id"]
    client.indices.delete(index=index)
    client.indices.delete(index=f"{alias}-waves", ignore=[404])
    client.indices.delete(index=f"{alias}-frameworks", ignore=[404])


def _intake(settings: IntakeSettings, gateway: str | None) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"gateway_url": gateway})), raise_server_exceptions=False)


def _create(client: TestClient, token: str, wave: str | None, start: date = TODAY, days: int = 30) -> httpx.Response:
    body: dict[str, Any] = {"name": "Administratie op orde", "startsOn": start.isoformat(),
                            "endsOn": (start + timedelta(days=days)).isoformat()}
    if wave is not None:
        body["waveId"] = wave
    return client.post("/api/v1/campaigns", json=body, headers=bearer(token))


def test_a_campaign_joins_a_sector_wave_and_its_stories_carry_the_id(
        settings: IntakeSettings, sector: tuple[str, str], tokens: dict[str, str]) -> None:
    url, wave = sector
    with _intake(settings, url) as intake:
        created = _create(intake, tokens["beheer.zwolle"], wave)
        assert created.status_code == 201, created.text
        campaign = created.json()
        link = campaign["link"].rsplit("/", 1)[1]
        told = intake.post(f"/api/v1/campaigns/by-link/{link}/stories", json=story_body(
            answers={**story_body()["answers"], "rol": {"choices": ["client"]}}))  # type: ignore[dict-item]
        assert told.status_code == 201, told.text
        intake.post(f"/api/v1/stories/{told.json()['id']}/review", json={"consentToShare": True},
                    headers={"X-Review-Token": told.json()["reviewToken"]})
        listed = intake.get("/api/v1/campaigns", headers=bearer(tokens["verteller.zwolle"]))
        left = intake.patch(f"/api/v1/campaigns/{campaign['id']}", json={"waveId": ""},
                            headers=bearer(tokens["beheer.zwolle"]))
        [message] = outbox(intake)

    assert campaign["waveId"] == wave
    assert decode(message.payload).story_shared.wave_id == wave
    assert [c["waveId"] for c in listed.json()] == [wave]
    assert left.status_code == 200 and left.json()["waveId"] is None


@pytest.mark.parametrize("wave", ["verzonnen-ronde-zz99", "Thuisadministratie in beeld"])
def test_an_unknown_wave_is_refused_with_a_problem(settings: IntakeSettings, sector: tuple[str, str],
                                                   tokens: dict[str, str], wave: str) -> None:
    with _intake(settings, sector[0]) as intake:
        refused = _create(intake, tokens["beheer.zwolle"], wave)
        campaigns = intake.get("/api/v1/campaigns", headers=bearer(tokens["beheer.zwolle"])).json()

    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/problem+json")
    problem = refused.json()
    assert problem["type"].endswith("/onbekende-sectorronde") and problem["invalidParams"][0]["name"] == "waveId"
    assert campaigns == []


def test_a_campaign_outside_the_wave_period_is_refused_also_when_it_moves(
        settings: IntakeSettings, sector: tuple[str, str], tokens: dict[str, str]) -> None:
    url, wave = sector
    admin = bearer(tokens["beheer.zwolle"])
    with _intake(settings, url) as intake:
        too_long = _create(intake, tokens["beheer.zwolle"], wave, days=120)
        joined = _create(intake, tokens["beheer.zwolle"], wave).json()
        moved = intake.patch(f"/api/v1/campaigns/{joined['id']}", json={"endsOn": (TODAY + timedelta(days=200))
                                                                          .isoformat()}, headers=admin)
        renamed = intake.patch(f"/api/v1/campaigns/{joined['id']}", json={"name": "Administratie (deel 2)"},
                               headers=admin)

    assert too_long.status_code == 400 and too_long.json()["type"].endswith("/buiten-sectorronde")
    assert "tot en met" in too_long.json()["title"]
    assert moved.status_code == 400 and moved.json()["type"].endswith("/buiten-sectorronde")
    assert renamed.status_code == 200 and renamed.json()["waveId"] == wave


def test_without_a_reachable_sector_a_wave_cannot_be_joined(settings: IntakeSettings, sector: tuple[str, str],
                                                            tokens: dict[str, str]) -> None:
    with _intake(settings, None) as not_configured:
        unconfigured = _create(not_configured, tokens["beheer.zwolle"], sector[1])
        without_wave = _create(not_configured, tokens["beheer.zwolle"], None)
    with _intake(settings, f"http://127.0.0.1:{free_port()}/graphql") as unreachable:
        down = _create(unreachable, tokens["beheer.zwolle"], sector[1])

    assert unconfigured.status_code == 409 and unconfigured.json()["type"].endswith("/sector-niet-verbonden")
    assert down.status_code == 503 and down.json()["type"].endswith("/sector-niet-bereikbaar")
    assert without_wave.status_code == 201 and without_wave.json()["waveId"] is None
