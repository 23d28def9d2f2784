"""The intake's clock: the one source of "now" for what a story records (when it was told, submitted, withdrawn
or erased) and for whether a campaign is open. The service runs on the system clock; the composition root takes
another one (`Container.clock`), so a test can have a client come back "a month later" without waiting a month.
Token expiry is not on this clock: it is checked against real time, always."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from vertelpunt.kit.clock import utcnow

Clock = Callable[[], datetime]
system_clock: Clock = utcnow  # the platform's one clock (kit/clock.py)


def local_date(clock: Clock) -> date:
    """The calendar day in the service's own time zone (campaign periods are whole local days)."""
    return clock().astimezone().date()
