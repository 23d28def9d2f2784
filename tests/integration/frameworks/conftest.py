"""Framework definitions end to end on the real stack: municipalities with intake databases and relays (real
Kafka, each relay with its own principal), the federation service, an indexer writing a per-test stories alias
and framework registry on real OpenSearch, and the gateway reading them with real Keycloak tokens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.integration.federation.conftest import (  # noqa: F401 (fixtures)
    federation,
    federation_kafka,
    onboard,
    secrets,
)
from tests.integration.search.conftest import search_settings  # noqa: F401 (fixture)
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.search.indexer import Indexer
from vertelpunt.search.settings import SearchSettings


@pytest.fixture
def indexer(search_settings: SearchSettings) -> Iterator[Indexer]:  # noqa: F811 (the imported fixture)
    settings = search_settings.model_copy(update={"frameworks_index": f"{search_settings.alias}-frameworks"})
    worker = Indexer(settings)
    worker.start()
    yield worker
    worker.close()
    client = OpenSearch(hosts=[settings.opensearch_url])
    client.indices.delete(index=f"{settings.alias}-v*", ignore=[404])
    client.indices.delete(index=settings.frameworks_index, ignore=[404])


def registry_entries(indexer: Indexer, tenant: str) -> list[dict[str, object]]:
    client = OpenSearch(hosts=[indexer.settings.opensearch_url])
    index = indexer.settings.frameworks_index
    if not client.indices.exists(index=index):
        return []
    client.indices.refresh(index=index)
    hits = client.search(index=index, body={"size": 100, "query": {"term": {"tenant": tenant}},
                                            "sort": [{"version": "asc"}]})["hits"]["hits"]
    return [hit["_source"] for hit in hits]


@pytest.fixture
def gateway(indexer: Indexer, keycloak_url: str) -> Iterator[TestClient]:
    s = indexer.settings
    settings = GatewaySettings(opensearch_url=s.opensearch_url, alias=s.alias, frameworks_index=s.frameworks_index,
                               measures_index=f"{s.alias}-measures", keycloak_url=keycloak_url,
                               frameworks_ttl_seconds=0.0, log_json=False)
    with TestClient(create_app(settings)) as client:
        yield client
