"""The gateway's one settings object (env prefix VERTELPUNT_GATEWAY_)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_GATEWAY_")

    opensearch_url: str = "http://127.0.0.1:9200"
    alias: str = "vertelpunt-stories"
    measures_index: str = "vertelpunt-measures"
    keycloak_url: str = "http://localhost:8080"
    keycloak_realm: str = "vertelpunt"
    client_id: str = "vertelpunt-gateway"
    # Disclosure control for everyone who looks outside their own municipality (product.md).
    min_cell: int = 10
    min_tenants: int = 3
    min_denominator: int = 30
    # Story lists: at most this share of stories is listed without context (k-anonymous release); how often the
    # release is recomputed from the index.
    release_max_outliers: float = 0.05
    release_ttl_seconds: float = 60.0
    # A tenant analyst looking at the own municipality sees finer aggregates.
    own_min_cell: int = 5
    own_min_denominator: int = 20
    max_page_size: int = 100
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    introspection: bool = True
    mask_errors: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    log_json: bool = True

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url.rstrip('/')}/realms/{self.keycloak_realm}"
