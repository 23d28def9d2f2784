"""Tokens of a normalised text, each with its position and what the recognisers ask of it.

One linear pass: the token pattern has only bounded quantifiers, and compounds joined by a hyphen or an
apostrophe ("Ait-Haddou", "O'Neill", "'t") are merged in a second pass over the tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word, a number or one other character; the group number says which.
TOKEN_GROUPS = re.compile(r"([^\W\d_]{1,64})|(\d{1,32})|(\S)")
JOINERS = frozenset("-'’")
SENTENCE_END = frozenset(".!?:;\"“”„(•*>|")
# "mw. Jansen", "J. de Vries", "nr. 12": a full stop after these does not end the sentence.
ABBREVIATIONS = frozenset({"mw", "mevr", "mvr", "dhr", "hr", "mr", "dr", "drs", "ir", "ing", "ds", "prof", "st", "nr",
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
KINDS = ("p", "w", "d", "p")  # by group number of TOKEN_GROUPS


def tokenise(text: str) -> list[Token]:
    """Tokens with their keys and sentence starts, in one pass over the text."""
    tokens: list[Token] = []
    append = tokens.append
    previous: Token | None = None
    before: Token | None = None  # the token before `previous`
    for m in TOKEN_GROUPS.finditer(text):
        kind = KINDS[m.lastindex or 3]
        start, end = m.span()
        if previous is not None and previous.end == start and kind == "w":
            # "Ait-Haddou", "O'Neill": word, joiner, word with nothing in between.
            if previous.kind == "p" and previous.text in JOINERS and before is not None and before.kind == "w" \
                    and before.end == previous.start and end - before.start <= MAX_JOINED:
                before.text, before.end = text[before.start:end], end
                before.key = fold(before.text)
                tokens.pop()
                previous = before
                before = tokens[-2] if len(tokens) > 1 else None
                continue
            piece = m.group()
            if previous.text in ("'", "’") and piece in ("t", "s", "n") \
                    and (before is None or before.end < previous.start):
                previous.text, previous.end, previous.kind = "'" + piece, end, "w"  # "van 't Hof", "'s-Hertogenbosch"
                previous.key = previous.text
                continue
        piece = m.group()
        token = Token(piece, start, end, kind, fold(piece) if kind == "w" else "")
        if previous is None:
            token.sentence_start = True
        else:
            # Inlined for speed (this loop runs once per token): joined to the previous token on the same line?
            gap = start - previous.end
            newline = gap > 0 and "\n" in text[previous.end:start]
            token.joined_to_previous = gap <= 3 and not newline
            if newline:
                token.sentence_start = True
            elif previous.kind == "p":
                _sentence_start_after_mark(text, token, previous, before)
        append(token)
        before, previous = previous, token
    return tokens


def _sentence_start_after_mark(text: str, token: Token, previous: Token, before: Token | None) -> None:
    """Whether a token after a punctuation mark starts a sentence."""
    mark = previous.text
    if mark == ".":
        # "mw." and "J." do not end a sentence; "5821HR." does (the letters are glued to a number).
        abbreviation = before is not None and before.kind == "w" and (
            before.key in ABBREVIATIONS or (len(before.text) == 1 and before.text.isupper())) and (
            before.start == 0 or not text[before.start - 1].isalnum())
        token.sentence_start = not abbreviation
    elif mark in SENTENCE_END:
        token.sentence_start = True
    elif mark in "-–" and (before is None or "\n" in text[before.end:previous.start]):
        token.sentence_start = True  # a bullet
