from kafka.admin import ACLOperation, ResourceType

from vertelpunt.federation.access import (
    FEDERATION_GROUP_PREFIX,
    FEDERATION_TRANSACTIONAL_ID_PREFIX,
    INDEXER_GROUP_PREFIX,
    federation_grants,
    indexer_grants,
    relay_grants,
)
from vertelpunt.federation.settings import FederationSettings
from vertelpunt.intake.outbox.settings import RelaySettings
from vertelpunt.search.settings import SearchSettings


def test_a_relay_may_write_its_own_topic_and_read_nothing() -> None:
    grants = relay_grants("GM0437")

    topics = {(g.name, op) for g in grants if g.resource == ResourceType.TOPIC for op in g.operations}
    assert topics == {("vertelpunt.tenant.gm0437.stories", ACLOperation.WRITE),
                      ("vertelpunt.tenant.gm0437.stories", ACLOperation.DESCRIBE)}
    assert not any(g.prefixed for g in grants)
    assert all(ACLOperation.READ not in g.operations for g in grants)
    assert RelaySettings(tenant_code="GM0437").kafka_username == "relay-gm0437"


def test_the_indexer_writes_nothing() -> None:
    assert all(op in (ACLOperation.READ, ACLOperation.DESCRIBE) for g in indexer_grants() for op in g.operations)


def test_the_federation_reads_tenant_topics_but_writes_none() -> None:
    tenant = [g for g in federation_grants() if g.name.startswith("vertelpunt.tenant.")]

    assert [(g.prefixed, set(g.operations)) for g in tenant] == [(True, {ACLOperation.READ, ACLOperation.DESCRIBE})]


def test_default_groups_and_transactional_ids_fall_under_the_granted_prefixes() -> None:
    federation = FederationSettings()

    assert federation.group_id.startswith(FEDERATION_GROUP_PREFIX)
    assert federation.transactional_id.startswith(FEDERATION_TRANSACTIONAL_ID_PREFIX)
    assert SearchSettings().group_id.startswith(INDEXER_GROUP_PREFIX)
    assert (federation.kafka_username, SearchSettings().kafka_username) == ("federation", "indexer")
