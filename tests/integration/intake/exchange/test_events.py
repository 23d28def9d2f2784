"""Imported stories federate exactly like told ones: anonymised, an outbox event each, published by the relay to
real Kafka, and accepted by the federation's independent policy (schema, consent, second PII check)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from kafka import KafkaConsumer, TopicPartition

from tests.integration.intake.conftest import bearer
from vertelpunt.contracts.envelopes import decode
from vertelpunt.federation.policy import Forward, apply_policy
from vertelpunt.federation.topics import ensure_topics
from vertelpunt.intake.outbox.relay import OutboxRelay
from vertelpunt.intake.outbox.settings import RelaySettings
from vertelpunt.kit.kafka import KafkaConnection

pytestmark = pytest.mark.integration

EXAMPLE = Path(__file__).resolve().parents[4] / "docs" / "exchange" / "example.json"
PLANTED = {"name": "Marloes Hendriksen", "phone": "0570-612345", "iban": "NL20 INGB 0001 2345 67",
           "email": "m.hendriksen@ziggo.nl"}


def raw_document() -> dict[str, Any]:
    """The documented example as another tool would send it: raw text, with direct identifiers in the story, in
    an "other" answer and in a campaign name."""
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["source"] = {"id": "verhalenbank:deventer-test", "tool": "verhalenbank"}
    document["textKind"] = "raw"
    document["campaigns"][0]["name"] = f"Ronde van {PLANTED['name']}"
    first, second = document["stories"]
    first["text"] = (f"{PLANTED['name']} belde vanaf {PLANTED['phone']} over haar rekening {PLANTED['iban']}. "
                     f"Ze mailt vanaf {PLANTED['email']}. Na drie weken meelopen bij de kwekerij kreeg ze werk.")
    second["answers"]["interventie"]["other"] = f"gesprek met {PLANTED['name']} van de bedrijfsarts"
    return document


def published(kafka: KafkaConnection, topic: str, expected: int) -> list[bytes]:
    consumer = KafkaConsumer(**kafka.client_config(), group_id=None, enable_auto_commit=False)
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    values: list[bytes] = []
    for _ in range(30):
        for batch in consumer.poll(timeout_ms=1000).values():
            values.extend(record.value for record in batch)
        if len(values) >= expected:
            break
    consumer.close()
    return values


def test_imported_stories_are_anonymised_and_published_like_told_ones(deventer: TestClient, kafka: KafkaConnection,
                                                                      exchange_tokens: dict[str, str],
                                                                      unique: str) -> None:
    document = raw_document()
    report = deventer.post("/api/v1/exchange/import", json=document,
                           headers=bearer(exchange_tokens["beheer.deventer"])).json()
    repeat = deventer.post("/api/v1/exchange/import", json=copy.deepcopy(document),
                           headers=bearer(exchange_tokens["beheer.deventer"])).json()
    topic = f"vertelpunt.test.exchange.{unique}"
    ensure_topics(kafka, {topic: (1, {})})
    container = deventer.app.state.container  # type: ignore[attr-defined]
    settings = RelaySettings(tenant_code="GM0150", database_url=container.settings.database_url,
                             **kafka.settings_fields())
    relay = OutboxRelay(settings, container.database.engine)
    relay.topic = topic  # a topic of this test only, not Deventer's own on the shared stack
    try:
        sent = relay.publish_batch()
    finally:
        relay.close()

    values = published(kafka, topic, expected=2)

    assert (report["imported"], repeat["imported"], sent, len(values)) == (2, 0, 2, 2)
    stories = {e.story_shared.story_id: e.story_shared for e in map(decode, values)}
    assert set(stories) == {s["id"] for s in report["stories"]}
    wire = b"".join(values).decode("utf-8", errors="replace")
    assert not any(value in wire for value in PLANTED.values())
    assert "Marloes" not in wire and "Hendriksen" not in wire
    first = next(s for s in stories.values() if "kwekerij" in s.text)
    second = next(s for s in stories.values() if s is not first)
    assert "[PERSOON-1]" in first.text and first.redaction_count >= 4
    assert first.told_at.ToDatetime().isoformat() == "2026-03-12T09:20:00"
    assert first.campaign_label == second.campaign_label and "[PERSOON-" in first.campaign_label
    assert (second.thread_number, second.storyteller_role) == (2, "client")
    assert second.thread_id and second.thread_id != "t-31"
    other = next(a.choice.other_text for a in second.answers if a.question_id == "interventie")
    assert "[PERSOON-" in other and "bedrijfsarts" in other
    triad = next(a for a in first.answers if a.question_id == "verschil").triad
    assert (triad.a, triad.b, triad.c) == pytest.approx((0.55, 0.35, 0.10))
    assert next(a for a in second.answers if a.question_id == "verschil").not_applicable
    outcomes = [apply_policy(value, "GM0150", b"test-secret-of-deventer", "Overijssel") for value in values]
    assert all(isinstance(outcome, Forward) for outcome in outcomes), outcomes
