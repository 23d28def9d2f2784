"""Shared fixtures. Servers are found through the environment that `vertelpunt stack env` prints.

A missing server is a failure with a clear message, never a skip: a suite that silently skips its
integration tests proves nothing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from vertelpunt.federation.access import Grant, ensure_principal, remove_principal
from vertelpunt.kit.kafka import KafkaConnection

MakePrincipal = Callable[[str, Iterable[Grant]], KafkaConnection]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test (e2e journeys, security, workbench): Playwright's sync API
    cannot run two instances in one thread, so this fixture lives here and nowhere else."""
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


def require_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set, so the real server it points to is unknown. Run the suite with `make test`, "
            "or start the stack (`vertelpunt stack up`) and `eval \"$(vertelpunt stack env)\"` first.",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    return require_env("VERTELPUNT_KAFKA_BOOTSTRAP")


@pytest.fixture(scope="session")
def kafka(kafka_bootstrap: str) -> KafkaConnection:
    """The operator's connection: the admin super user (creates topics, principals and ACLs; sets up data)."""
    cafile = os.environ.get("VERTELPUNT_KAFKA_SSL_CAFILE")
    return KafkaConnection.model_validate({
        "bootstrap": kafka_bootstrap, "username": require_env("VERTELPUNT_KAFKA_USERNAME"),
        "password": require_env("VERTELPUNT_KAFKA_PASSWORD"),
        "security_protocol": os.environ.get("VERTELPUNT_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"),
        "sasl_mechanism": os.environ.get("VERTELPUNT_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
        "ssl_cafile": cafile or None})


@pytest.fixture
def kafka_principal(kafka: KafkaConnection) -> Iterator[MakePrincipal]:
    """Creates SCRAM principals with exactly the given ACLs (as onboarding does) and removes them afterwards."""
    created: list[str] = []

    def _create(name: str, grants: Iterable[Grant]) -> KafkaConnection:
        password = uuid.uuid4().hex
        ensure_principal(kafka, name, password, grants)
        created.append(name)
        return kafka.as_user(name, password)

    yield _create
    for name in created:
        remove_principal(kafka, name)


@pytest.fixture(scope="session")
def opensearch_url() -> str:
    return require_env("VERTELPUNT_OPENSEARCH_URL")


@pytest.fixture(scope="session")
def keycloak_url() -> str:
    return require_env("VERTELPUNT_KEYCLOAK_URL")


@pytest.fixture(scope="session")
def postgres_url() -> str:
    return require_env("VERTELPUNT_POSTGRES_URL")


@pytest.fixture
def unique() -> str:
    """A short unique suffix so tests never collide on topics, indices or databases."""
    return uuid.uuid4().hex[:10]
