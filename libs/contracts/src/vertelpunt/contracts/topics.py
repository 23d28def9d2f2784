"""Kafka topic names (docs/federation.md explains the design)."""

from __future__ import annotations

import re

TENANT_TOPIC_PATTERN = r"^vertelpunt\.tenant\.gm\d{4}\.stories$"
SECTOR_TOPIC = "vertelpunt.sector.stories"
QUARANTINE_TOPIC = "vertelpunt.sector.quarantine"
REGISTRY_TOPIC = "vertelpunt.registry.tenants"


def tenant_topic(code: str) -> str:
    """One topic per municipality, so Kafka ACLs can give each intake write access to its own topic only."""
    topic = f"vertelpunt.tenant.{code.lower()}.stories"
    if not re.match(TENANT_TOPIC_PATTERN, topic):
        raise ValueError(f"not a CBS municipality code: {code!r}")
    return topic


def relay_principal(code: str) -> str:
    """The Kafka principal of a municipality's relay: the only one allowed to write its topic."""
    return f"relay-{tenant_topic(code).split('.')[2]}"
