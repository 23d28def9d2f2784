"""The intake on PostgreSQL running as a container from the project's own image (testcontainers + podman).

The image must keep the contract the Helm chart and the stack rely on: non-root (uid 10001), a read-only root
filesystem, a health check, an SBOM, and an entry point that runs the command it is given.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect

from tests.integration.containers.conftest import DATABASE_USER
from tests.integration.keycloak_tokens import password_token
from vertelpunt.intake.app import create_app
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.settings import IntakeSettings

if TYPE_CHECKING:
    from testcontainers.community.postgres import PostgresContainer

# Building the image on a fresh machine (debootstrap, then PostgreSQL from Debian) is part of the first test.
pytestmark = pytest.mark.timeout(1800)


def plain_url(container: PostgresContainer) -> str:
    return container.get_connection_url(driver=None)


def test_image_runs_as_10001_with_health_check_sbom_and_honest_entry_point(
        postgres_container: PostgresContainer) -> None:
    wrapped = postgres_container.get_wrapped_container()
    config = wrapped.attrs["Config"]
    assert config["User"] == "10001:10001"
    assert config["Healthcheck"]["Test"][-1].startswith("pg_isready")
    assert wrapped.attrs["HostConfig"]["ReadonlyRootfs"] is True

    # The entry point runs what it is given (the chart passes whole commands).
    uid = postgres_container.exec(["id", "-u"])
    assert (uid.exit_code, uid.output.decode().strip()) == (0, "10001")
    health = postgres_container.exec(config["Healthcheck"]["Test"][1:] if config["Healthcheck"]["Test"][0] == "CMD"
                                     else ["sh", "-c", config["Healthcheck"]["Test"][-1]])
    assert health.exit_code == 0
    # Nothing outside /tmp and the data volume is writable.
    refused = postgres_container.exec(["sh", "-c", "touch /usr/local/bin/planted"])
    assert refused.exit_code != 0

    sbom = json.loads(postgres_container.exec(["cat", "/usr/share/doc/vertelpunt/sbom.cdx.json"]).output)
    assert sbom["bomFormat"] == "CycloneDX"
    names = {component["name"] for component in sbom["components"]}
    assert {"postgresql-15", "libpq5", "base-files"} <= names


def test_intake_migrations_on_the_container(postgres_container: PostgresContainer) -> None:
    url = postgres_container.get_connection_url()
    upgrade(url)
    upgrade(url)  # a second start migrates nothing and fails nothing

    with psycopg.connect(plain_url(postgres_container)) as conn:
        # This really is the container: its data directory and port, not the stack's cluster on 5433.
        data_directory, port, user = conn.execute(
            "SELECT current_setting('data_directory'), inet_server_port(), current_user").fetchone() or ()
        [version] = conn.execute("SELECT version_num FROM alembic_version").fetchone() or [None]
    assert (data_directory, port, user) == ("/var/lib/postgresql/data", 5432, DATABASE_USER)
    assert version

    engine = create_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"stories", "outbox"} <= tables


def test_story_round_trip_on_the_container(postgres_container: PostgresContainer, keycloak_url: str) -> None:
    url = postgres_container.get_connection_url()
    upgrade(url)
    settings = IntakeSettings(tenant_code="GM0150", tenant_name="Deventer", database_url=url,
                              keycloak_url=keycloak_url, public_url="http://testserver", log_json=False)
    token = {"Authorization": f"Bearer {password_token(keycloak_url, 'verteller.deventer')}"}
    story = {
        "title": "Weer grip op de post",
        "text": ("Meneer Hendrik Jansen kreeg elke week brieven die hij niet begreep. Samen met de "
                 "thuisadministratie van het buurthuis maakten we een map per instantie."),
        "channel": "web",
        "answers": {
            "situatie": {"choices": ["administratie", "taal"]},
            "interventie": {"choices": ["doorverwijzing"]},
            "uitkomst-verandering": {"choices": ["veel-beter"]},
            "uitkomst-hielp": {"choices": ["deels"]},
            "rol": {"choices": ["client"]},
        },
        "consentToShare": True,
    }
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        created = client.post("/api/v1/stories", json=story, headers=token)
        assert created.status_code == 201, created.text
        story_id = created.json()["id"]
        assert "Hendrik Jansen" not in created.json()["anonymisedText"]
        reviewed = client.post(f"/api/v1/stories/{story_id}/review", json={"consentToShare": True}, headers=token)
        assert reviewed.status_code == 200, reviewed.text
        read = client.get(f"/api/v1/stories/{story_id}", headers=token)

    assert read.status_code == 200, read.text
    assert read.json()["text"] == story["text"] and read.json()["title"] == story["title"]
    with psycopg.connect(plain_url(postgres_container)) as conn:
        stored = conn.execute("SELECT count(*) FROM stories WHERE id = %s", (story_id,)).fetchone()
        shared = conn.execute("SELECT count(*) FROM outbox").fetchone()
    assert stored == (1,)
    assert shared is not None and shared[0] >= 1
