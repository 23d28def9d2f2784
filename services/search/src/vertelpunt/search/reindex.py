"""Rebuild the stories index without downtime: fill a new versioned index from the (compacted) sector topic,
swap the alias atomically, catch up what arrived meanwhile, then drop the old index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition
from opensearchpy import OpenSearch

from vertelpunt.contracts.topics import SECTOR_TOPIC
from vertelpunt.search.index import create_index, ensure_frameworks_index, new_index_name, swap_alias
from vertelpunt.search.indexer import bulk_actions, write_bulk
from vertelpunt.search.settings import SearchSettings

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReindexResult:
    new_index: str
    removed: list[str]
    documents: int


def _copy(consumer: KafkaConsumer, client: OpenSearch, index: str, frameworks_index: str,
          until: dict[TopicPartition, int], progress: Progress | None) -> int:
    total = sum(until.values())
    copied = 0
    while any(consumer.position(tp) < end for tp, end in until.items()):
        batches = consumer.poll(timeout_ms=1000, max_records=2000)
        records = [r for tp, batch in batches.items() for r in batch if r.offset < until[tp]]
        write_bulk(client, index, bulk_actions(records, frameworks_index))
        copied += len(records)
        if progress:
            progress(copied, total)
    return copied


def reindex(settings: SearchSettings, progress: Progress | None = None) -> ReindexResult:
    client = OpenSearch(hosts=[settings.opensearch_url], timeout=60)
    index = new_index_name(settings.alias)
    create_index(client, index, settings.shards, settings.replicas)
    # Definitions are upserted in place by their registry id: replaying them changes nothing but fills gaps.
    ensure_frameworks_index(client, settings.frameworks_index, settings.replicas)
    consumer = KafkaConsumer(**settings.kafka.client_config(), group_id=None, enable_auto_commit=False,
                             isolation_level="read_committed")
    try:
        partitions = [TopicPartition(SECTOR_TOPIC, p) for p in consumer.partitions_for_topic(SECTOR_TOPIC) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        copied = _copy(consumer, client, index, settings.frameworks_index, consumer.end_offsets(partitions), progress)
        client.indices.refresh(index=index)
        removed = swap_alias(client, settings.alias, index)
        # The live indexer kept writing to the old index until the swap: replay what came in meanwhile.
        copied += _copy(consumer, client, index, settings.frameworks_index, consumer.end_offsets(partitions), progress)
        for old in removed:
            client.indices.delete(index=old, ignore=[404])
        client.indices.refresh(index=index)
        return ReindexResult(index, removed, copied)
    finally:
        consumer.close()
