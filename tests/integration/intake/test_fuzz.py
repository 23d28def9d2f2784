"""The intake's OpenAPI document fuzzed with schemathesis: whatever comes in, never a 5xx.

Runs against real PostgreSQL and with a real Keycloak token, so the authenticated paths are fuzzed too."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.integration.intake.conftest import create_postgres_database
from tests.integration.keycloak_tokens import password_token
from vertelpunt.intake.app import create_app
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.settings import IntakeSettings


def _app():  # type: ignore[no-untyped-def]
    postgres = os.environ.get("VERTELPUNT_POSTGRES_URL")
    keycloak = os.environ.get("VERTELPUNT_KEYCLOAK_URL")
    if not postgres or not keycloak:
        pytest.fail("VERTELPUNT_POSTGRES_URL and VERTELPUNT_KEYCLOAK_URL must point at the running stack",
                    pytrace=False)
    url = create_postgres_database(postgres, "intake_fuzz")
    upgrade(url)
    return create_app(IntakeSettings(database_url=url, keycloak_url=keycloak, public_url="http://testserver",
                                     campaign_rate_limit_per_minute=100_000, log_json=False))


@pytest.fixture(scope="module")
def intake_schema():  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app())


@pytest.fixture(scope="module")
def admin_token(keycloak_url: str) -> str:
    return password_token(keycloak_url, "beheer.zwolle")


def test_no_input_causes_a_server_error(intake_schema, admin_token: str) -> None:  # type: ignore[no-untyped-def]
    checked = []
    for result in intake_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers={"Authorization": f"Bearer {admin_token}"})
            assert response.status_code < 500, \
                f"{case.method} {case.formatted_path}: {response.status_code} {response.text}"
            if response.status_code >= 400:
                content_type = response.headers["content-type"]
                content_type = content_type[0] if isinstance(content_type, list) else content_type
                assert content_type.startswith("application/problem+json"), case.formatted_path

        call()
        checked.append(f"{operation.method.upper()} {operation.path}")

    assert len(checked) >= 12, checked
