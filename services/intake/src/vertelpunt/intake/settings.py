"""The intake service's one settings object (env prefix VERTELPUNT_INTAKE_)."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vertelpunt.kit.web_security import parse_networks


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
    # The sector gateway's GraphQL endpoint (e.g. http://127.0.0.1:8200/graphql) for reflection; none: no reflection.
    gateway_url: str | None = None
    session_secret: str = "change-me-in-production-intake-session"
    # A logged-in person's access token is renewed (with the refresh token) this long before it expires.
    token_refresh_margin_seconds: int = Field(120, ge=0)
    retention_months: int = Field(24, ge=1, le=120)
    retention_check_seconds: int = 3600
    case_number_patterns: list[str] = Field(default_factory=list)
    campaign_rate_limit_per_minute: int = 20
    # Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. Empty: the header is ignored and
    # the address of the connection itself is the client (rate limits key on it).
    trusted_proxies: list[str] = Field(default_factory=list)
    # /metrics on the service port answers only with this bearer token; without one it is not served there.
    metrics_token: SecretStr | None = None
    # Serve /metrics, /health and /ready on their own port as well (bind it to an internal interface).
    metrics_port: int | None = Field(None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"
    # The largest request body (bytes) and JSON nesting depth the service reads.
    max_body_bytes: int = Field(262_144, ge=1024)
    max_json_depth: int = Field(16, ge=4)
    host: str = "127.0.0.1"
    port: int = 8101
    # Browser origins of the municipality's own sites that may call the REST API (CORS); none: no CORS.
    cors_origins: list[str] = Field(default_factory=list)
    # The contact published in the OpenAPI document (info.contact); its URL is the public URL.
    api_contact_email: str = "api@vertelpunt.nl"
    # Worker processes of `serve`; each handles requests on its own core (anonymisation is CPU-bound). The
    # campaign-link rate limit is kept per worker, so with N workers a link allows up to N times the limit.
    workers: int = Field(1, ge=1, le=64)
    log_json: bool = True

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        parse_networks(value)  # a typo in a proxy range fails at start-up, not silently at run time
        return value

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url.rstrip('/')}/realms/{self.keycloak_realm}"

    @property
    def https(self) -> bool:
        return self.public_url.startswith("https")
