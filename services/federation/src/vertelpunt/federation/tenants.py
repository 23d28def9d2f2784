"""The federation side of onboarding a municipality: its topic, its signing secret, its registry entry."""

from __future__ import annotations

from dataclasses import dataclass

from vertelpunt.federation.registry import publish_registration
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.topics import ensure_sector_topics, ensure_tenant_topic
from vertelpunt.kit.kafka import KafkaConnection


@dataclass(frozen=True)
class Registration:
    topic_created: bool
    secret_created: bool


def register_tenant(kafka: KafkaConnection, secrets: TenantSecrets, code: str, name: str, region: str) -> Registration:
    """Safe to run twice: existing topics and secrets are kept; the registry entry is simply rewritten.
    Runs as the operator (creates topics); the relay's principal is access.grant_relay's job."""
    ensure_sector_topics(kafka)
    created = ensure_tenant_topic(kafka, code)
    secret_created = secrets.ensure(code)
    publish_registration(kafka, code, name, region)
    return Registration(topic_created=bool(created), secret_created=secret_created)


def offboard_tenant(kafka: KafkaConnection, code: str) -> None:
    publish_registration(kafka, code, "", "", active=False)
