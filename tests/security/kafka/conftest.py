"""Attacks on the real Kafka of the stack: anonymous clients, wrong passwords and principals that reach beyond
their ACLs. Each attack comes with its control (the same call by the right principal succeeds), so every test
fails when SASL or the ACLs are switched off."""

from __future__ import annotations

from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from tests.integration.federation.conftest import (  # noqa: F401  (fixtures shared with the federation tests)
    federation,
    federation_kafka,
    onboard,
    secrets,
)
from vertelpunt.kit.kafka import KafkaConnection

# Short timeouts: a refused client must fail fast instead of retrying for the default 30 to 60 s.
FAST = {"bootstrap_timeout_ms": 6000, "request_timeout_ms": 6000}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/security/" in str(item.path):
            item.add_marker(pytest.mark.integration)


def anonymous(kafka: KafkaConnection) -> dict[str, Any]:
    """A client that presents no credentials at all."""
    return {"bootstrap_servers": kafka.bootstrap, "security_protocol": "SSL" if kafka.uses_tls else "PLAINTEXT",
            **({"ssl_cafile": str(kafka.ssl_cafile)} if kafka.ssl_cafile else {})}


def produce(config: dict[str, Any], topic: str, value: bytes | None, key: bytes = b"k") -> int:
    """Send one record and wait for the broker's acknowledgement; returns its offset."""
    producer = KafkaProducer(**config, **FAST, acks="all", max_block_ms=6000, retries=0)
    try:
        return int(producer.send(topic, key=key, value=value).get(timeout=20).offset)
    finally:
        producer.close(timeout=5)


def consume(config: dict[str, Any], topic: str, group_id: str | None = None) -> list[bytes | None]:
    """Read a topic from the beginning to its current end, optionally in a consumer group."""
    consumer = KafkaConsumer(**config, **FAST, group_id=group_id, enable_auto_commit=False,
                             auto_offset_reset="earliest")
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or {0}]
        consumer.assign(partitions)
        consumer.seek_to_beginning()
        ends = consumer.end_offsets(partitions)
        values: list[bytes | None] = []
        while True:  # at least one fetch: offsets alone need only DESCRIBE, reading needs READ
            for batch in consumer.poll(timeout_ms=2000).values():
                values.extend(record.value for record in batch)
            if all(consumer.position(p) >= ends[p] for p in partitions):
                break
        if group_id:
            consumer.commit()
        return values
    finally:
        consumer.close()
