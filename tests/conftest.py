"""Shared fixtures. Servers are found through the environment that `vertelpunt stack env` prints.

A missing server is a failure with a clear message, never a skip: a suite that silently skips its
integration tests proves nothing.
"""

from __future__ import annotations

import os
import uuid

import pytest


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
