"""The current release (gateway/release.py), recomputed from the index every `ttl` seconds and shared by every
request of this gateway process.

Only the very first computation makes a request wait; after that a request gets the release in force while a
background thread computes the next one, so the aggregation over the whole index (about a second at a million
stories) never lands on a reader's request.
"""

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
        self._refreshing = False

    def current(self) -> Release:
        # A story told after the computation sits in a cell the release does not know: it is listed without
        # context until the next computation, so freshness costs context, never privacy.
        with self._lock:
            release = self._release
            stale = release is None or time.monotonic() - self._computed_at > self.ttl
            if release is not None and stale and not self._refreshing:
                self._refreshing = True
                threading.Thread(target=self._refresh_in_background, name="release-refresh", daemon=True).start()
        if release is None:
            return self._compute()
        return release

    def _refresh_in_background(self) -> None:
        try:
            self._compute()
        except Exception:  # the release in force stays; the next request tries again
            log.exception("release_refresh_failed")
        finally:
            with self._lock:
                self._refreshing = False

    def _compute(self) -> Release:
        started = time.monotonic()
        release = choose_release(self.backend.context_cells(), self.policy, self.max_outliers)
        with self._lock:
            self._release, self._computed_at = release, time.monotonic()
        log.info("release_computed", level=str(release.level), stories=release.stories,
                 withheld=release.withheld_stories, seconds=round(time.monotonic() - started, 3))
        return release
