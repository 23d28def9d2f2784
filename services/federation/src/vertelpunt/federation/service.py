"""The federation service: every municipality topic in, the sector topic (or quarantine) out.

Consume-transform-produce in Kafka transactions: the outputs, the consumed offsets and the handled event ids
commit together or not at all, so a crash at any point neither loses nor duplicates a story. Duplicates that
the at-least-once outbox relay sends are dropped by event id.

Who produced an event: Kafka hands consumers no producer identity, but the broker's ACLs let only the
municipality's own relay principal (relay-gm0193) write its topic (vertelpunt.federation.access), so the topic
an event arrives on is its authenticated producer. The policy then quarantines an event whose envelope names
another municipality than that topic (tenant-mismatch), and one from a municipality without a signing secret
(unknown-tenant); docs/security.md, "Kafka".
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import KafkaError
from kafka.structs import OffsetAndMetadata

from vertelpunt.contracts.envelopes import encode
from vertelpunt.contracts.topics import QUARANTINE_TOPIC, SECTOR_TOPIC, TENANT_TOPIC_PATTERN
from vertelpunt.federation.metrics import CONSUMER_LAG, DROPPED_FIELDS, EVENTS, QUARANTINED
from vertelpunt.federation.policy import Forward, Outcome, Quarantine, Tombstone, apply_policy
from vertelpunt.federation.registry import TenantRegistry, read_topic_to_end
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.settings import FederationSettings
from vertelpunt.federation.topics import PROCESSED_TOPIC, ensure_sector_topics
from vertelpunt.kit.consumer_lag import LagMeter
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.retry import run_until_stopped

log = get_logger(__name__)


def tenant_of_topic(topic: str) -> str:
    return topic.split(".")[2].upper()


class FederationService:
    def __init__(self, settings: FederationSettings, secrets: TenantSecrets, registry: TenantRegistry) -> None:
        self.settings = settings
        self.secrets = secrets
        self.registry = registry
        self.processed: set[str] = set()
        self.consumer: KafkaConsumer | None = None
        self.producer: KafkaProducer | None = None
        self._lag = LagMeter(lambda topic, lag: CONSUMER_LAG.labels(topic).set(lag))
        self.last_poll = 0.0

    def start(self) -> None:
        s = self.settings
        ensure_sector_topics(s.kafka)
        self.processed = {k.decode() for k, _ in read_topic_to_end(s.kafka, PROCESSED_TOPIC) if k}
        self.consumer = KafkaConsumer(
            **s.kafka.client_config(), group_id=s.group_id, enable_auto_commit=False,
            auto_offset_reset="earliest", isolation_level="read_committed",
            metadata_max_age_ms=s.metadata_max_age_ms, max_poll_records=s.max_poll_records,
        )
        self.consumer.subscribe(pattern=TENANT_TOPIC_PATTERN)
        self.producer = KafkaProducer(**s.kafka.client_config(), transactional_id=s.transactional_id,
                                      acks="all", enable_idempotence=True, linger_ms=5)
        self.producer.init_transactions()
        log.info("federation_started", processed_ids=len(self.processed))

    def close(self) -> None:
        if self.consumer is not None:
            self.consumer.close()
        if self.producer is not None:
            self.producer.close(timeout=10)

    def healthy(self) -> bool:
        """Ready while the consume loop keeps polling (a broker outage shows as a stale poll)."""
        return time.monotonic() - self.last_poll < 30

    def run(self, should_stop: Callable[[], bool]) -> None:
        run_until_stopped(self.run_once, should_stop, KafkaError, "federation_retry", initial_backoff=1.0)

    def run_once(self) -> int:
        assert self.consumer is not None and self.producer is not None
        records = self.consumer.poll(timeout_ms=self.settings.poll_timeout_ms)
        self.last_poll = time.monotonic()
        self._measure_lag()
        if not records:
            return 0
        handled: set[str] = set()
        outcomes: list[tuple[str, str]] = []
        dropped: list[tuple[str, str]] = []  # (tenant, field) cleared from forwarded stories
        self.producer.begin_transaction()
        try:
            for partition_records in records.values():
                for record in partition_records:
                    outcome = self._handle(record, handled, dropped)
                    if outcome:
                        outcomes.append(outcome)
            offsets = {tp: OffsetAndMetadata(batch[-1].offset + 1, "", -1) for tp, batch in records.items()}
            self.producer.send_offsets_to_transaction(offsets, self.consumer.group_metadata())
            self.producer.commit_transaction()
        except Exception:
            self.producer.abort_transaction()
            for tp, batch in records.items():  # handle these records again in the next transaction
                self.consumer.seek(tp, batch[0].offset)
            raise
        self.processed |= handled
        for tenant, label in outcomes:
            EVENTS.labels(tenant, label).inc()
        for tenant, name in dropped:
            DROPPED_FIELDS.labels(tenant, name).inc()
        return sum(len(batch) for batch in records.values())

    def _handle(self, record: ConsumerRecord, handled: set[str],
                dropped: list[tuple[str, str]]) -> tuple[str, str] | None:
        assert self.producer is not None
        tenant = tenant_of_topic(record.topic)  # the authenticated producer: only its relay may write this topic
        registered = self.registry.get(tenant)
        region = registered.region if registered else ""
        try:
            outcome: Outcome = apply_policy(record.value, tenant, self.secrets.get(tenant), region)
        except Exception as error:  # a bug must quarantine one event, never stop the sector
            log.exception("policy_failed", topic=record.topic, offset=record.offset)
            outcome = Quarantine(f"internal: {type(error).__name__}", None, tenant)
        if isinstance(outcome, Forward) and registered is not None and not registered.active:
            outcome = Quarantine("offboarded: this municipality no longer shares stories",
                                 outcome.envelope.event_id, tenant)
        event_id = outcome.event_id if not isinstance(outcome, Forward) else outcome.envelope.event_id
        if event_id and (event_id in self.processed or event_id in handled):
            return tenant, "duplicate"
        headers = [("event_id", (event_id or "").encode()), ("tenant", tenant.encode())]
        if isinstance(outcome, Forward):
            kind = outcome.envelope.WhichOneof("payload") or ""
            self.producer.send(SECTOR_TOPIC, key=outcome.key.encode(), value=encode(outcome.envelope),
                               headers=[*headers, ("type", kind.encode())])
            label = "forwarded"
            if outcome.dropped:
                log.warning("fields_dropped", tenant=tenant, event_id=event_id, fields=list(outcome.dropped))
                dropped += [(tenant, name) for name in outcome.dropped]
        elif isinstance(outcome, Tombstone):
            self.producer.send(SECTOR_TOPIC, key=outcome.key.encode(), value=None,
                               headers=[*headers, ("type", b"story_withdrawn"), ("reason", outcome.reason.encode())])
            label = "withdrawn"
        else:
            self._quarantine(record, outcome)
            label = "quarantined"
        if event_id:
            self.producer.send(PROCESSED_TOPIC, key=event_id.encode(), value=b"1")
            handled.add(event_id)
        return tenant, label

    def _quarantine(self, record: ConsumerRecord, outcome: Quarantine) -> None:
        """The reason and where the event lives, never its content: it may hold the identifier it was stopped
        for, and the sector must not collect that. The municipality investigates from its own topic."""
        assert self.producer is not None
        reason_kind = outcome.reason.split(":")[0]
        QUARANTINED.labels(outcome.tenant or "?", reason_kind).inc()
        body = {"reason": outcome.reason, "event_id": outcome.event_id, "tenant": outcome.tenant,
                "source": {"topic": record.topic, "partition": record.partition, "offset": record.offset},
                "quarantined_at": datetime.now(UTC).isoformat()}
        key = outcome.event_id or f"{record.topic}:{record.partition}:{record.offset}"
        self.producer.send(QUARANTINE_TOPIC, key=key.encode(), value=json.dumps(body).encode())
        log.warning("event_quarantined", **body)

    def _measure_lag(self) -> None:
        assert self.consumer is not None
        self._lag.measure(self.consumer)
