from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from vertelpunt.kit.observability import REQUESTS, install_observability

pytestmark = pytest.mark.unit


def test_requests_are_counted_per_route_and_status() -> None:
    app = FastAPI()

    @app.get("/things/{thing}")
    def thing(thing: str) -> dict[str, str]:
        return {"thing": thing}

    install_observability(app, "unit-test", {"always": lambda: True})
    before = REQUESTS.labels("unit-test", "GET", "/things/{thing}", "200")._value.get()
    with TestClient(app) as client:
        assert client.get("/things/a").status_code == 200
        assert client.get("/things/b").status_code == 200
        assert client.get("/nowhere").status_code == 404
        metrics = client.get("/metrics").text

    assert REQUESTS.labels("unit-test", "GET", "/things/{thing}", "200")._value.get() == before + 2
    assert 'route="unmatched",service="unit-test",status="404"' in metrics
