"""Who may produce and consume what on the real broker (docs/security.md, "Kafka")."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

import pytest
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from tests.conftest import MakePrincipal
from tests.integration.federation.conftest import Municipality, drain, sector_records
from tests.integration.federation.test_federation import federation_quarantine
from tests.security.kafka.conftest import FAST, anonymous, consume, produce
from vertelpunt.cli.onboarding import TenantConfig, offboard
from vertelpunt.cli.platform_settings import PlatformSettings
from vertelpunt.contracts.envelopes import encode, new_envelope
from vertelpunt.contracts.topics import QUARANTINE_TOPIC, REGISTRY_TOPIC, SECTOR_TOPIC, tenant_topic
from vertelpunt.federation.access import INDEXER_GROUP_PREFIX, grant_relay, indexer_grants, principal_acls
from vertelpunt.federation.registry import read_topic_to_end
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.service import FederationService
from vertelpunt.federation.tenants import register_tenant
from vertelpunt.federation.topics import ensure_sector_topics
from vertelpunt.intake.migrate import upgrade
from vertelpunt.kit.db import make_engine
from vertelpunt.kit.kafka import KafkaConnection


def codes(count: int) -> list[str]:
    return [f"GM{n}" for n in random.sample(range(1000, 4999), count)]


def withdrawal(tenant: str, local_story_id: str) -> bytes:
    envelope = new_envelope(tenant)
    envelope.story_withdrawn.story_id = local_story_id
    envelope.story_withdrawn.reason = "ingetrokken"
    return encode(envelope)


def test_an_anonymous_client_can_neither_produce_nor_consume(kafka: KafkaConnection, onboard) -> None:  # type: ignore[no-untyped-def]
    [municipality] = [onboard(code) for code in codes(1)]
    topic = tenant_topic(municipality.code)
    produce(municipality.kafka.client_config(), topic, b"control: the relay may write here")

    with pytest.raises(KafkaError):
        produce(anonymous(kafka), topic, b"written without credentials")
    with pytest.raises(KafkaError):
        consume(anonymous(kafka), topic)
    with pytest.raises(KafkaError):
        consume(anonymous(kafka), SECTOR_TOPIC)


def test_a_wrong_password_is_refused(kafka: KafkaConnection, kafka_principal: MakePrincipal) -> None:
    ensure_sector_topics(kafka)
    indexer = kafka_principal(f"indexer-sec-{uuid.uuid4().hex[:8]}", indexer_grants())
    consume(indexer.client_config(), SECTOR_TOPIC)  # control: the right password works

    for impostor in (indexer.as_user(indexer.username, "raden-maar"), kafka.as_user("admin", uuid.uuid4().hex)):
        with pytest.raises(KafkaError):
            consume(impostor.client_config(), SECTOR_TOPIC)
        with pytest.raises(KafkaError):
            KafkaAdminClient(**impostor.client_config(), **FAST).list_topics()


def test_a_relay_writes_only_its_own_topic_and_reads_nothing(kafka: KafkaConnection, onboard) -> None:  # type: ignore[no-untyped-def]
    own, other = (onboard(code) for code in codes(2))
    produce(own.kafka.client_config(), tenant_topic(own.code), b"control")

    for topic in (tenant_topic(other.code), SECTOR_TOPIC, QUARANTINE_TOPIC, REGISTRY_TOPIC):
        with pytest.raises(KafkaError):
            produce(own.kafka.client_config(), topic, b"not my topic")
    for topic in (tenant_topic(own.code), tenant_topic(other.code), SECTOR_TOPIC):
        with pytest.raises(KafkaError):
            consume(own.kafka.client_config(), topic)


def test_the_indexer_reads_the_sector_topic_but_cannot_write_it(kafka: KafkaConnection,
                                                                kafka_principal: MakePrincipal) -> None:
    ensure_sector_topics(kafka)
    indexer = kafka_principal(f"indexer-sec-{uuid.uuid4().hex[:8]}", indexer_grants())
    consume(indexer.client_config(), SECTOR_TOPIC, group_id=f"{INDEXER_GROUP_PREFIX}-sec-{uuid.uuid4().hex[:8]}")

    with pytest.raises(KafkaError):
        produce(indexer.client_config(), SECTOR_TOPIC, None, key=b"a-story-to-delete")
    with pytest.raises(KafkaError):  # a group outside its prefix
        consume(indexer.client_config(), SECTOR_TOPIC, group_id=f"vertelpunt-federation-{uuid.uuid4().hex[:8]}")
    with pytest.raises(KafkaError):
        consume(indexer.client_config(), QUARANTINE_TOPIC)


def test_the_federation_does_its_job_with_its_own_principal_and_no_more(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService, federation_kafka: KafkaConnection) -> None:
    [municipality] = [onboard(code) for code in codes(1)]
    municipality.tell("Met hulp van de wijkcoach kwam er weer overzicht in de post.")
    municipality.relay().publish_batch()

    drain(federation, lambda: len(sector_records(kafka, {municipality.code})) == 1)

    with pytest.raises(KafkaError):  # it cannot put words in a municipality's mouth
        produce(federation_kafka.client_config(), tenant_topic(municipality.code), b"forged by the sector")


def test_a_forged_withdrawal_cannot_remove_a_shared_story(  # type: ignore[no-untyped-def]
        kafka: KafkaConnection, onboard, federation: FederationService, kafka_principal: MakePrincipal) -> None:
    victim, attacker = (onboard(code) for code in codes(2))
    local_id = victim.tell("Een verhaal over de schuldhulp dat gedeeld blijft.")
    victim.relay().publish_batch()
    drain(federation, lambda: len(sector_records(kafka, {victim.code})) == 1)
    [(sector_key, _, _)] = sector_records(kafka, {victim.code})
    forged = withdrawal(victim.code, local_id)
    indexer = kafka_principal(f"indexer-sec-{uuid.uuid4().hex[:8]}", indexer_grants())

    for outsider in (anonymous(kafka), attacker.kafka.client_config(), indexer.client_config()):
        with pytest.raises(KafkaError):
            produce(outsider, tenant_topic(victim.code), forged, key=local_id.encode())
        with pytest.raises(KafkaError):
            produce(outsider, SECTOR_TOPIC, None, key=sector_key)
    # Its own topic is the only place the attacker can write: an event naming another municipality is quarantined.
    produce(attacker.kafka.client_config(), tenant_topic(attacker.code), forged, key=local_id.encode())
    drain(federation, lambda: any(q["tenant"] == attacker.code for q in federation_quarantine(kafka)))

    [quarantined] = [q for q in federation_quarantine(kafka) if q["tenant"] == attacker.code]
    assert str(quarantined["reason"]).startswith("tenant-mismatch")
    assert [value is not None for _, value, _ in sector_records(kafka, {victim.code})] == [True]
    assert sector_records(kafka, {attacker.code}) == []


def test_offboarding_publishes_the_withdrawals_then_removes_the_principal(kafka: KafkaConnection,
                                                                         tmp_path: Path) -> None:
    [code] = codes(1)
    settings = PlatformSettings(state_dir=tmp_path, **kafka.settings_fields())
    register_tenant(kafka, TenantSecrets(settings.secrets_dir), code, "Offstad", "Gelderland")
    password = uuid.uuid4().hex
    principal = grant_relay(kafka, code, password)
    url = f"sqlite:///{tmp_path / 'offstad.db'}"
    upgrade(url)
    config = TenantConfig(code=code, name="Offstad", region="Gelderland", database_url=url, client_id="-",
                          client_secret="-", port=0, kafka_username=principal, kafka_password=password)
    config.save(settings.tenants_dir)
    relay = config.relay_kafka(kafka)
    municipality = Municipality(code, make_engine(url), url, relay)
    municipality.tell("Een verhaal dat bij het vertrek wordt teruggetrokken.")
    produce(relay.client_config(), tenant_topic(code), b"control: the relay can log in")

    assert offboard(settings, code) == 1

    events = [value for _, value in read_topic_to_end(kafka, tenant_topic(code))]
    assert len(events) == 3  # the control, the shared story, and its withdrawal published before the principal went
    with pytest.raises(KafkaError):
        produce(relay.client_config(), tenant_topic(code), b"after offboarding")
    assert principal_acls(kafka, principal) == []
