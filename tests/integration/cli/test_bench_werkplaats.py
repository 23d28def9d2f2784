"""`vertelpunt bench`'s Werkplaats scenario, once, at a tiny size: a gateway with the Werkplaats over an index of its
own, a real Keycloak token, headless Chromium loading every view. Shows the scenario works; no timing is asserted.

Starts a gateway on the benchmark's fixed port: run under the platform lock."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from opensearchpy import OpenSearch
from playwright.sync_api import Browser

from vertelpunt.cli.bench import werkplaats
from vertelpunt.cli.bench.report import werkplaats_rows
from vertelpunt.cli.bench.scenarios import index_documents


@pytest.fixture
def tiny_index(opensearch_url: str) -> Iterator[str]:
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    alias = f"bench-werkplaats-test-{uuid.uuid4().hex[:6]}"
    index_documents(client, alias, 2000, lambda message: None)
    yield alias
    client.indices.delete(index=f"{alias}-v*", ignore=[404])
    client.indices.delete(index=f"{alias}-measures", ignore=[404])


def test_every_view_loads_in_the_browser_and_gets_a_p50_and_p95(browser: Browser, tiny_index: str,
                                                                 opensearch_url: str, keycloak_url: str,
                                                                 tmp_path: Path) -> None:
    said: list[str] = []
    settings = SimpleNamespace(opensearch_url=opensearch_url, keycloak_url=keycloak_url, state_dir=tmp_path)

    views = werkplaats.measure(said.append, settings, tiny_index, repeats=3, browser=browser)

    assert set(views) == set(werkplaats.VIEWS)
    for name, figures in views.items():
        assert figures["failed"] == 0 and figures["loads"] == 3, (name, figures)
        assert 0 < figures["p50"] <= figures["p95"] and math.isfinite(figures["p95"]), name
    assert len(said) == len(werkplaats.VIEWS)
    rows = werkplaats_rows({"size": 2000, "repeats": 3, "views": views})
    print("\n".join(rows))  # the figures of this run, for the record
