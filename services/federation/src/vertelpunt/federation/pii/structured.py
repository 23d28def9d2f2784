"""Identifiers with a fixed shape: BSN (11-test), IBAN (mod-97), Dutch phone numbers, e-mail (also written out as
"naam (at) domein punt nl"), postcodes. Runs on normalised text (normalise.py)."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Written-out e-mail: only with a known top-level domain, so "hij at ... punt" in a sentence is not an address.
_AT = re.compile(r"\s*[(\[{<]\s*(?:at|apestaartje|apenstaartje)\s*[)\]}>]\s*|\s+(?:at|apestaartje|apenstaartje)\s+"
                 r"|\s*@\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*|\s+(?:dot|punt)\s+|(?<=\w)\s*\.\s*(?=\w)", re.IGNORECASE)
WRITTEN_EMAIL = re.compile(r"[\w+-]+@[\w-]+(?:\.[\w-]+)*\.(?:nl|com|net|org|be|eu|info|nu|de|frl|io|me|online|email)"
                           r"(?![\w])", re.IGNORECASE)
POSTCODE = re.compile(r"(?<![\w-])[1-9][0-9]{3}(?: ?[A-Z]{2}|[a-z]{2})(?![\w-])")
NOT_POSTCODE_LETTERS = {"SA", "SD", "SS", "sa", "sd", "ss"}  # never issued
NINE_DIGITS = re.compile(r"(?<![\d])(?:\d[ .-]?){8}\d(?![\d])")
IBAN = re.compile(r"(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?", re.IGNORECASE)
PHONE = re.compile(r"(?<![\d+])(?:\+31|0031|0)[ ()\-.]*(?:\(0\)[ \-.]*)?[1-9](?:[ ()\-.]*\d){7,9}(?!\d)")


def _eleven_test(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _mod97(candidate: str) -> bool:
    iban = re.sub(r"\s", "", candidate).upper()
    numeric = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return numeric.isdigit() and int(numeric) % 97 == 1


def _around_at(text: str) -> list[str]:
    """Windows around each "@": an address's local part is at most 64 characters. Searching only there keeps the
    check linear on long texts without an address (a pattern that starts at every character would not be)."""
    return [text[max(0, i - 80):i + 260] for i, char in enumerate(text) if char == "@"]


def _email(text: str) -> bool:
    if any(EMAIL.search(window) for window in _around_at(text)):
        return True
    if not _AT.search(text):
        return False
    written = _AT.sub("@", text)
    return any(WRITTEN_EMAIL.search(_DOT.sub(".", window)) for window in _around_at(written))


def find_structured(text: str) -> set[str]:
    """The types found in one normalised text: bsn, iban, phone, email, postcode."""
    found: set[str] = set()
    if _email(text):
        found.add("email")
    if any(m.group(0)[-2:] not in NOT_POSTCODE_LETTERS for m in POSTCODE.finditer(text)):
        found.add("postcode")
    if any(_mod97(m.group(0)) for m in IBAN.finditer(text)):
        found.add("iban")
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 9 <= len(digits.lstrip("0").removeprefix("31")) <= 10:
            found.add("phone")
    for m in NINE_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits != "000000000" and _eleven_test(digits):
            found.add("bsn")
    return found
