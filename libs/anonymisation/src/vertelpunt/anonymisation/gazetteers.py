"""Word lists shipped with the anonymiser (data/), loaded once per process.

- Names: the hand lists (first_names.txt, surnames.txt, names_by_origin.txt) and the broad lists generated from
  Faker's ~60 locales (world_*.txt.gz, see scripts/build_data.py), as folded single-word keys.
- Ordinary Dutch: the lower-case entries of the OpenTaal word list (dutch_words.txt.gz), to tell a name from a word,
  and those of them the list also has as a proper noun (dutch_proper_twins.txt: "Geurt", "Klaas").
- Places: the hand list and the Dutch woonplaatsen; keep: organisations, laws, countries, nationalities, brands.
"""

from __future__ import annotations

import gzip
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vertelpunt.anonymisation.tokens import fold, fold_uncached, tokenise

DATA = Path(__file__).parent / "data"

# A set of words as a dict of str to None: `in` is as fast, and unlike a set the garbage collector never walks it
# (a dict of strings is untracked), which keeps full collections cheap while a long text is tokenised.
WordSet = dict[str, None]


def word_set(words: Iterable[str]) -> WordSet:
    return dict.fromkeys(words)


def _lines(name: str) -> list[str]:
    raw = (DATA / name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.key or t.text for t in tokenise(phrase))


@dataclass(frozen=True)
class PhraseIndex:
    """Phrases by their first two token keys, longest first, for a linear scan over tokens."""

    singles: WordSet
    firsts: WordSet  # first keys of the phrases of two or more tokens
    by_pair: dict[tuple[str, str], tuple[tuple[str, ...], ...]]

    @classmethod
    def build(cls, phrases: Iterable[str]) -> PhraseIndex:
        singles: set[str] = set()
        grouped: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
        for phrase in phrases:
            key = phrase_key(phrase)
            if len(key) == 1:
                singles.add(key[0])
            elif key:
                grouped[key[0], key[1]].add(key)
        return cls(word_set(singles), word_set(first for first, _ in grouped),
                   {k: tuple(sorted(v, key=len, reverse=True)) for k, v in grouped.items()})

    def match(self, keys: list[str], index: int) -> int:
        """Length in tokens of the longest phrase starting at keys[index], or 0."""
        if keys[index] in self.firsts and index + 1 < len(keys):
            for phrase in self.by_pair.get((keys[index], keys[index + 1]), ()):
                if tuple(keys[index:index + len(phrase)]) == phrase:
                    return len(phrase)
        return 1 if keys[index] in self.singles else 0


@dataclass(frozen=True)
class Gazetteers:
    first_names: WordSet  # folded single words
    surnames: WordSet  # folded single words
    words: WordSet  # ordinary Dutch words, lower case, as written and folded
    proper_twins: WordSet  # ordinary words that are also proper nouns (geurt/Geurt), folded
    keep: PhraseIndex  # organisations, laws, countries...: never an identifier
    keep_words: WordSet  # the same, folded single words (for placeholders)
    places: PhraseIndex
    hand_first_names: tuple[str, ...]  # the hand lists as written (the first evaluation corpus draws from them)
    hand_surnames: tuple[str, ...]
    hand_places: tuple[str, ...]

    def is_name(self, key: str) -> bool:
        return key in self.first_names or key in self.surnames or key in self.proper_twins

    def is_word(self, key: str) -> bool:
        return key in self.words


def _name_keys(names: Iterable[str]) -> set[str]:
    keys = set()
    for name in names:
        if name.isalpha():  # most names: one plain word
            if len(name) >= 2:
                keys.add(fold_uncached(name))
            continue
        for token in tokenise(name):
            if token.is_word and len(token.key) >= 2:
                keys.add(token.key)
                keys.update(part for part in token.key.split("-") if len(part) >= 2)
    return keys


def _by_origin() -> tuple[list[str], list[str]]:
    first: list[str] = []
    last: list[str] = []
    for line in _lines("names_by_origin.txt"):
        label, _, names = line.partition(":")
        (first if label.split()[-1] == "first" else last).extend(n.strip() for n in names.split(","))
    return first, last


_LOADING = threading.Lock()
_LOADED: list[Gazetteers] = []


def load_gazetteers() -> Gazetteers:
    """The word lists, built once per process (about 3 s). The lock matters in a threaded server: without it the
    first concurrent requests would each build them, every one of them waiting seconds."""
    if not _LOADED:
        with _LOADING:
            if not _LOADED:
                _LOADED.append(_build_gazetteers())
    return _LOADED[0]


def warm_up() -> None:
    """Build the word lists now (at a service's start), so no request pays for it."""
    load_gazetteers()


def _build_gazetteers() -> Gazetteers:
    hand_first = _lines("first_names.txt")
    hand_last = _lines("surnames.txt")
    origin_first, origin_last = _by_origin()
    keep_phrases = [*_lines("keep_words.txt"), *_lines("countries_nl.txt")]
    particles = {"van", "de", "der", "den", "ten", "ter", "te", "'t", "el", "al", "ben", "bin", "ait", "op", "in"}
    words = _lines("dutch_words.txt.gz")
    hand_places = _lines("places.txt")
    return Gazetteers(
        first_names=word_set(_name_keys([*hand_first, *origin_first, *_lines("world_first_names.txt.gz")])),
        surnames=word_set(_name_keys([*hand_last, *origin_last, *_lines("world_surnames.txt.gz")]) - particles),
        words=word_set([*words, *(fold_uncached(w) for w in words if not w.isascii())]),
        proper_twins=word_set(fold_uncached(w) for w in _lines("dutch_proper_twins.txt")),
        keep=PhraseIndex.build(keep_phrases),
        keep_words=word_set(fold(w) for phrase in keep_phrases for w in phrase.split()),
        places=PhraseIndex.build([*hand_places, *_lines("woonplaatsen.txt")]),
        hand_first_names=tuple(hand_first),
        hand_surnames=tuple(sorted(set(hand_last), key=lambda s: (-len(s), s))),
        hand_places=tuple(sorted(set(hand_places), key=lambda s: (-len(s), s))),
    )
