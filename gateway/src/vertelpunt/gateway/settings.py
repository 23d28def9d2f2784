"""The gateway's one settings object (env prefix VERTELPUNT_GATEWAY_)."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from vertelpunt.contracts import framework_document


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_GATEWAY_")

    opensearch_url: str = "http://127.0.0.1:9200"
    alias: str = "vertelpunt-stories"
    measures_index: str = "vertelpunt-measures"
    # The sector's listening waves (meetronden) that municipalities join (waves.py).
    waves_index: str = "vertelpunt-waves"
    # The sector's registry of framework definitions (written by the indexer), and how often it is reread.
    frameworks_index: str = framework_document.DEFAULT_INDEX
    frameworks_ttl_seconds: float = 30.0
    keycloak_url: str = "http://localhost:8080"
    keycloak_realm: str = "vertelpunt"
    client_id: str = "vertelpunt-gateway"
    # The Werkplaats (workbench/): served at /werkplaats when enabled; Keycloak's public client for the browser
    # login (code flow with PKCE), the address browsers reach this gateway at (for the login redirect), and the key
    # that signs its session cookie.
    werkplaats_enabled: bool = True
    werkplaats_client_id: str = "vertelpunt-werkplaats"
    public_url: str = "http://127.0.0.1:8000"
    session_secret: str = "change-me-in-production-werkplaats-session"
    https: bool = False
    # Disclosure control for everyone who looks outside their own municipality (product.md).
    min_cell: int = 10
    min_tenants: int = 3
    min_denominator: int = 30
    # Story lists: at most this share of stories is listed without context (k-anonymous release); how often the
    # release is recomputed from the index.
    release_max_outliers: float = 0.05
    release_ttl_seconds: float = 60.0
    # Reading the stories of a pattern cell (cells.py): at most this many per cell, drawn only from the fixed
    # reading pool, this share of all stories. Keep the size below min_cell; raising the share widens what a
    # reader can reach by varying requests.
    cell_sample_size: int = 5
    cell_sample_share: float = 0.2
    # A tenant analyst looking at the own municipality sees finer aggregates.
    own_min_cell: int = 5
    own_min_denominator: int = 20
    max_page_size: int = 100
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    # Backend work one query may cause: resolver-backed fields count, lists multiply (cost.py, docs/security.md).
    max_query_cost: int = 50
    # Blocking OpenSearch work runs in this many worker threads, never on the event loop.
    resolver_threads: int = 16
    resolver_timeout_seconds: float = 10.0
    operation_timeout_seconds: float = 20.0
    # Request bodies on every path: bytes and nesting of JSON (413 / 400 problem+json above them).
    max_body_bytes: int = 256 * 1024
    max_json_depth: int = 32
    # Clock skew allowed when checking a token's expiry.
    token_leeway_seconds: int = 30
    # Introspection and the GraphiQL page: on = for callers with a valid token only; off = for nobody.
    introspection: bool = True
    mask_errors: bool = True
    # /metrics on the main port answers only with this bearer token; without one it is refused there.
    metrics_token: SecretStr | None = None
    # Optionally also serve /health, /ready and /metrics (without a token) on a separate, internal port.
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    host: str = "127.0.0.1"
    port: int = 8000
    log_json: bool = True

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url.rstrip('/')}/realms/{self.keycloak_realm}"
