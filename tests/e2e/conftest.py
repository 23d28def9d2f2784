"""The whole platform, as `vertelpunt demo` runs it: three municipalities with intake services and relays,
the federation service, the indexer and the gateway, all as real processes against the real stack."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.keycloak_tokens import password_token
from vertelpunt.cli.demo import DEMO_MUNICIPALITIES, platform_settings, start_demo_platform
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.platform import FEDERATION_HEALTH_PORT, GATEWAY_PORT, INDEXER_HEALTH_PORT, Platform
from vertelpunt.cli.stack.settings import StackSettings

GATEWAY = "http://127.0.0.1:8000/graphql"


PLATFORM_PORTS = (GATEWAY_PORT, FEDERATION_HEALTH_PORT, INDEXER_HEALTH_PORT,
                  *(port for _, _, _, port, _ in DEMO_MUNICIPALITIES))


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


# Module scope: the platform's federation service consumes every municipality topic, so it must not keep running
# while other tests federate municipalities of their own.
@pytest.fixture(scope="module")
def platform(kafka_bootstrap: str, keycloak_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        dict[str, TenantConfig]]:
    stack = StackSettings()
    Platform(platform_settings(stack)).stop()  # a demo left running would hold the ports
    # Anything else on the fixed ports (a platform of another state directory) would answer in its place.
    taken = [port for port in PLATFORM_PORTS if _listening(port)]
    if taken:
        pytest.fail(f"ports {taken} are held by another Vertelpunt platform (not this run's); stop it first",
                    pytrace=False)
    state = tmp_path_factory.mktemp("platform-state")
    settings, tenants = start_demo_platform(stack, say=lambda message: None, state_dir=state)
    yield {t.code: t for t in tenants}
    Platform(settings).stop()


def gateway_query(keycloak_url: str, user: str, query: str, **variables: Any) -> dict[str, Any]:
    token = password_token(keycloak_url, user)
    response = httpx.post(GATEWAY, json={"query": query, "variables": variables},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    return tmp_path
