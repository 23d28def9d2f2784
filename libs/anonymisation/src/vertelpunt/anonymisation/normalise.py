"""Unicode normalisation before every check, with a map back to the original text.

A zero-width space inside a BSN, a full-width digit or a ligature must not hide an identifier, yet the intake
renders placeholders over the text the storyteller typed. So detection runs on a normalised copy (NFKC, format
characters such as U+200B removed) and every span is mapped back through `offsets`.
"""

from __future__ import annotations

import unicodedata


def normalise_for_detection(text: str) -> tuple[str, list[int]]:
    """NFKC with format characters (Unicode category Cf: zero-width space/joiner, soft hyphen, BOM...) removed.

    Returns (normalised, offsets): offsets[i] is the index in `text` where the character that produced
    normalised[i] starts, and offsets[len(normalised)] == len(text). Use `to_original` to map a span.
    """
    if text.isascii():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    index, length = 0, len(text)
    while index < length:
        # A segment is a base character with the combining marks that follow it: NFKC composes within it.
        end = index + 1
        while end < length and unicodedata.combining(text[end]):
            end += 1
        segment = unicodedata.normalize("NFKC", text[index:end])
        for ch in segment:
            if unicodedata.category(ch) != "Cf":
                out.append(ch)
                offsets.append(index)
        index = end
    offsets.append(length)
    return "".join(out), offsets


def to_original(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span [start, end) of the normalised text to the original text.

    The end is the original end of the last character in the span: when one original character became several
    (a ligature) the span still covers it whole.
    """
    if end <= start:
        return offsets[start], offsets[start]
    last = offsets[end - 1]
    mapped_end = offsets[end]
    probe = end
    while mapped_end == last and probe < len(offsets) - 1:
        probe += 1
        mapped_end = offsets[probe]
    return offsets[start], mapped_end
