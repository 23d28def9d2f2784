"""The tenant registry: a compacted topic with one TenantRegistered (or TenantOffboarded) per municipality."""

from __future__ import annotations

import time
from dataclasses import dataclass

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from vertelpunt.contracts.envelopes import UndecodableEvent, decode, encode, new_envelope
from vertelpunt.contracts.topics import REGISTRY_TOPIC, tenant_topic
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.kit.kafka import KafkaConnection


@dataclass(frozen=True)
class Tenant:
    code: str
    name: str
    region: str
    active: bool


def read_topic_to_end(kafka: KafkaConnection, topic: str) -> list[tuple[bytes | None, bytes | None]]:
    """Every (key, value) in a topic, from the beginning up to its current end (READ on the topic, no group)."""
    consumer = KafkaConsumer(**kafka.client_config(), enable_auto_commit=False, group_id=None,
                             isolation_level="read_committed", consumer_timeout_ms=2000)
    try:
        partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return []
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records: list[tuple[bytes | None, bytes | None]] = []
        deadline = time.monotonic() + 60
        while any(consumer.position(p) < ends[p] for p in partitions) and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend((r.key, r.value) for r in batch)
        return records
    finally:
        consumer.close()


class TenantRegistry:
    def __init__(self, kafka: KafkaConnection, refresh_seconds: float = 5.0) -> None:
        self.kafka = kafka
        self.refresh_seconds = refresh_seconds
        self._tenants: dict[str, Tenant] = {}
        self._loaded_at = 0.0

    def refresh(self) -> None:
        tenants: dict[str, Tenant] = {}
        for _key, value in read_topic_to_end(self.kafka, REGISTRY_TOPIC):
            try:
                envelope = decode(value)
            except UndecodableEvent:
                continue
            if envelope.HasField("tenant_registered"):
                t = envelope.tenant_registered
                tenants[t.code] = Tenant(t.code, t.name, t.region, True)
            elif envelope.HasField("tenant_offboarded"):
                code = envelope.tenant_offboarded.code
                if code in tenants:
                    tenants[code] = Tenant(code, tenants[code].name, tenants[code].region, False)
        self._tenants = tenants
        self._loaded_at = time.monotonic()

    def get(self, code: str) -> Tenant | None:
        if code not in self._tenants and time.monotonic() - self._loaded_at > self.refresh_seconds:
            self.refresh()
        return self._tenants.get(code)

    def all(self) -> list[Tenant]:
        self.refresh()
        return sorted(self._tenants.values(), key=lambda t: t.code)


def publish_registration(kafka: KafkaConnection, code: str, name: str, region: str, active: bool = True) -> None:
    envelope = new_envelope(code)
    if active:
        envelope.tenant_registered.CopyFrom(pb.TenantRegistered(code=code, name=name, region=region,
                                                                topic=tenant_topic(code)))
    else:
        envelope.tenant_offboarded.CopyFrom(pb.TenantOffboarded(code=code))
    producer = KafkaProducer(**kafka.client_config(), acks="all")
    try:
        producer.send(REGISTRY_TOPIC, key=code.encode(), value=encode(envelope)).get(timeout=30)
    finally:
        producer.close()
