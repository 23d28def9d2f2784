from __future__ import annotations

import time

from opensearchpy import OpenSearch

from tests.integration.search.conftest import count, publish, sector_story
from vertelpunt.cli.stack.commands import bring_up
from vertelpunt.cli.stack.components import OpenSearch as OpenSearchServer
from vertelpunt.cli.stack.settings import StackSettings
from vertelpunt.kit.kafka import KafkaConnection
from vertelpunt.search.indexer import Indexer, IndexUnavailable
from vertelpunt.search.reindex import reindex
from vertelpunt.search.settings import SearchSettings


def index_until(indexer: Indexer, condition, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            indexer.run_once()
        except IndexUnavailable:
            time.sleep(1)
        if condition():
            return
    raise AssertionError("indexing did not finish in time")


def test_stories_are_indexed_with_dutch_search_and_tombstones_delete(kafka: KafkaConnection, opensearch_url: str,
                                                                     indexer: Indexer, tenant_code: str) -> None:
    stories = [sector_story(tenant_code, f"De klant had schulden, verhaal {i}.", situatie=["schulden"])
               for i in range(20)]
    publish(kafka, stories)
    alias = indexer.settings.alias
    index_until(indexer, lambda: count(opensearch_url, alias, tenant_code) == 20)

    client = OpenSearch(hosts=[opensearch_url])
    hits = client.search(index=alias, body={"query": {"bool": {"must": [{"match": {"text": "schuld"}}],
                                                              "filter": [{"term": {"tenant": tenant_code}}]}}})
    doc = client.get(index=alias, id=stories[0].story_shared.story_id)["_source"]
    assert hits["hits"]["total"]["value"] == 20
    assert doc["choice"]["situatie"] == ["schulden"] and doc["week_start"] == "2026-09-28"
    assert abs(doc["triad"]["verschil"]["a"] - 0.2) < 1e-9 and doc["dyad"]["ruimte"] == 0.7

    publish(kafka, [], tombstones=[s.story_shared.story_id for s in stories[:5]])
    index_until(indexer, lambda: count(opensearch_url, alias, tenant_code) == 15)


def test_replay_is_idempotent_and_reindex_swaps_without_downtime(kafka: KafkaConnection, opensearch_url: str,
                                                                 indexer: Indexer, tenant_code: str,
                                                                 search_settings: SearchSettings) -> None:
    publish(kafka, [sector_story(tenant_code, f"Verhaal {i}") for i in range(12)])
    alias = search_settings.alias
    index_until(indexer, lambda: count(opensearch_url, alias, tenant_code) == 12)
    # A second indexer group replays the whole topic into the same alias: still 12 documents.
    replay = Indexer(search_settings.model_copy(update={"group_id": f"{search_settings.group_id}-replay"}))
    replay.start()
    try:
        for _ in range(5):
            replay.run_once()
    finally:
        replay.close()
    assert count(opensearch_url, alias, tenant_code) == 12

    client = OpenSearch(hosts=[opensearch_url])
    before = list(client.indices.get_alias(name=alias))
    result = reindex(search_settings)

    assert list(client.indices.get_alias(name=alias)) == [result.new_index]
    assert result.removed == before and not client.indices.exists(index=before[0])
    assert count(opensearch_url, alias, tenant_code) == 12


def test_opensearch_restarted_while_indexing_loses_nothing(kafka: KafkaConnection, opensearch_url: str,
                                                           indexer: Indexer, tenant_code: str) -> None:
    alias = indexer.settings.alias
    publish(kafka, [sector_story(tenant_code, f"Voor de herstart {i}") for i in range(50)])
    index_until(indexer, lambda: count(opensearch_url, alias, tenant_code) == 50)
    server = OpenSearchServer(StackSettings())
    server.stop()
    publish(kafka, [sector_story(tenant_code, f"Tijdens de herstart {i}") for i in range(100)])
    try:
        for _ in range(3):  # the indexer keeps trying while OpenSearch is away, committing nothing
            try:
                indexer.run_once()
            except IndexUnavailable:
                pass
    finally:
        bring_up(StackSettings(), only="opensearch")

    index_until(indexer, lambda: count(opensearch_url, alias, tenant_code) == 150, timeout=120)
