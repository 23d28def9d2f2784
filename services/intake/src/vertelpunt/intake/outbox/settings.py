"""Settings of the outbox relay that runs beside one intake service (VERTELPUNT_RELAY_*)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class RelaySettings(BaseSettings):
    """The outbox relay beside one intake service (VERTELPUNT_RELAY_*)."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_RELAY_")

    tenant_code: str = Field("GM0193", pattern=r"^GM\d{4}$")
    database_url: str = "sqlite:///./vertelpunt-intake.db"
    kafka_bootstrap: str = "127.0.0.1:9092"
    batch_size: int = Field(500, ge=1, le=10_000)
    idle_sleep_seconds: float = 0.2
    max_backoff_seconds: float = 30.0
    health_host: str = "127.0.0.1"
    health_port: int = 8301
    log_json: bool = True
