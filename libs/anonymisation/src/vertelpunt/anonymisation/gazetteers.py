"""Word lists shipped with the anonymiser (data/*.txt), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Gazetteers:
    first_names: frozenset[str]
    surnames: tuple[str, ...]
    places: tuple[str, ...]
    keep_words: frozenset[str]


@cache
def load_gazetteers() -> Gazetteers:
    return Gazetteers(
        first_names=frozenset(_lines("first_names.txt")),
        # Longest first, so "van der Meer" wins over "Meer".
        surnames=tuple(sorted(set(_lines("surnames.txt")), key=lambda s: (-len(s), s))),
        places=tuple(sorted(set(_lines("places.txt")), key=lambda s: (-len(s), s))),
        keep_words=frozenset(word.lower() for word in _lines("keep_words.txt")),
    )
