"""A value computed from the index and shared by every request of this gateway process, recomputed every `ttl`
seconds. Only the very first computation makes a request wait; after that a request gets the value in force
while a background thread computes the next one, so a slow computation never lands on a reader's request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from vertelpunt.kit.logging import get_logger

T = TypeVar("T")
log = get_logger(__name__)


class Refreshing(Generic[T]):
    def __init__(self, compute: Callable[[], T], ttl_seconds: float, name: str) -> None:
        self.compute = compute
        self.ttl = ttl_seconds
        self.name = name
        self._value: T | None = None
        self._computed_at = 0.0
        self._lock = threading.Lock()
        self._refreshing = False

    def current(self) -> T:
        with self._lock:
            value = self._value
            stale = value is None or time.monotonic() - self._computed_at > self.ttl
            if value is not None and stale and not self._refreshing:
                self._refreshing = True
                threading.Thread(target=self._refresh_in_background, name=f"{self.name}-refresh",
                                 daemon=True).start()
        if value is None:
            return self._compute()
        return value

    def _refresh_in_background(self) -> None:
        try:
            self._compute()
        except Exception:  # the value in force stays; the next request tries again
            log.exception("refresh_failed", value=self.name)
        finally:
            with self._lock:
                self._refreshing = False

    def _compute(self) -> T:
        value = self.compute()
        with self._lock:
            self._value, self._computed_at = value, time.monotonic()
        return value
