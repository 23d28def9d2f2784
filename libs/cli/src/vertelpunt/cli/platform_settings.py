"""Settings of the operator tooling (env prefix VERTELPUNT_): where state lives and how to reach the stack."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_")

    state_dir: Path = Path("/var/tmp/vertelpunt/state")
    kafka_bootstrap: str = "127.0.0.1:9092"
    opensearch_url: str = "http://127.0.0.1:9200"
    keycloak_url: str = "http://localhost:8080"
    keycloak_realm: str = "vertelpunt"
    keycloak_admin: str = "admin"
    keycloak_admin_password: str = "admin"
    # When set, every municipality gets its own PostgreSQL database; otherwise an embedded SQLite file.
    postgres_url: str | None = None

    @property
    def secrets_dir(self) -> Path:
        return self.state_dir / "federation-secrets"

    @property
    def tenants_dir(self) -> Path:
        return self.state_dir / "tenants"

    @property
    def run_dir(self) -> Path:
        return self.state_dir / "run"
