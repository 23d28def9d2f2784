"""The worker loop every consumer shares: do one step until asked to stop; on a passing outage, back off
exponentially and try the same step again (nothing is committed for a failed step, so nothing is lost)."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable

from vertelpunt.kit.logging import get_logger

log = get_logger(__name__)


def run_until_stopped(
    step: Callable[[], object],
    should_stop: Callable[[], bool],
    retry_on: type[Exception] | tuple[type[Exception], ...],
    event: str,
    max_backoff: float = 30.0,
    initial_backoff: float = 0.5,
    on_error: Callable[[], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    backoff = initial_backoff
    while not should_stop():
        try:
            step()
            backoff = initial_backoff
        except retry_on as error:
            log.warning(event, error=str(error), backoff_seconds=backoff)
            if on_error is not None:
                on_error()
            sleep(backoff)
            backoff = min(backoff * 2, max_backoff)


def stop_on_signals() -> threading.Event:
    """An event set on SIGTERM or SIGINT, so a worker finishes its current step and closes cleanly."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop
