"""Settings of the operator tooling (env prefix VERTELPUNT_): where state lives and how to reach the stack."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import SettingsConfigDict

from vertelpunt.kit.kafka import KafkaClientSettings


class PlatformSettings(KafkaClientSettings):
    """VERTELPUNT_KAFKA_* is the operator's Kafka connection: a super user that creates topics, principals and
    ACLs (`vertelpunt stack env` prints the local stack's admin)."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_")

    state_dir: Path = Path("/var/tmp/vertelpunt/state")
    kafka_username: str = "admin"
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
    def kafka_credentials_dir(self) -> Path:
        """Passwords of the sector's Kafka principals (federation, indexer), one file each, mode 600."""
        return self.state_dir / "kafka-credentials"

    @property
    def tenants_dir(self) -> Path:
        return self.state_dir / "tenants"

    @property
    def run_dir(self) -> Path:
        return self.state_dir / "run"
