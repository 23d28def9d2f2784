"""Settings of the sector's federation service (VERTELPUNT_FEDERATION_*)."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import SettingsConfigDict

from vertelpunt.kit.kafka import KafkaClientSettings


class FederationSettings(KafkaClientSettings):
    """The sector's federation service (VERTELPUNT_FEDERATION_*); Kafka principal `federation` (its ACLs allow
    groups and transactional ids starting with vertelpunt-federation)."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_FEDERATION_")

    kafka_username: str = "federation"
    group_id: str = "vertelpunt-federation"
    # Stable per instance: a restarted instance fences its predecessor's unfinished transaction.
    transactional_id: str = "vertelpunt-federation-1"
    # One key file per municipality (<CBS code>.key); written by `vertelpunt tenant onboard`.
    secrets_dir: Path = Path("/var/tmp/vertelpunt/state/federation-secrets")
    # How often the consumer looks for new municipality topics.
    metadata_max_age_ms: int = 5000
    poll_timeout_ms: int = 500
    max_poll_records: int = 500
    health_host: str = "127.0.0.1"
    health_port: int = 8201
    log_json: bool = True
