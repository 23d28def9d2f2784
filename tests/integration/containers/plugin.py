"""pytest plugin: `VERTELPUNT_TEST_SERVERS=containers` runs the session's servers as containers.

Load it with `.venv/bin/python -m pytest -p tests.integration.containers.plugin` (`python -m` puts the repository
on sys.path before plugins are imported). With VERTELPUNT_TEST_SERVERS=containers it starts podman's
API, then PostgreSQL, Kafka, OpenSearch and Keycloak from `vertelpunt images build`'s images through
testcontainers (built first when missing), and points the VERTELPUNT_* variables that tests/conftest.py reads at
them, so every integration test runs against containers instead of the stack. With `stack` (the default) or
unset it does nothing. Everything it started is stopped when the session ends.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest

SETTING = "VERTELPUNT_TEST_SERVERS"


def pytest_configure(config: pytest.Config) -> None:
    mode = os.environ.get(SETTING, "stack")
    if mode == "stack":
        return
    if mode != "containers":
        raise pytest.UsageError(f"{SETTING} must be 'stack' or 'containers', not {mode!r}")
    from tests.integration.containers.engine import podman_api, stack_servers

    resources = ExitStack()
    config.add_cleanup(resources.close)
    workdir = Path(resources.enter_context(tempfile.TemporaryDirectory(prefix="vertelpunt-podman-")))
    resources.enter_context(podman_api(workdir))
    os.environ.update(resources.enter_context(stack_servers()))
