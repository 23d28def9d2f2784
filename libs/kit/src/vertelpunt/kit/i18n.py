"""The i18n layer: every text a storyteller or analyst sees comes from a message catalogue.

Dutch (B1) is the default; a catalogue per language lives next to the code that uses it as
messages/<locale>.json. Missing keys fall back to Dutch, then to the key itself (so gaps are visible).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_LOCALE = "nl"


class Catalogue:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @cache  # noqa: B019 - catalogues live as long as the process
    def _messages(self, locale: str) -> dict[str, str]:
        path = self.directory / f"{locale}.json"
        if not path.exists():
            return {}
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def locales(self) -> list[str]:
        return sorted(p.stem for p in self.directory.glob("*.json"))

    def text(self, message_key: str, locale: str = DEFAULT_LOCALE, /, **params: Any) -> str:
        messages, dutch = self._messages(locale), self._messages(DEFAULT_LOCALE)
        message = messages.get(message_key) or dutch.get(message_key) or message_key
        return message.format(**params) if params else message

    def negotiate(self, accept_language: str | None) -> str:
        """Pick a locale from an Accept-Language header; Dutch when nothing matches."""
        available = set(self.locales())
        for part in (accept_language or "").split(","):
            tag = part.split(";")[0].strip().lower()[:2]
            if tag in available:
                return tag
        return DEFAULT_LOCALE
