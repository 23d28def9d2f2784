"""Tokens of a normalised text, each with its position and what the recognisers ask of it.

One linear pass: the token pattern has only bounded quantifiers, and compounds joined by a hyphen or an
apostrophe ("Ait-Haddou", "O'Neill", "'t") are merged in a second pass over the tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TOKEN = re.compile(r"[^\W\d_]{1,64}|\d{1,32}|\S")
JOINERS = frozenset("-'’")
SENTENCE_END = frozenset(".!?:;\"“”„(•*>|")
# "mw. Jansen", "J. de Vries", "nr. 12": a full stop after these does not end the sentence.
ABBREVIATIONS = frozenset({"mw", "mevr", "dhr", "hr", "mr", "dr", "drs", "ir", "ing", "ds", "prof", "st", "nr",
                           "zr", "br", "fam", "bijv", "o.a", "evt", "ca", "jl", "mej"})
FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "ə": "e", "æ": "ae", "œ": "oe",
                      "þ": "th", "’": "'"})


def fold_uncached(word: str) -> str:
    """Lower case without diacritics: the key names and words are looked up by ("Yılmaz" -> "yilmaz")."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


fold = lru_cache(maxsize=65536)(fold_uncached)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # "w" word, "d" digits, "p" punctuation
    key: str = ""
    sentence_start: bool = False
    joined_to_previous: bool = False  # only spaces or tabs between this token and the previous one

    @property
    def is_word(self) -> bool:
        return self.kind == "w"

    @property
    def cap(self) -> bool:
        return self.kind == "w" and self.text[0].isupper()

    @property
    def lower(self) -> bool:
        return self.kind == "w" and self.text[0].islower()

    @property
    def all_caps(self) -> bool:
        return self.kind == "w" and len(self.text) > 1 and self.text.isupper()


MAX_JOINED = 64  # longer hyphen chains are not one name: keeps every join O(1)


def tokenise(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    previous: Token | None = None
    for m in TOKEN.finditer(text):
        piece = m.group(0)
        start, end = m.span()
        first = piece[0]
        kind = "d" if first.isdigit() else ("w" if first.isalpha() else "p")
        if previous is not None and previous.end == start and kind == "w" and len(tokens) > 1:
            word = tokens[-2]
            # "Ait-Haddou", "O'Neill": word, joiner, word with nothing in between.
            if previous.kind == "p" and previous.text in JOINERS and word.kind == "w" and word.end == previous.start \
                    and end - word.start <= MAX_JOINED:
                word.text, word.end = text[word.start:end], end
                tokens.pop()
                previous = word
                continue
        if previous is not None and previous.end == start and kind == "w" and previous.text in ("'", "’") \
                and piece in ("t", "s", "n") and (len(tokens) < 2 or tokens[-2].end < previous.start):
            previous.text, previous.end, previous.kind = "'" + piece, end, "w"  # "van 't Hof", "'s-Hertogenbosch"
            continue
        previous = Token(piece, start, end, kind)
        append(previous)
    _annotate(text, tokens)
    return tokens


def _annotate(text: str, tokens: list[Token]) -> None:
    previous: Token | None = None
    before: Token | None = None
    for token in tokens:
        if token.kind == "w":
            token.key = fold(token.text)
        if previous is None:
            token.sentence_start = True
            previous = token
            continue
        gap = token.start - previous.end
        newline = gap > 0 and "\n" in text[previous.end:token.start]
        token.joined_to_previous = gap <= 3 and not newline
        if newline:
            token.sentence_start = True
        elif previous.kind == "p":
            mark = previous.text
            if mark == ".":
                # "mw." and "J." do not end a sentence; "5821HR." does (the letters are glued to a number).
                abbreviation = before is not None and before.kind == "w" and (
                    before.start == 0 or not text[before.start - 1].isalnum()) and (
                    before.key in ABBREVIATIONS or (len(before.text) == 1 and before.text.isupper()))
                token.sentence_start = not abbreviation
            elif mark in SENTENCE_END:
                token.sentence_start = True
            elif mark in "-–" and (before is None or "\n" in text[before.end:previous.start]):
                token.sentence_start = True  # a bullet
        before, previous = previous, token
