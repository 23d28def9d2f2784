"""Who may do what on Kafka: one SCRAM principal per deployable unit, and its ACLs (docs/security.md, "Kafka").

The broker allows nothing without an ACL (StandardAuthorizer, allow.everyone.if.no.acl.found=false). So the
topic an event arrives on names its producer: only `relay-gm0193` can write `vertelpunt.tenant.gm0193.stories`.
The operator tooling (the `admin` super user) creates principals and ACLs through the Admin API.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kafka.admin import (
    ACL,
    ACLFilter,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    KafkaAdminClient,
    ResourcePattern,
    ResourcePatternFilter,
    ResourceType,
    ScramMechanism,
    UserScramCredentialDeletion,
    UserScramCredentialUpsertion,
)

from vertelpunt.contracts.topics import QUARANTINE_TOPIC, REGISTRY_TOPIC, SECTOR_TOPIC, relay_principal, tenant_topic
from vertelpunt.federation.topics import PROCESSED_TOPIC
from vertelpunt.kit.kafka import KafkaConnection

FEDERATION_PRINCIPAL = "federation"
INDEXER_PRINCIPAL = "indexer"
TENANT_TOPIC_PREFIX = "vertelpunt.tenant."
# Prefixed ACLs: every instance (and every test) uses its own group and transactional id under these prefixes.
FEDERATION_GROUP_PREFIX = "vertelpunt-federation"
FEDERATION_TRANSACTIONAL_ID_PREFIX = "vertelpunt-federation"
INDEXER_GROUP_PREFIX = "vertelpunt-search-indexer"
SCRAM = ScramMechanism.SCRAM_SHA_512

Op = ACLOperation


class AccessError(RuntimeError):
    """The broker refused to change a principal or its ACLs; the message says which and why."""


@dataclass(frozen=True)
class Grant:
    """Operations allowed on one resource (a literal name, or every name starting with it)."""

    resource: ResourceType
    name: str
    operations: tuple[ACLOperation, ...]
    prefixed: bool = False

    def acls(self, principal: str) -> list[ACL]:
        pattern = ResourcePattern(self.resource, self.name,
                                  ACLResourcePatternType.PREFIXED if self.prefixed else ACLResourcePatternType.LITERAL)
        return [ACL(f"User:{principal}", "*", op, ACLPermissionType.ALLOW, pattern) for op in self.operations]


def relay_grants(code: str) -> list[Grant]:
    """A municipality's relay writes its own topic and nothing else; it reads nothing."""
    return [Grant(ResourceType.TOPIC, tenant_topic(code), (Op.WRITE, Op.DESCRIBE)),
            Grant(ResourceType.CLUSTER, "kafka-cluster", (Op.IDEMPOTENT_WRITE,))]


def federation_grants() -> list[Grant]:
    """Reads every municipality topic; writes the sector's topics in transactions (and may create them)."""
    sector = [Grant(ResourceType.TOPIC, topic, (Op.WRITE, Op.DESCRIBE, Op.CREATE))
              for topic in (SECTOR_TOPIC, QUARANTINE_TOPIC)]
    own = [Grant(ResourceType.TOPIC, topic, (Op.READ, Op.WRITE, Op.DESCRIBE, Op.CREATE))
           for topic in (REGISTRY_TOPIC, PROCESSED_TOPIC)]
    return [Grant(ResourceType.TOPIC, TENANT_TOPIC_PREFIX, (Op.READ, Op.DESCRIBE), prefixed=True),
            Grant(ResourceType.GROUP, FEDERATION_GROUP_PREFIX, (Op.READ,), prefixed=True),
            Grant(ResourceType.TRANSACTIONAL_ID, FEDERATION_TRANSACTIONAL_ID_PREFIX, (Op.WRITE, Op.DESCRIBE),
                  prefixed=True),
            *sector, *own]


def indexer_grants() -> list[Grant]:
    """Reads the sector topic with its consumer group; writes nothing to Kafka."""
    return [Grant(ResourceType.TOPIC, SECTOR_TOPIC, (Op.READ, Op.DESCRIBE)),
            Grant(ResourceType.GROUP, INDEXER_GROUP_PREFIX, (Op.READ,), prefixed=True)]


def _admin(kafka: KafkaConnection) -> KafkaAdminClient:
    return KafkaAdminClient(**kafka.client_config(), client_id="vertelpunt-access")


def _key(acl: ACL | ACLFilter) -> tuple[object, ...]:
    pattern = acl.resource_pattern
    return (acl.principal, acl.host, acl.operation, acl.permission_type, pattern.resource_type,
            pattern.resource_name, pattern.pattern_type)


def _failed(error: object) -> bool:
    """kafka-python reports success as the NoError class (errno 0) or None."""
    return error is not None and bool(getattr(error, "errno", 0))


def _principal_filter(principal: str) -> ACLFilter:
    return ACLFilter(f"User:{principal}", None, ACLOperation.ANY, ACLPermissionType.ANY,
                     ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY))


def _existing_acls(admin: KafkaAdminClient, principal: str) -> list[ACL]:
    acls, error = admin.describe_acls(_principal_filter(principal))
    if _failed(error):
        raise AccessError(f"describing the ACLs of {principal} failed: {error}")
    return list(acls)


def principal_acls(kafka: KafkaConnection, principal: str) -> list[ACL]:
    """The ACLs the broker holds for a principal."""
    admin = _admin(kafka)
    try:
        return _existing_acls(admin, principal)
    finally:
        admin.close()


def ensure_principal(kafka: KafkaConnection, principal: str, password: str, grants: Iterable[Grant]) -> None:
    """Create or update the principal's SCRAM credential and make its ACLs exactly `grants`. Safe to run twice:
    wanted ACLs are added before unwanted ones are removed, so a running client never loses a right it keeps."""
    admin = _admin(kafka)
    try:
        errors = admin.alter_user_scram_credentials([UserScramCredentialUpsertion(principal, SCRAM, password)])
        if errors.get(principal):
            raise AccessError(f"setting the SCRAM credential of {principal} failed: {errors[principal]}")
        wanted = {_key(acl): acl for grant in grants for acl in grant.acls(principal)}
        existing = {_key(acl): acl for acl in _existing_acls(admin, principal)}
        missing = [acl for key, acl in wanted.items() if key not in existing]
        if missing:
            result = admin.create_acls(missing)
            if result.get("failed"):
                raise AccessError(f"creating ACLs for {principal} failed: {result['failed']}")
        _delete(admin, [acl for key, acl in existing.items() if key not in wanted], principal)
    finally:
        admin.close()


def _delete(admin: KafkaAdminClient, filters: list[ACL] | list[ACLFilter], principal: str) -> None:
    if not filters:
        return
    for _filter, _deleted, error in admin.delete_acls(filters):
        if _failed(error):
            raise AccessError(f"removing ACLs of {principal} failed: {error}")


def remove_principal(kafka: KafkaConnection, principal: str) -> None:
    """Delete the principal's ACLs and its SCRAM credential: its next login fails. Safe to run twice."""
    admin = _admin(kafka)
    try:
        _delete(admin, [_principal_filter(principal)], principal)
        described = admin.describe_user_scram_credentials([principal]).get(principal, {})
        if described.get("credential_infos"):
            errors = admin.alter_user_scram_credentials([UserScramCredentialDeletion(principal, SCRAM)])
            if errors.get(principal):
                raise AccessError(f"deleting the SCRAM credential of {principal} failed: {errors[principal]}")
    finally:
        admin.close()


def grant_relay(kafka: KafkaConnection, code: str, password: str) -> str:
    """The municipality's relay principal; returns its name."""
    principal = relay_principal(code)
    ensure_principal(kafka, principal, password, relay_grants(code))
    return principal
