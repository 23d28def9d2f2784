"""Settings of the search indexer (env prefix VERTELPUNT_SEARCH_)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from vertelpunt.contracts import framework_document
from vertelpunt.kit.kafka import KafkaClientSettings


class SearchSettings(KafkaClientSettings):
    """The indexer's Kafka principal `indexer` may only read the sector topic, with groups starting with
    vertelpunt-search-indexer. OpenSearch credentials go in the URL (https://user:password@host:9200)."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_SEARCH_")

    kafka_username: str = "indexer"
    opensearch_url: str = "http://127.0.0.1:9200"
    # Readers and the indexer use the alias; the versioned index behind it can be rebuilt without downtime.
    alias: str = "vertelpunt-stories"
    # The registry of framework definitions (FrameworkPublished): one document per municipality and version.
    frameworks_index: str = framework_document.DEFAULT_INDEX
    group_id: str = "vertelpunt-search-indexer"
    max_poll_records: int = 1000
    poll_timeout_ms: int = 500
    max_backoff_seconds: float = 30.0
    shards: int = 1
    replicas: int = 0
    health_host: str = "127.0.0.1"
    health_port: int = 8401
    log_json: bool = True
