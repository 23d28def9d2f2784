"""A big story being anonymised must not stall the service (issue 9): /health answers while it runs.

No timing: anonymisation is held until /health has answered. If anonymisation ran on the event loop, /health
could not answer before it was released, and the hold would run out instead."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.integration.intake.conftest import bearer, story_body
from tests.security.intake.conftest import ServeIntake
from vertelpunt.intake.stories import service as story_service

pytestmark = pytest.mark.integration
HOLD_SECONDS = 30


class HeldAnonymiser:
    """Wraps the real anonymiser; its first call waits until released."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.entered = threading.Event()
        self.released = threading.Event()
        self.released_in_time: bool | None = None

    def __call__(self, text: str, *args: Any) -> Any:
        if not self.entered.is_set():
            self.entered.set()
            self.released_in_time = self.released.wait(HOLD_SECONDS)
        return self.real(text, *args)


def _tell_while_checking_health(base: str, send: Callable[[httpx.Client], httpx.Response],
                                held: HeldAnonymiser) -> tuple[httpx.Response, httpx.Response]:
    result: dict[str, httpx.Response] = {}
    with httpx.Client(timeout=HOLD_SECONDS * 3) as http:
        teller = threading.Thread(target=lambda: result.setdefault("told", send(http)))
        teller.start()
        assert held.entered.wait(HOLD_SECONDS), "anonymisation never started"
        health = http.get(f"{base}/health")
        held.released.set()
        teller.join()
    return health, result["told"]


@pytest.mark.parametrize("route", ["api", "web form via a campaign link"])
def test_health_answers_while_a_story_is_anonymised(serve_intake: ServeIntake, tokens: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch, route: str) -> None:
    base = serve_intake()
    admin = bearer(tokens["beheer.zwolle"])
    campaign = httpx.post(f"{base}/api/v1/campaigns", headers=admin, timeout=60, json={
        "name": "Ronde zomer", "startsOn": "2026-06-01", "endsOn": "2099-08-31"}).json()
    held = HeldAnonymiser(story_service.anonymise)
    monkeypatch.setattr(story_service, "anonymise", held)
    text = "Een lang gesprek over de schulden en wat er daarna gebeurde. " * 300

    def send(http: httpx.Client) -> httpx.Response:
        if route == "api":
            return http.post(f"{base}/api/v1/stories", json=story_body(text=text), headers=bearer(
                tokens["verteller.zwolle"]))
        return http.post(campaign["link"], data={
            "title": "Lang verhaal", "text": text, "q.situatie": "schulden", "q.interventie": "budgetcoaching",
            "q.uitkomst-verandering": "beter", "q.uitkomst-hielp": "ja", "q.rol": "client"})

    health, told = _tell_while_checking_health(base, send, held)

    assert health.status_code == 200
    assert held.released_in_time is True  # /health answered while the story was still being anonymised
    assert told.status_code == (201 if route == "api" else 200)
