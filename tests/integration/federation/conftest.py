"""Municipalities with real intake databases, real Kafka topics, a relay and the federation service, each with
its own Kafka principal and exactly the ACLs onboarding gives it."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import Engine

from tests.conftest import MakePrincipal
from vertelpunt.contracts.topics import SECTOR_TOPIC, relay_principal
from vertelpunt.federation.access import FEDERATION_GROUP_PREFIX, federation_grants, relay_grants
from vertelpunt.federation.registry import TenantRegistry
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.service import FederationService
from vertelpunt.federation.settings import FederationSettings
from vertelpunt.federation.tenants import register_tenant
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.app import build_container
from vertelpunt.intake.dependencies import Container
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.outbox.relay import OutboxRelay
from vertelpunt.intake.outbox.settings import RelaySettings
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.schemas import StoryCreate, StoryReview
from vertelpunt.kit.db import make_engine
from vertelpunt.kit.kafka import KafkaConnection

STORYTELLER = Actor(subject="staff-1", name="vera", roles=frozenset({"storyteller"}))
ANSWERS = {"situatie": Answer(choices=("schulden",)), "interventie": Answer(choices=("budgetcoaching",)),
           "uitkomst-verandering": Answer(choices=("beter",)), "uitkomst-hielp": Answer(choices=("ja",)),
           "rol": Answer(choices=("staff",)), "verschil": Answer(triad=(0.2, 0.5, 0.3))}


@dataclass
class Municipality:
    code: str
    engine: Engine
    database_url: str
    kafka: KafkaConnection  # the relay's own principal

    @cached_property
    def intake(self) -> Container:
        """The municipality's intake, composed by its own composition root, on this database."""
        return build_container(IntakeSettings(tenant_code=self.code, tenant_name=f"Gemeente {self.code}",
                                              database_url=self.database_url, log_json=False))

    def tell(self, text: str, consent: bool = True) -> str:
        with self.intake.database.unit_of_work() as session:
            service = self.intake.story_service(session)
            preview = service.tell(StoryCreate(title="Verhaal", text=text, answers=ANSWERS), STORYTELLER)
            service.review(preview.id, StoryReview(consent_to_share=consent), STORYTELLER)
        return preview.id

    def withdraw(self, story_id: str) -> None:
        with self.intake.database.unit_of_work() as session:
            self.intake.story_service(session).withdraw(story_id, STORYTELLER)

    def relay(self, **overrides: object) -> OutboxRelay:
        settings = RelaySettings(tenant_code=self.code, database_url=self.database_url,
                                 **self.kafka.settings_fields(), **overrides)
        return OutboxRelay(settings, self.engine)


def random_codes(count: int) -> list[str]:
    """Municipality codes no other test uses, so tests share Kafka without seeing each other's stories."""
    return [f"GM{n}" for n in random.sample(range(5000, 9999), count)]


@pytest.fixture
def secrets(tmp_path: Path) -> TenantSecrets:
    return TenantSecrets(tmp_path / "secrets")


@pytest.fixture
def onboard(kafka: KafkaConnection, secrets: TenantSecrets, tmp_path: Path,  # type: ignore[no-untyped-def]
            kafka_principal: MakePrincipal):
    def _onboard(code: str) -> Municipality:
        register_tenant(kafka, secrets, code, f"Gemeente {code}", "Overijssel")
        relay = kafka_principal(relay_principal(code), relay_grants(code))
        url = f"sqlite:///{tmp_path / f'{code}.db'}"
        upgrade(url)
        return Municipality(code, make_engine(url), url, relay)

    return _onboard


@pytest.fixture
def federation_kafka(kafka_principal: MakePrincipal, unique: str) -> KafkaConnection:
    """A principal with the federation's ACLs (its own name, so tests never change the platform's password)."""
    return kafka_principal(f"federation-test-{unique}", federation_grants())


@pytest.fixture
def federation(federation_kafka: KafkaConnection, secrets: TenantSecrets, unique: str
               ) -> Iterator[FederationService]:
    instance = f"{FEDERATION_GROUP_PREFIX}-test-{unique}"
    settings = FederationSettings(**federation_kafka.settings_fields(), group_id=instance, transactional_id=instance,
                                  secrets_dir=secrets.directory, metadata_max_age_ms=1000, log_json=False)
    service = FederationService(settings, secrets, TenantRegistry(federation_kafka, refresh_seconds=0.5))
    service.start()
    yield service
    service.close()


def sector_records(kafka: KafkaConnection, tenants: set[str]) -> list[tuple[bytes, bytes | None, dict[str, bytes]]]:
    """Committed records on the sector topic from the given municipalities: (key, value, headers)."""
    consumer = KafkaConsumer(**kafka.client_config(), group_id=None, enable_auto_commit=False,
                             isolation_level="read_committed")
    partitions = [TopicPartition(SECTOR_TOPIC, p) for p in consumer.partitions_for_topic(SECTOR_TOPIC) or ()]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    ends = consumer.end_offsets(partitions)
    found = []
    while any(consumer.position(p) < ends[p] for p in partitions):
        for batch in consumer.poll(timeout_ms=1000).values():
            for record in batch:
                headers = dict(record.headers)
                if headers.get("tenant", b"").decode() in tenants:
                    found.append((record.key, record.value, headers))
    consumer.close()
    return found


def drain(federation: FederationService, until: callable, timeout: float = 60.0) -> None:  # type: ignore[valid-type]
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        federation.run_once()
        if until():
            return
    raise AssertionError("the federation service did not catch up in time")
