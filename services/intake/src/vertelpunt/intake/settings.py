"""The intake service's one settings object (env prefix VERTELPUNT_INTAKE_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class IntakeSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_INTAKE_")

    tenant_code: str = Field("GM0193", pattern=r"^GM\d{4}$", description="CBS code of this municipality")
    tenant_name: str = "Zwolle"
    # SQLite is the embedded default; set a PostgreSQL URL (postgresql+psycopg://...) for production.
    database_url: str = "sqlite:///./vertelpunt-intake.db"
    keycloak_url: str = "http://localhost:8080"
    keycloak_realm: str = "vertelpunt"
    # Bearer tokens must be meant for the intake services (audience); the login client is per municipality.
    audience: str = "vertelpunt-intake"
    client_id: str = "vertelpunt-intake"
    client_secret: str = "intake-dev-secret"
    # Where browsers reach this service (for OIDC redirects and campaign links).
    public_url: str = "http://127.0.0.1:8101"
    session_secret: str = "change-me-in-production-intake-session"
    retention_months: int = Field(24, ge=1, le=120)
    retention_check_seconds: int = 3600
    case_number_patterns: list[str] = Field(default_factory=list)
    campaign_rate_limit_per_minute: int = 20
    host: str = "127.0.0.1"
    port: int = 8101
    log_json: bool = True

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url.rstrip('/')}/realms/{self.keycloak_realm}"
