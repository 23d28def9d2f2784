"""The outbox relay beside one intake service: publishes outbox rows to the municipality's topic.

Rows go out in id order, keyed by story id (one partition per story keeps its events in order), with
acks=all and an idempotent producer. A row is marked sent only after the broker acknowledged it; on any error
the batch stops at the first unacknowledged row and is retried with backoff, so nothing is lost or reordered.
A crash between acknowledgement and marking re-sends rows: consumers deduplicate by event id.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from kafka import KafkaProducer
from kafka.errors import KafkaError
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from vertelpunt.contracts.topics import tenant_topic
from vertelpunt.intake.outbox.metrics import RELAY_ERRORS, RELAY_PENDING, RELAY_PUBLISHED
from vertelpunt.intake.outbox.repository import OutboxRepository
from vertelpunt.intake.outbox.settings import RelaySettings
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.retry import run_until_stopped

log = get_logger(__name__)


class OutboxRelay:
    def __init__(self, settings: RelaySettings, engine: Engine, producer: KafkaProducer | None = None) -> None:
        self.settings = settings
        self.topic = tenant_topic(settings.tenant_code)
        self.sessions = sessionmaker(engine)
        self._producer = producer

    @property
    def producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = KafkaProducer(
                **self.settings.kafka.client_config(), acks="all", enable_idempotence=True,
                linger_ms=10, batch_size=256 * 1024, max_in_flight_requests_per_connection=5,
                retries=2_147_483_647, delivery_timeout_ms=120_000, request_timeout_ms=30_000,
                reconnect_backoff_max_ms=5_000,
            )
        return self._producer

    def publish_batch(self) -> int:
        """Publish one batch of pending rows; returns how many were acknowledged and marked sent."""
        with self.sessions() as session:
            outbox = OutboxRepository(session)
            rows = outbox.pending(self.settings.batch_size)
            RELAY_PENDING.labels(self.settings.tenant_code).set(outbox.count_pending())
            if not rows:
                return 0
            futures = [(row.id, self.producer.send(self.topic, key=row.key.encode(), value=row.payload,
                                                   headers=[("event_id", row.event_id.encode())]))
                       for row in rows]
            self.producer.flush(timeout=60)
            acknowledged: list[int] = []
            for row_id, future in futures:
                try:
                    future.get(timeout=0 if future.is_done else 30)
                except KafkaError as error:
                    RELAY_ERRORS.labels(self.settings.tenant_code).inc()
                    log.warning("relay_publish_failed", row_id=row_id, error=str(error))
                    break  # keep order: later rows wait for this one
                acknowledged.append(row_id)
            outbox.mark_sent(acknowledged)
            session.commit()
        RELAY_PUBLISHED.labels(self.settings.tenant_code).inc(len(acknowledged))
        if len(acknowledged) < len(futures):
            raise KafkaError("batch only partly acknowledged")
        return len(acknowledged)

    def drain(self, timeout_seconds: float) -> int:
        """Publish every pending row now, batch after batch (offboarding: before the relay's principal is
        removed); returns how many were published."""
        published = 0
        deadline = time.monotonic() + timeout_seconds
        while True:
            with self.sessions() as session:
                if OutboxRepository(session).count_pending() == 0:
                    return published
            if time.monotonic() > deadline:
                raise TimeoutError(f"the outbox of {self.settings.tenant_code} did not drain in "
                                   f"{timeout_seconds:.0f} s; try again")
            published += self.publish_batch()

    def _step(self) -> None:
        if self.publish_batch() < self.settings.batch_size:
            time.sleep(self.settings.idle_sleep_seconds)

    def run(self, should_stop: Callable[[], bool]) -> None:
        run_until_stopped(self._step, should_stop, KafkaError, "relay_retry", self.settings.max_backoff_seconds,
                          on_error=self._reset_producer)

    def _reset_producer(self) -> None:
        # A producer whose batches expired carries failed state; a fresh one starts clean.
        if self._producer is not None:
            with contextlib.suppress(KafkaError):
                self._producer.close(timeout=5)
            self._producer = None

    def close(self) -> None:
        if self._producer is not None:
            self._producer.flush(timeout=30)
            self._producer.close(timeout=10)
