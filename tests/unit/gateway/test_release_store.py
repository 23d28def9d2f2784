from __future__ import annotations

import threading
import time

import pytest

from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.release_store import ReleaseStore

pytestmark = pytest.mark.unit


class SlowBackend:
    """Counts computations; the second one blocks until released, like a long aggregation."""

    def __init__(self) -> None:
        self.calls = 0
        self.gate = threading.Event()
        self.writes = 0

    def visible_state(self) -> tuple[int, float | None]:
        self.writes += 1  # stories keep arriving: every check sees a changed index
        return self.writes, None

    def context_cells(self) -> dict[tuple[str, str, str, str], int]:
        self.calls += 1
        if self.calls > 1:
            self.gate.wait(5)
        return {(f"GM000{i}", "Noord", "2026-01", "staff"): 20 * self.calls for i in range(3)}


def test_a_stale_release_is_served_while_the_next_one_is_computed_in_the_background() -> None:
    backend = SlowBackend()
    store = ReleaseStore(backend, DisclosurePolicy(), 0.05, ttl_seconds=0.0)  # type: ignore[arg-type]

    first = store.current()
    time.sleep(0.01)
    served_while_refreshing = store.current()  # the refresh is blocked on the gate: a wait would not return first
    backend.gate.set()
    for _ in range(100):
        if store.current().stories != first.stories:
            break
        time.sleep(0.02)

    assert served_while_refreshing is first
    assert store.current().stories == 120 and backend.calls >= 2
