from __future__ import annotations

import json
import random
from pathlib import Path

from kafka import KafkaAdminClient, KafkaProducer
from keycloak import KeycloakAdmin
from sqlalchemy import inspect

from vertelpunt.cli.onboarding import TenantConfig, offboard, onboard
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.contracts.topics import tenant_topic
from vertelpunt.federation.registry import TenantRegistry
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
