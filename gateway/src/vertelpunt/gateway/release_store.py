"""The current release (gateway/release.py), recomputed from the index at most every `ttl` seconds and shared by
every request of this gateway process."""

from __future__ import annotations

import threading
import time

from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.release import Release, choose_release
from vertelpunt.kit.logging import get_logger

log = get_logger(__name__)


class ReleaseStore:
    def __init__(self, backend: OpenSearchBackend, policy: DisclosurePolicy, max_outliers: float,
                 ttl_seconds: float) -> None:
        self.backend = backend
        self.policy = policy
        self.max_outliers = max_outliers
        self.ttl = ttl_seconds
        self._release: Release | None = None
        self._computed_at = 0.0
        self._lock = threading.Lock()

    def current(self) -> Release:
        # A story told after the computation sits in a cell the release does not know: it is listed without
        # context until the next computation, so freshness costs context, never privacy.
        with self._lock:
            if self._release is None or time.monotonic() - self._computed_at > self.ttl:
                started = time.monotonic()
                self._release = choose_release(self.backend.context_cells(), self.policy, self.max_outliers)
                self._computed_at = time.monotonic()
                log.info("release_computed", level=str(self._release.level), stories=self._release.stories,
                         withheld=self._release.withheld_stories, seconds=round(self._computed_at - started, 3))
            return self._release

    def invalidate(self) -> None:
        with self._lock:
            self._release = None
