"""The current release (gateway/release.py), recomputed from the index every `ttl` seconds and shared by every
request of this gateway process (gateway/refreshing.py): the aggregation over the whole index (about a second at a
million stories) never lands on a reader's request, except the very first."""

from __future__ import annotations

import time

from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.refreshing import Refreshing
from vertelpunt.gateway.release import Release, choose_release
from vertelpunt.kit.logging import get_logger

log = get_logger(__name__)


class ReleaseStore:
    def __init__(self, backend: OpenSearchBackend, policy: DisclosurePolicy, max_outliers: float,
                 ttl_seconds: float) -> None:
        self.backend = backend
        self.policy = policy
        self.max_outliers = max_outliers
        self._release = Refreshing(self._compute, ttl_seconds, "release", version=backend.visible_state)

    def current(self) -> Release:
        # A story told after the computation sits in a cell the release does not know: it is listed without
        # context until the next computation, so freshness costs context, never privacy.
        return self._release.current()

    def _compute(self) -> Release:
        started = time.monotonic()
        release = choose_release(self.backend.context_cells(), self.policy, self.max_outliers)
        log.info("release_computed", level=str(release.level), stories=release.stories,
                 withheld=release.withheld_stories, seconds=round(time.monotonic() - started, 3))
        return release
