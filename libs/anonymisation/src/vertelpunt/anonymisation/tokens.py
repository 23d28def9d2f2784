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


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without diacritics: the key names and words are looked up by ("Yılmaz" -> "yilmaz")."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


def _kind(text: str) -> str:
    if text[0].isdigit():
        return "d"
    return "w" if text[0].isalpha() else "p"


def tokenise(text: str) -> list[Token]:
    raw = [Token(m.group(0), m.start(), m.end(), _kind(m.group(0))) for m in TOKEN.finditer(text)]
    merged: list[Token] = []
    for token in raw:
        previous = merged[-1] if merged else None
        if previous is not None and previous.end == token.start:
            # "Ait-Haddou", "O'Neill": word, joiner, word with nothing in between.
            if token.kind == "w" and previous.text[-1] in JOINERS and len(merged) > 1 \
                    and merged[-2].kind == "w" and merged[-2].end == previous.start and previous.kind == "p":
                word = merged[-2]
                merged[-2:] = [Token(word.text + previous.text + token.text, word.start, token.end, "w")]
                continue
            # "'t" and "'s" as in "van 't Hof", "'s-Hertogenbosch".
            if token.kind == "w" and previous.text in ("'", "’") and token.text in ("t", "s", "n") \
                    and (len(merged) < 2 or merged[-2].end < previous.start):
                merged[-1] = Token("'" + token.text, previous.start, token.end, "w")
                continue
        merged.append(token)
    _annotate(text, merged)
    return merged


def _annotate(text: str, tokens: list[Token]) -> None:
    for index, token in enumerate(tokens):
        if token.kind == "w":
            token.key = fold(token.text)
        if index == 0:
            token.sentence_start = True
            continue
        previous = tokens[index - 1]
        gap = text[previous.end:token.start]
        token.joined_to_previous = "\n" not in gap and len(gap) <= 3
        if "\n" in gap or (previous.kind == "p" and previous.text in SENTENCE_END and previous.text != "."):
            token.sentence_start = True
        elif previous.text == ".":
            before = tokens[index - 2] if index >= 2 else None
            abbreviation = before is not None and before.kind == "w" and (
                before.key in ABBREVIATIONS or (len(before.text) == 1 and before.text.isupper()))
            token.sentence_start = not abbreviation
        elif previous.kind == "p" and previous.text in "-–" and (index < 2 or "\n" in text[
                tokens[index - 2].end:previous.start]):
            token.sentence_start = True  # a bullet
