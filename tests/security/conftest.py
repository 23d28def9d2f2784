"""Attacks against the real services and servers (docs/security.md): every test here is an integration test."""

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/security/" in str(item.path):
            item.add_marker(pytest.mark.integration)
