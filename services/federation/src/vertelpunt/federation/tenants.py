"""The federation side of onboarding a municipality: its topic, its signing secret, its registry entry."""

from __future__ import annotations

from dataclasses import dataclass

from vertelpunt.federation.registry import publish_registration
from vertelpunt.federation.secrets import TenantSecrets
from vertelpunt.federation.topics import ensure_sector_topics, ensure_tenant_topic


@dataclass(frozen=True)
class Registration:
    topic_created: bool
    secret_created: bool


def register_tenant(bootstrap: str, secrets: TenantSecrets, code: str, name: str, region: str) -> Registration:
    """Safe to run twice: existing topics and secrets are kept; the registry entry is simply rewritten."""
    ensure_sector_topics(bootstrap)
    created = ensure_tenant_topic(bootstrap, code)
    secret_created = secrets.ensure(code)
    publish_registration(bootstrap, code, name, region)
    return Registration(topic_created=bool(created), secret_created=secret_created)


def offboard_tenant(bootstrap: str, code: str) -> None:
    publish_registration(bootstrap, code, "", "", active=False)
