"""Settings of the outbox relay that runs beside one intake service (VERTELPUNT_RELAY_*)."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from vertelpunt.contracts.topics import relay_principal
from vertelpunt.kit.kafka import KafkaClientSettings


class RelaySettings(KafkaClientSettings):
    """The outbox relay beside one intake service (VERTELPUNT_RELAY_*). Its Kafka principal (relay-gm0193,
    created by `vertelpunt tenant onboard`) may only write the municipality's own topic."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_RELAY_")

    tenant_code: str = Field("GM0193", pattern=r"^GM\d{4}$")
    database_url: str = "sqlite:///./vertelpunt-intake.db"
    batch_size: int = Field(500, ge=1, le=10_000)
    idle_sleep_seconds: float = 0.2
    max_backoff_seconds: float = 30.0
    health_host: str = "127.0.0.1"
    health_port: int = 8301
    log_json: bool = True

    @model_validator(mode="after")
    def _own_principal(self) -> RelaySettings:
        if not self.kafka_username:
            self.kafka_username = relay_principal(self.tenant_code)
        return self
