"""The one clock of the platform: aware UTC times (stored, compared and sent as UTC everywhere)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
