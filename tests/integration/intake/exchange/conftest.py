"""Two municipalities' intake services on real PostgreSQL (or SQLite) with real Keycloak tokens: stories are
exported from one (Zwolle, GM0193) and imported into the other (Deventer, GM0150)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.integration.intake.conftest import bearer, create_postgres_database
from tests.integration.keycloak_tokens import password_token
from vertelpunt.intake.app import create_app
from vertelpunt.intake.campaigns.models import Campaign
from vertelpunt.intake.exchange.models import ImportedRecord
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.outbox.models import OutboxMessage
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.models import Story

USERS = ["beheer.zwolle", "analist.zwolle", "verteller.zwolle", "beheer.deventer", "analist.deventer"]


@pytest.fixture(scope="session")
def exchange_tokens(keycloak_url: str) -> dict[str, str]:
    return {user: password_token(keycloak_url, user) for user in USERS}


@pytest.fixture(params=["postgresql", "sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_intake(backend: str, postgres_url: str, tmp_path: Path, unique: str,
                keycloak_url: str) -> Iterator[Callable[[str, str], TestClient]]:
    clients: list[TestClient] = []

    def _make(code: str, name: str) -> TestClient:
        if backend == "postgresql":
            url = create_postgres_database(postgres_url, f"exchange_{code.lower()}_{unique}")
        else:
            url = f"sqlite:///{tmp_path / f'{code}.db'}"
        upgrade(url)
        settings = IntakeSettings(tenant_code=code, tenant_name=name, database_url=url, keycloak_url=keycloak_url,
                                  public_url="http://testserver", log_json=False)
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield _make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def zwolle(make_intake: Callable[[str, str], TestClient]) -> TestClient:
    return make_intake("GM0193", "Zwolle")


@pytest.fixture
def deventer(make_intake: Callable[[str, str], TestClient]) -> TestClient:
    return make_intake("GM0150", "Deventer")


def count(client: TestClient, model: Any) -> int:
    with client.app.state.container.database.sessions() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def stored_counts(client: TestClient) -> dict[str, int]:
    return {name: count(client, model) for name, model in
            (("stories", Story), ("outbox", OutboxMessage), ("campaigns", Campaign), ("imports", ImportedRecord))}


ANSWERS: dict[str, Any] = {
    "situatie": {"choices": ["wonen"]},
    "interventie": {"choices": ["keukentafelgesprek", "doorverwijzing"]},
    "uitkomst-verandering": {"choices": ["veel-beter"]},
    "uitkomst-hielp": {"choices": ["deels"]},
    "uitkomst-gevoel": {"choices": ["opgelucht"]},
    "verschil": {"triad": [0.15, 0.6, 0.25]},
    "houvast": {"notApplicable": True},
    "regie": {"dyad": 0.3},
    "tempo": {"dyad": 0.9},
    "rol": {"choices": ["staff"]},
    "leeftijd": {"choices": ["45-64"]},
    "team": {"choices": ["zorg"]},
}


def tell(client: TestClient, token: str, consent: bool = True, **fields: Any) -> dict[str, Any]:
    body = {"title": "Een rustig gesprek aan de keukentafel",
            "text": "Bij het huisbezoek bleek de huur al maanden achter. We belden samen met de woningcorporatie.",
            "answers": ANSWERS, "consentToShare": consent, **fields}
    created = client.post("/api/v1/stories", json=body, headers=bearer(token))
    assert created.status_code == 201, created.text
    reviewed = client.post(f"/api/v1/stories/{created.json()['id']}/review", json={"consentToShare": consent},
                           headers=bearer(token))
    assert reviewed.status_code == 200, reviewed.text
    return dict(created.json())
