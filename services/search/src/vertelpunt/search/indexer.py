"""The indexer: the sector topic into OpenSearch, idempotently.

The sector story id is the document id, so replays overwrite; a tombstone deletes. A framework definition goes
to the registry index under its registry id (tenant, framework, version): the same version twice is one entry.
Offsets are committed only after a bulk request succeeded; while OpenSearch is away the same batch is retried
with backoff, so nothing is lost. A document OpenSearch rejects (a mapping conflict) is logged and counted, never
retried forever.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import TransportError
from prometheus_client import Counter, Gauge

from vertelpunt.contracts.envelopes import UndecodableEvent, decode
from vertelpunt.contracts.topics import SECTOR_TOPIC
from vertelpunt.kit.consumer_lag import LagMeter
from vertelpunt.kit.logging import get_logger
from vertelpunt.kit.retry import run_until_stopped
from vertelpunt.search.documents import to_document, to_framework_document
from vertelpunt.search.index import ensure_alias, ensure_frameworks_index
from vertelpunt.search.settings import SearchSettings

log = get_logger(__name__)
INDEXED = Counter("vertelpunt_indexer_documents_total", "Documents written or deleted", ["action"])
REJECTED = Counter("vertelpunt_indexer_rejected_total", "Documents OpenSearch rejected")
LAG = Gauge("vertelpunt_indexer_consumer_lag", "Sector messages not yet indexed")


class IndexUnavailable(Exception):
    """OpenSearch did not take the batch; retry it."""


def bulk_actions(records: Iterable[ConsumerRecord], frameworks_index: str) -> list[dict[str, Any]]:
    """Newline-delimited bulk body items for the stories index (the bulk request's default) and the framework
    registry (named per item); the last event per key wins within a batch."""
    latest: dict[bytes, ConsumerRecord] = {}
    for record in records:
        if record.key:
            latest.pop(record.key, None)
            latest[record.key] = record
    body: list[dict[str, Any]] = []
    for key, record in latest.items():
        doc_id = key.decode()
        if record.value is None:
            body.append({"delete": {"_id": doc_id}})
            continue
        try:
            envelope = decode(record.value)
        except UndecodableEvent as error:
            log.warning("sector_event_undecodable", key=doc_id, error=str(error))
            REJECTED.inc()
            continue
        if envelope.HasField("story_shared"):
            body.append({"index": {"_id": doc_id}})
            body.append(to_document(envelope))
        elif envelope.HasField("framework_published"):
            body.append({"index": {"_index": frameworks_index, "_id": doc_id}})
            body.append(to_framework_document(envelope))
    return body


def writes_frameworks(body: list[dict[str, Any]], frameworks_index: str) -> bool:
    return any(item.get("index", {}).get("_index") == frameworks_index for item in body)


def write_bulk(client: OpenSearch, index: str, body: list[dict[str, Any]]) -> None:
    if not body:
        return
    payload = "\n".join(json.dumps(item, ensure_ascii=False) for item in body) + "\n"
    try:
        response = client.bulk(body=payload, index=index)
    except (OpenSearchConnectionError, TransportError) as error:
        status = getattr(error, "status_code", None)
        if isinstance(status, int) and status < 500 and status != 429:
            raise
        raise IndexUnavailable(str(error)) from None
    for item in response.get("items", []):
        action, result = next(iter(item.items()))
        status = result.get("status", 500)
        if action == "delete" and status == 404:
            continue  # deleting what was never indexed is fine
        if status == 429 or status >= 500:
            raise IndexUnavailable(f"{action} {result.get('_id')}: {status}")
        if status >= 400:
            REJECTED.inc()
            log.error("document_rejected", id=result.get("_id"), error=result.get("error"))
            continue
        INDEXED.labels(action).inc()


class Indexer:
    def __init__(self, settings: SearchSettings, client: OpenSearch | None = None) -> None:
        self.settings = settings
        self.client = client or OpenSearch(hosts=[settings.opensearch_url], timeout=30)
        self.consumer: KafkaConsumer | None = None
        self._lag = LagMeter(lambda _topic, lag: LAG.set(lag))

    def start(self) -> None:
        s = self.settings
        self.consumer = KafkaConsumer(
            SECTOR_TOPIC, **s.kafka.client_config(), group_id=s.group_id, enable_auto_commit=False,
            auto_offset_reset="earliest", isolation_level="read_committed", max_poll_records=s.max_poll_records,
        )

    def close(self) -> None:
        if self.consumer is not None:
            self.consumer.close()

    def run_once(self) -> int:
        """Poll, write, and only then commit; raises IndexUnavailable with the offsets left uncommitted."""
        assert self.consumer is not None
        batches = self.consumer.poll(timeout_ms=self.settings.poll_timeout_ms)
        if not batches:
            return 0
        records = [r for batch in batches.values() for r in batch]
        try:
            index = ensure_alias(self.client, self.settings.alias, self.settings.shards, self.settings.replicas)
            body = bulk_actions(records, self.settings.frameworks_index)
            if writes_frameworks(body, self.settings.frameworks_index):
                ensure_frameworks_index(self.client, self.settings.frameworks_index, self.settings.replicas)
            write_bulk(self.client, index, body)
        except (IndexUnavailable, OpenSearchConnectionError, TransportError) as error:
            for tp, batch in batches.items():
                self.consumer.seek(tp, batch[0].offset)
            raise IndexUnavailable(str(error)) from None
        self.consumer.commit()
        self._lag.measure(self.consumer)
        return len(records)

    def run(self, should_stop: Callable[[], bool]) -> None:
        run_until_stopped(self.run_once, should_stop, IndexUnavailable, "index_unavailable_retrying",
                          self.settings.max_backoff_seconds)
