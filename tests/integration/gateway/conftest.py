"""A seeded sector index with known patterns on real OpenSearch, and the gateway in front of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from tests.framework_definitions import register_core
from tests.integration.keycloak_tokens import password_token
from vertelpunt.cli.seed import MUNICIPALITIES, SeedStory, generate, to_sector_envelope
from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

CORPUS_SIZE = 3000


@pytest.fixture(scope="session")
def corpus() -> list[SeedStory]:
    return list(generate(CORPUS_SIZE, seed=7))


@pytest.fixture(scope="session")
def seeded_alias(opensearch_url: str, corpus: list[SeedStory]) -> Iterator[str]:
    import uuid

    alias = f"gateway-test-{uuid.uuid4().hex[:8]}"
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    index = ensure_alias(client, alias)
    lines: list[str] = []
    for story in corpus:
        envelope = to_sector_envelope(story, MUNICIPALITIES[story.tenant][1])
        lines.append(json.dumps({"index": {"_id": envelope.story_shared.story_id}}))
        lines.append(json.dumps(to_document(envelope)))
    for start in range(0, len(lines), 2000):
        result = client.bulk(body="\n".join(lines[start:start + 2000]) + "\n", index=index)
        assert not result["errors"]
    client.indices.refresh(index=index)
    # The framework registry as the indexer keeps it: every municipality of the corpus published the core.
    register_core(client, f"{alias}-frameworks", sorted({s.tenant for s in corpus}))
    yield alias
    client.indices.delete(index=index)
    client.indices.delete(index=f"{alias}-measures", ignore=[404])
    client.indices.delete(index=f"{alias}-frameworks", ignore=[404])


@pytest.fixture(scope="session")
def gateway(seeded_alias: str, opensearch_url: str, keycloak_url: str) -> Iterator[TestClient]:
    settings = GatewaySettings(opensearch_url=opensearch_url, alias=seeded_alias,
                               measures_index=f"{seeded_alias}-measures", frameworks_index=f"{seeded_alias}-frameworks",
                               keycloak_url=keycloak_url, log_json=False)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="session")
def gateway_tokens(keycloak_url: str) -> dict[str, str]:
    users = ["verteller.zwolle", "analist.zwolle", "beheer.zwolle", "analist.deventer", "analist.sector"]
    return {user: password_token(keycloak_url, user) for user in users}


def graphql(client: TestClient, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def error_codes(body: dict[str, Any]) -> set[str]:
    return {e.get("extensions", {}).get("code", "") for e in body.get("errors") or []}
