"""Words with their offsets, and where a sentence starts (a capital there says nothing about a name)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_OPENERS = " \t\"'“”‘’«»([{"
_TITLE_DOT = re.compile(r"(?:\b[^\W\d_]|\b(?:mw|mevr|dhr|mr|dr|drs|ir|ing|prof|mej|st|bijv|o\.a|ca|evt|nr))\.$",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() and not (len(self.text) > 1 and self.text.isupper())


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]


def starts_sentence(text: str, position: int) -> bool:
    """True at the start of the text, a line or a sentence; "mw. Oyelowo" and "J. Smit" do not end a sentence."""
    i = position - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] in "!?:;\n•–":
        return True
    if text[i] != ".":
        return False
    return _TITLE_DOT.search(text[max(0, i - 6):i + 1]) is None


def only_space_between(text: str, start: int, end: int) -> bool:
    return start <= end and text[start:end].strip(" \t-") == ""
