"""The workbench's Dutch (B1) texts: one catalogue (messages/<locale>.json) for templates and view models alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vertelpunt.kit.i18n import DEFAULT_LOCALE, Catalogue

catalogue = Catalogue(Path(__file__).parent / "messages")


def say(message_key: str, /, **params: Any) -> str:
    """A text for view models and charts (Dutch; templates negotiate the locale themselves)."""
    return catalogue.text(message_key, DEFAULT_LOCALE, **params)
