"""A value computed from the index and shared by every request of this gateway process, recomputed every `ttl`
seconds. Only the very first computation makes a request wait; after that a request gets the value in force
while a background thread computes the next one, so a slow computation never lands on a reader's request.

With a `version` (a cheap fingerprint of what the computation reads, such as the index's visible story count and
latest indexing time) the recomputation is skipped while the fingerprint stays the same: a gateway over an index
that does not change does not repeat a heavy aggregation every minute."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from vertelpunt.kit.logging import get_logger

T = TypeVar("T")
log = get_logger(__name__)


class Refreshing(Generic[T]):
    def __init__(self, compute: Callable[[], T], ttl_seconds: float, name: str,
                 version: Callable[[], Hashable] | None = None) -> None:
        self.compute = compute
        self.ttl = ttl_seconds
        self.name = name
        self.version = version
        self._value: T | None = None
        self._version: Hashable = None
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
            if self.version is not None and self.version() == self._version:
                with self._lock:  # nothing the computation reads has changed: the value in force stays
                    self._computed_at = time.monotonic()
                return
            self._compute()
        except Exception:  # the value in force stays; the next request tries again
            log.exception("refresh_failed", value=self.name)
        finally:
            with self._lock:
                self._refreshing = False

    def _compute(self) -> T:
        # The fingerprint is read before the computation: a change that lands in between makes the next check
        # compute again (once too often, never once too few).
        version = self.version() if self.version is not None else None
        value = self.compute()
        with self._lock:
            self._value, self._version, self._computed_at = value, version, time.monotonic()
        return value
