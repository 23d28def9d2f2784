"""The gateway's start: with the Werkplaats on, the report's plot engine starts in the background, so the first
report does not pay for it and the gateway does not wait for it."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from vertelpunt.gateway.app import create_app
from vertelpunt.gateway.settings import GatewaySettings
from vertelpunt.gateway.workbench import report_output

NOWHERE = "http://127.0.0.1:9"


def settings(werkplaats: bool) -> GatewaySettings:
    return GatewaySettings(opensearch_url=NOWHERE, keycloak_url=NOWHERE, log_json=False,
                           werkplaats_enabled=werkplaats)


class HeldWarmUp:
    """Stands in for the warm-up and holds it until released: the gateway must serve in the meantime."""

    def __init__(self) -> None:
        self.started, self.released, self.calls = threading.Event(), threading.Event(), 0

    def __call__(self) -> None:
        self.calls += 1
        self.started.set()
        self.released.wait(30)


def test_the_gateway_warms_the_plot_engine_at_start_without_waiting_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    warm_up = HeldWarmUp()
    monkeypatch.setattr(report_output, "warm_up", warm_up)
    with TestClient(create_app(settings(werkplaats=True))) as client:
        assert warm_up.started.wait(30)
        thread = client.app.state.plot_warm_up  # type: ignore[attr-defined]
        assert client.get("/health").status_code == 200 and thread.is_alive()  # serving while it warms up
        warm_up.released.set()
        thread.join(30)
    assert warm_up.calls == 1 and not thread.is_alive()


def test_a_failed_warm_up_leaves_the_gateway_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("no JavaScript runtime")

    monkeypatch.setattr(report_output, "warm_up", broken)
    with TestClient(create_app(settings(werkplaats=True))) as client:
        client.app.state.plot_warm_up.join(30)  # type: ignore[attr-defined]
        assert client.get("/health").status_code == 200


def test_without_the_werkplaats_nothing_is_warmed(monkeypatch: pytest.MonkeyPatch) -> None:
    warm_up = HeldWarmUp()
    monkeypatch.setattr(report_output, "warm_up", warm_up)
    with TestClient(create_app(settings(werkplaats=False))) as client:
        assert client.get("/health").status_code == 200
        assert client.app.state.plot_warm_up is None  # type: ignore[attr-defined]
    assert warm_up.calls == 0
