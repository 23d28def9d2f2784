"""Creating the platform's topics with their settings (docs/federation.md explains each choice)."""

from __future__ import annotations

import contextlib

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from vertelpunt.contracts.topics import QUARANTINE_TOPIC, REGISTRY_TOPIC, SECTOR_TOPIC, tenant_topic
from vertelpunt.kit.kafka import KafkaConnection

PROCESSED_TOPIC = "vertelpunt.federation.processed"
DAY_MS = 24 * 3600 * 1000

SECTOR_TOPICS: dict[str, tuple[int, dict[str, str]]] = {
    # Compacted: the latest version of every shared story, tombstones delete; a rebuilt index replays it.
    SECTOR_TOPIC: (3, {"cleanup.policy": "compact", "min.insync.replicas": "1",
                       "delete.retention.ms": str(7 * DAY_MS)}),
    QUARANTINE_TOPIC: (1, {"cleanup.policy": "delete", "retention.ms": str(90 * DAY_MS)}),
    REGISTRY_TOPIC: (1, {"cleanup.policy": "compact"}),
    # Event ids the federation service has handled, written in the same transaction as its output.
    PROCESSED_TOPIC: (1, {"cleanup.policy": "compact,delete", "retention.ms": str(30 * DAY_MS)}),
}
TENANT_TOPIC_CONFIG = {"cleanup.policy": "delete", "retention.ms": str(14 * DAY_MS)}
TENANT_TOPIC_PARTITIONS = 3


def ensure_topics(kafka: KafkaConnection, topics: dict[str, tuple[int, dict[str, str]]]) -> list[str]:
    """Create the topics that do not exist yet; returns the names created. Safe to run twice. Needs DESCRIBE on
    the topics (to see them) and CREATE for the missing ones."""
    admin = KafkaAdminClient(**kafka.client_config(), client_id="vertelpunt-topics")
    try:
        existing = set(admin.list_topics())
        wanted = [NewTopic(name, partitions, 1, topic_configs=config)
                  for name, (partitions, config) in topics.items() if name not in existing]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics(wanted)
        return [t.name for t in wanted]
    finally:
        admin.close()


def ensure_sector_topics(kafka: KafkaConnection) -> list[str]:
    return ensure_topics(kafka, SECTOR_TOPICS)


def ensure_tenant_topic(kafka: KafkaConnection, code: str) -> list[str]:
    return ensure_topics(kafka, {tenant_topic(code): (TENANT_TOPIC_PARTITIONS, TENANT_TOPIC_CONFIG)})
