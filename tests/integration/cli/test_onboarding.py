from __future__ import annotations

import json
import random
from pathlib import Path

import jwt
import pytest
from kafka import KafkaAdminClient, KafkaProducer
from keycloak import KeycloakAdmin
from playwright.sync_api import Browser
from sqlalchemy import inspect

from tests.integration.keycloak_tokens import browser_login_tokens
from vertelpunt.cli.onboarding import TenantConfig, offboard, onboard
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.contracts.topics import tenant_topic
from vertelpunt.federation.registry import TenantRegistry
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.kit.auth import AuthError, TokenVerifier
from vertelpunt.kit.db import make_engine
from vertelpunt.kit.kafka import KafkaConnection


def test_onboarding_is_complete_and_safe_to_run_twice(tmp_path: Path, kafka: KafkaConnection, keycloak_url: str,
                                                      postgres_url: str) -> None:
    code = f"GM{random.randint(1000, 4999)}"
    settings = PlatformSettings(state_dir=tmp_path, **kafka.settings_fields(), keycloak_url=keycloak_url,
                                postgres_url=postgres_url)
    messages: list[str] = []

    first, password = onboard(settings, code, "Teststad", "Utrecht", 8190, progress=messages.append)
    second, second_password = onboard(settings, code, "Teststad", "Utrecht", 8190)

    assert password and second_password is None
    assert first.client_secret == second.client_secret and first.database_url == second.database_url
    assert tenant_topic(code) in KafkaAdminClient(**kafka.client_config()).list_topics()
    # The relay's own principal, its password kept for it in the municipality's state (mode 600) only.
    stored = json.loads((settings.tenants_dir / f"{code}.json").read_text())
    assert (settings.tenants_dir / f"{code}.json").stat().st_mode & 0o777 == 0o600
    assert stored["kafka_username"] == f"relay-{code.lower()}" and first.kafka_password == second.kafka_password
    producer = KafkaProducer(**first.relay_kafka(kafka).client_config(), acks="all")
    assert producer.send(tenant_topic(code), b"onboarded").get(timeout=30).topic == tenant_topic(code)
    producer.close()
    assert all((settings.kafka_credentials_dir / name).stat().st_mode & 0o777 == 0o600
               for name in ("federation", "indexer"))
    assert (settings.secrets_dir / f"{code}.key").stat().st_mode & 0o777 == 0o600
    assert "stories" in inspect(make_engine(first.database_url)).get_table_names()
    registered = TenantRegistry(kafka).get(code)
    assert registered is not None and registered.region == "Utrecht" and registered.active
    admin = KeycloakAdmin(server_url=f"{keycloak_url}/", username="admin", password="admin",
                          realm_name="vertelpunt", user_realm_name="master")
    assert admin.get_group_by_path(f"/{code}")["attributes"]["tenant"] == [code]
    assert admin.get_client_id(f"vertelpunt-intake-{code.lower()}")
    [user] = admin.get_users({"username": f"beheer.{code.lower()}", "exact": True})
    assert user["attributes"]["tenant"] == [code]

    assert offboard(settings, code) == 0
    assert KafkaAdminClient(**kafka.client_config()).describe_user_scram_credentials([f"relay-{code.lower()}"])[
        f"relay-{code.lower()}"]["error"]  # no such user any more
    assert TenantConfig.load(settings.tenants_dir, code).kafka_password == ""  # type: ignore[union-attr]
    assert TenantRegistry(kafka).get(code).active is False  # type: ignore[union-attr]


def test_onboarding_again_gives_an_old_client_the_audience_the_gateway_needs(
        tmp_path: Path, kafka: KafkaConnection, keycloak_url: str, postgres_url: str, browser: Browser) -> None:
    """The token a municipality's web login gets (code flow, the intake's own client, not a password grant) must be
    accepted by the sector gateway for reflection. A client made before the gateway audience existed, or by hand,
    loses it; running onboarding again puts it back."""
    code = f"GM{random.randint(5000, 8999)}"
    settings = PlatformSettings(state_dir=tmp_path, **kafka.settings_fields(), keycloak_url=keycloak_url,
                                postgres_url=postgres_url)
    config, _ = onboard(settings, code, "Oudstad", "Gelderland", 8191)
    admin = KeycloakAdmin(server_url=f"{keycloak_url}/", username="admin", password="admin",
                          realm_name="vertelpunt", user_realm_name="master")
    client_uuid = admin.get_client_id(config.client_id)
    gateway = TokenVerifier(GatewaySettings(keycloak_url=keycloak_url).issuer, GatewaySettings().client_id)
    intake = TokenVerifier(IntakeSettings(keycloak_url=keycloak_url).issuer, IntakeSettings().audience)

    def web_login() -> str:
        token: str = browser_login_tokens(browser, keycloak_url, config.client_id, config.client_secret,
                                          "http://127.0.0.1:8191/auth/callback", "verteller.zwolle")["access_token"]
        return token

    try:
        fresh = web_login()
        [mapper] = [m for m in admin.get_mappers_from_client(client_uuid) if m["name"] == "audience-vertelpunt-gateway"]
        admin.remove_client_mapper(client_uuid, mapper["id"])
        old = web_login()
        repaired, _ = onboard(settings, code, "Oudstad", "Gelderland", 8191)
        again = web_login()

        claims = jwt.decode(fresh, options={"verify_signature": False})
        assert claims["azp"] == config.client_id and {"vertelpunt-intake", "vertelpunt-gateway"} <= set(claims["aud"])
        assert gateway.verify(fresh).username == "verteller.zwolle" and intake.verify(fresh).tenant == "GM0193"
        with pytest.raises(AuthError, match="not meant for this service"):
            gateway.verify(old)
        assert repaired.client_secret == config.client_secret
        assert gateway.verify(again).username == "verteller.zwolle" and intake.verify(again).tenant == "GM0193"
    finally:
        offboard(settings, code)
        admin.delete_client(client_uuid)
