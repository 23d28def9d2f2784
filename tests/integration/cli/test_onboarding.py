from __future__ import annotations

import random
from pathlib import Path

from kafka import KafkaAdminClient
from keycloak import KeycloakAdmin
from sqlalchemy import inspect

from vertelpunt.cli.onboarding import offboard, onboard
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.contracts.topics import tenant_topic
from vertelpunt.federation.registry import TenantRegistry
from vertelpunt.kit.db import make_engine


def test_onboarding_is_complete_and_safe_to_run_twice(tmp_path: Path, kafka_bootstrap: str, keycloak_url: str,
                                                      postgres_url: str) -> None:
    code = f"GM{random.randint(1000, 4999)}"
    settings = PlatformSettings(state_dir=tmp_path, kafka_bootstrap=kafka_bootstrap, keycloak_url=keycloak_url,
                                postgres_url=postgres_url)
    messages: list[str] = []

    first, password = onboard(settings, code, "Teststad", "Utrecht", 8190, progress=messages.append)
    second, second_password = onboard(settings, code, "Teststad", "Utrecht", 8190)

    assert password and second_password is None
    assert first.client_secret == second.client_secret and first.database_url == second.database_url
    assert tenant_topic(code) in KafkaAdminClient(bootstrap_servers=kafka_bootstrap).list_topics()
    assert (settings.secrets_dir / f"{code}.key").stat().st_mode & 0o777 == 0o600
    assert "stories" in inspect(make_engine(first.database_url)).get_table_names()
    registered = TenantRegistry(kafka_bootstrap).get(code)
    assert registered is not None and registered.region == "Utrecht" and registered.active
    admin = KeycloakAdmin(server_url=f"{keycloak_url}/", username="admin", password="admin",
                          realm_name="vertelpunt", user_realm_name="master")
    assert admin.get_group_by_path(f"/{code}")["attributes"]["tenant"] == [code]
    assert admin.get_client_id(f"vertelpunt-intake-{code.lower()}")
    [user] = admin.get_users({"username": f"beheer.{code.lower()}", "exact": True})
    assert user["attributes"]["tenant"] == [code]

    assert offboard(settings, code) == 0
    assert TenantRegistry(kafka_bootstrap).get(code).active is False  # type: ignore[union-attr]
