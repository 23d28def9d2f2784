"""Sector events on the real sector topic (written as the operator), indexed into a per-test alias on real
OpenSearch by an indexer with exactly the indexer's ACLs."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from kafka import KafkaProducer
from opensearchpy import OpenSearch

from tests.conftest import MakePrincipal
from vertelpunt.contracts.envelopes import encode, new_envelope
from vertelpunt.contracts.topics import SECTOR_TOPIC
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.federation.access import INDEXER_GROUP_PREFIX, indexer_grants
from vertelpunt.federation.topics import ensure_sector_topics
from vertelpunt.kit.kafka import KafkaConnection
from vertelpunt.search.indexer import Indexer
from vertelpunt.search.settings import SearchSettings


def sector_story(tenant: str, text: str, week: str = "2026-W40", **answers: list[str]) -> pb.Envelope:
    envelope = new_envelope(tenant, datetime(2026, 9, 28, tzinfo=UTC))
    story = pb.StoryShared(story_id=uuid.uuid4().hex, framework_id="sector-core", framework_version="1.0.0",
                           title="Verhaal", text=text, language="nl", channel=pb.CHANNEL_WEB, told_week=week,
                           consent_to_share=True, region="Overijssel", storyteller_role="staff")
    for question, options in answers.items():
        story.answers.append(pb.Answer(question_id=question.replace("_", "-"),
                                       choice=pb.ChoiceAnswer(option_ids=options)))
    story.answers.append(pb.Answer(question_id="verschil", triad=pb.TriadAnswer(a=0.2, b=0.5, c=0.3)))
    story.answers.append(pb.Answer(question_id="ruimte", dyad=pb.DyadAnswer(position=0.7)))
    envelope.story_shared.CopyFrom(story)
    return envelope


def publish(kafka: KafkaConnection, envelopes: list[pb.Envelope], tombstones: list[str] = ()) -> None:  # type: ignore[assignment]
    ensure_sector_topics(kafka)
    producer = KafkaProducer(**kafka.client_config(), acks="all")
    for envelope in envelopes:
        producer.send(SECTOR_TOPIC, key=envelope.story_shared.story_id.encode(), value=encode(envelope),
                      headers=[("tenant", envelope.tenant.encode())])
    for key in tombstones:
        producer.send(SECTOR_TOPIC, key=key.encode(), value=None)
    producer.flush()
    producer.close()


@pytest.fixture
def tenant_code() -> str:
    return f"GM{random.randint(5000, 9999)}"


@pytest.fixture
def search_settings(kafka: KafkaConnection, kafka_principal: MakePrincipal, opensearch_url: str,
                    unique: str) -> SearchSettings:
    ensure_sector_topics(kafka)
    indexer_kafka = kafka_principal(f"indexer-test-{unique}", indexer_grants())
    return SearchSettings(**indexer_kafka.settings_fields(), opensearch_url=opensearch_url, alias=f"test-{unique}",
                          group_id=f"{INDEXER_GROUP_PREFIX}-{unique}", log_json=False)


@pytest.fixture
def indexer(search_settings: SearchSettings) -> Iterator[Indexer]:
    worker = Indexer(search_settings)
    worker.start()
    yield worker
    worker.close()
    client = OpenSearch(hosts=[search_settings.opensearch_url])
    client.indices.delete(index=f"{search_settings.alias}-v*", ignore=[404])


def count(opensearch_url: str, alias: str, tenant: str) -> int:
    client = OpenSearch(hosts=[opensearch_url])
    if not client.indices.exists_alias(name=alias):
        return 0
    client.indices.refresh(index=alias)
    return int(client.count(index=alias, body={"query": {"term": {"tenant": tenant}}})["count"])
