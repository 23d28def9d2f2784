"""An intake service of a municipality, on real PostgreSQL (and SQLite) with real Keycloak tokens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from tests.integration.keycloak_tokens import password_token
from vertelpunt.intake.app import create_app
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.settings import IntakeSettings


def create_postgres_database(postgres_url: str, name: str) -> str:
    admin_url = postgres_url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request: pytest.FixtureRequest, postgres_url: str, tmp_path: Path, unique: str) -> str:
    if request.param == "postgresql":
        return create_postgres_database(postgres_url, f"intake_test_{unique}")
    return f"sqlite:///{tmp_path / 'intake.db'}"


@pytest.fixture
def settings(database_url: str, keycloak_url: str) -> IntakeSettings:
    upgrade(database_url)
    return IntakeSettings(tenant_code="GM0193", tenant_name="Zwolle", database_url=database_url,
                          keycloak_url=keycloak_url, public_url="http://testserver",
                          campaign_rate_limit_per_minute=5, log_json=False)


@pytest.fixture
def client(settings: IntakeSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def tokens(keycloak_url: str) -> dict[str, str]:
    users = ["verteller.zwolle", "beheer.zwolle", "analist.zwolle", "verteller.deventer", "analist.sector"]
    return {user: password_token(keycloak_url, user) for user in users}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


PLANTED = {
    "name": "Fatima El Amrani",
    "bsn": "1234.56.782",
    "iban": "NL91 ABNA 0417 1643 00",
    "phone": "06-12345678",
    "email": "fatima.elamrani@gmail.com",
    "postcode": "8011 AB",
    "street": "Assendorperstraat 12a",
}


def story_body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "title": "Samen de schulden op een rij",
        "text": (f"Mevrouw {PLANTED['name']} (BSN {PLANTED['bsn']}) woont aan de {PLANTED['street']}, "
                 f"{PLANTED['postcode']}. Ze belde met {PLANTED['phone']} en mailde vanaf {PLANTED['email']}. "
                 f"Haar rekening {PLANTED['iban']} stond rood. Met budgetcoaching en de Voedselbank kwam er rust."),
        "channel": "web",
        "answers": {
            "situatie": {"choices": ["schulden", "inkomen"], "other": "Problemen met Fatima haar huisbaas"},
            "interventie": {"choices": ["budgetcoaching"]},
            "uitkomst-verandering": {"choices": ["beter"]},
            "uitkomst-hielp": {"choices": ["ja"]},
            "verschil": {"triad": [0.2, 0.5, 0.3]},
            "houvast": {"notApplicable": True},
            "ruimte": {"dyad": 0.8},
            "rol": {"choices": ["staff"]},
            "team": {"choices": ["schulden"]},
        },
        "consentToShare": True,
    }
    body.update(overrides)
    return body
