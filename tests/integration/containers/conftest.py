"""Servers as containers for this package: podman's API for testcontainers and the project's own images.

Always containers here, whatever VERTELPUNT_TEST_SERVERS says: this package keeps the container path alive in the
normal CI run. Keycloak (for tokens) is the stack's, found through the environment like everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.integration.containers.engine import build, podman_api

if TYPE_CHECKING:
    from testcontainers.community.postgres import PostgresContainer

DATABASE_USER = "gemeente_deventer"
DATABASE_PASSWORD = "container-wachtwoord-7"
DATABASE_NAME = "intake_deventer"


@pytest.fixture(scope="session")
def container_images() -> dict[str, str]:
    return build("postgres")


@pytest.fixture(scope="session")
def docker_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with podman_api(tmp_path_factory.mktemp("podman")) as host:
        yield host


@pytest.fixture(scope="module")
def postgres_container(container_images: dict[str, str], docker_host: str) -> Iterator[PostgresContainer]:
    """PostgreSQL from localhost/vertelpunt/postgres, read-only root filesystem, on a random loopback port."""
    from testcontainers.community.postgres import PostgresContainer

    container = PostgresContainer(container_images["postgres"], username=DATABASE_USER, password=DATABASE_PASSWORD,
                                  dbname=DATABASE_NAME, driver="psycopg")
    container.with_kwargs(read_only=True).with_tmpfs_mount("/tmp")
    container.start()
    try:
        yield container
    finally:
        container.stop()
