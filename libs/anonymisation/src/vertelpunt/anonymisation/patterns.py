"""Recognisers for structured identifiers: e-mail, URL, IBAN, BSN, phone, postcode, licence plate, dates,
case numbers. Each yields Entity spans in the text; checksums reject look-alike numbers.

Every pattern is compiled by RE2 (google-re2), which runs in time linear in the text whatever the pattern, so
no input can make the anonymiser backtrack. RE2 has no look-around: the few boundary conditions that need one
are checked on the match afterwards. A municipality's own case-number patterns are compiled by RE2 too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import re2

from vertelpunt.anonymisation.checksums import is_valid_bsn, is_valid_iban
from vertelpunt.anonymisation.entities import Entity, EntityType

Pattern = Any  # re2._Regexp; the package ships no type information

# RE2 runs unbounded repetition in linear time too, so the patterns need no artificial bounds.
EMAIL = re2.compile(r"(?i)[\pL\pN_.+%-]+@[\pL\pN-]+(?:\.[\pL\pN-]+)*\.[a-z]{2,24}\b")
URL = re2.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>()\"']*[^\s<>()\"'.,;:!?]"
    r"|\b(?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|info|be|de|frl|amsterdam)\b"
    r"(?:/[^\s<>()\"']*[^\s<>()\"'.,;:!?])?"
)
IBAN = re2.compile(r"(?i)\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")
# Nine digits, optionally grouped with dots, dashes or spaces (1234.56.782, 123 456 782).
BSN = re2.compile(r"\d(?:[ .-]?\d){8}")
# Dutch numbers: +31 / 0031 / (0)… / 0…, digits grouped with spaces, dashes, dots, brackets.
PHONE = re2.compile(r"\(?(?:\+31|0031|0)[\s\-.]?(?:\(0\)[\s\-.]?)?\(?\d(?:[\s\-.()]{0,2}\d){6,11}")
POSTCODE = re2.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b|\b[1-9]\d{3}[a-z]{2}\b")
NOT_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
# Upper case any letters; lower case ("xg-123-b" in a chat) only the consonants Dutch plates use.
PLATE = re2.compile(r"\b([A-Z]{1,3}|\d{1,3})-([A-Z]{1,3}|\d{1,3})-([A-Z]{1,3}|\d{1,3})\b"
                    r"|\b([bdfghjklnprstvxz]{1,3}|\d{1,3})-([bdfghjklnprstvxz]{1,3}|\d{1,3})-"
                    r"([bdfghjklnprstvxz]{1,3}|\d{1,3})\b")

MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
DATE = re2.compile(
    r"(?i)\b(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)?\d{2}\b"  # 12-03-1985, 1/3/85
    r"|\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"  # 1985-03-12
    # 12 maart, 12 maart 1985, 12 maart '85
    rf"|\b(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de)?\s+(?:{MONTHS})\.?(?:\s+(?:(?:19|20)\d{{2}}|['’]\d{{2}}))?\b"
)

CASE_KEYWORDS = (r"zaaknummer|zaaknr|dossiernummer|dossiernr|klantnummer|klantnr|cli[eë]ntnummer|"
                 r"registratienummer|relatienummer|kenmerk|referentienummer|aanvraagnummer|polisnummer|"
                 r"bsn-nummer|uitkeringsnummer|debiteurnummer|contractnummer|dossier|referentie|ref|zaak|aanvraag")
CASE_NUMBER = re2.compile(
    rf"(?i)\b(?:{CASE_KEYWORDS})\b\.?\s*(?:is|:|#|nr\.?|nummer)?\s*([A-Z0-9][A-Z0-9\-/.]{{2,}}[A-Z0-9])")
# Shapes that are case numbers on their own: Z-2024-001234, ZK24-000123, D/2023/4567.
DEFAULT_CASE_PATTERNS = (r"\b[A-Z]{1,3}[-/]?\d{2,4}[-/]\d{3,8}\b",)

STRUCTURED_PATTERNS: dict[str, Pattern] = {
    "email": EMAIL, "url": URL, "iban": IBAN, "bsn": BSN, "phone": PHONE, "postcode": POSTCODE,
    "plate": PLATE, "date": DATE, "case_number": CASE_NUMBER,
}
NON_DIGIT = re.compile(r"\D")


class UnsupportedPattern(ValueError):
    """A case-number pattern RE2 cannot run (look-around, back-references): it could make the anonymiser slow."""


@cache
def compile_case_pattern(pattern: str) -> Pattern:
    try:
        return re2.compile(pattern)
    except re2.error as error:
        raise UnsupportedPattern(
            f"case-number pattern {pattern!r} is not supported ({error}); use RE2 syntax: no look-around or "
            "back-references") from None


def _digits(text: str) -> str:
    return NON_DIGIT.sub("", text)


def find_emails(text: str) -> Iterator[Entity]:
    for m in EMAIL.finditer(text):
        yield Entity(m.start(), m.end(), EntityType.EMAIL)


def find_urls(text: str) -> Iterator[Entity]:
    for m in URL.finditer(text):
        yield Entity(m.start(), m.end(), EntityType.URL)


def find_ibans(text: str) -> Iterator[Entity]:
    for m in IBAN.finditer(text):
        candidate = m.group(0)
        # Trim trailing groups until the checksum holds (the pattern can swallow a following word).
        while candidate:
            if is_valid_iban(candidate):
                yield Entity(m.start(), m.start() + len(candidate.rstrip()), EntityType.IBAN)
                break
            if " " not in candidate.strip():
                break
            candidate = candidate.rstrip().rsplit(" ", 1)[0]


def find_bsns(text: str) -> Iterator[Entity]:
    for m in BSN.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end():m.end() + 2]
        if before and (before.isalnum() or before in ".,-"):
            continue  # part of a longer number or a code such as D202367940
        if after[:1].isdigit() or (after[:1] in (".", ",") and after[1:2].isdigit()):
            continue
        if is_valid_bsn(_digits(m.group(0))):
            yield Entity(m.start(), m.end(), EntityType.BSN)


def is_dutch_phone(raw: str) -> bool:
    digits = _digits(raw.replace("(0)", ""))
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif raw.lstrip().startswith("+31"):
        digits = "0" + digits[2:]
    if not digits.startswith("0"):
        return False
    if digits.startswith(("0800", "0900", "0906", "0909")):
        return len(digits) in (8, 11)
    return len(digits) == 10


def find_phones(text: str) -> Iterator[Entity]:
    for m in PHONE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if before and (before.isalnum() or before in "_+("):
            continue
        raw = m.group(0)
        # The longest prefix that ends a digit group (not inside a longer number) and is a Dutch number.
        for end in range(len(raw), 0, -1):
            if not raw[end - 1].isdigit():
                continue
            absolute = m.start() + end
            if absolute < len(text) and text[absolute].isdigit():
                continue
            if is_dutch_phone(raw[:end]):
                yield Entity(m.start(), absolute, EntityType.PHONE)
                break


def find_postcodes(text: str) -> Iterator[Entity]:
    for m in POSTCODE.finditer(text):
        if m.group(0)[-2:] not in NOT_POSTCODE_LETTERS:
            yield Entity(m.start(), m.end(), EntityType.POSTCODE)


def find_licence_plates(text: str) -> Iterator[Entity]:
    for m in PLATE.finditer(text):
        groups = [g for g in m.groups() if g is not None]
        kinds = {g.isdigit() for g in groups}
        if sum(len(g) for g in groups) == 6 and kinds == {True, False}:
            yield Entity(m.start(), m.end(), EntityType.LICENCE_PLATE)


def find_dates(text: str) -> Iterator[Entity]:
    for m in DATE.finditer(text):
        yield Entity(m.start(), m.end(), EntityType.DATE)


def find_case_numbers(text: str, extra_patterns: Sequence[str] = ()) -> Iterator[Entity]:
    for m in CASE_NUMBER.finditer(text):
        if any(ch.isdigit() for ch in m.group(1)):
            yield Entity(m.start(1), m.end(1), EntityType.CASE_NUMBER)
    for pattern in (*DEFAULT_CASE_PATTERNS, *extra_patterns):
        for m in compile_case_pattern(pattern).finditer(text):
            if m.end() > m.start():
                yield Entity(m.start(), m.end(), EntityType.CASE_NUMBER)


def find_structured(text: str, case_patterns: Sequence[str] = ()) -> list[Entity]:
    return [
        *find_emails(text), *find_urls(text), *find_ibans(text), *find_bsns(text), *find_phones(text),
        *find_postcodes(text), *find_licence_plates(text), *find_dates(text),
        *find_case_numbers(text, case_patterns),
    ]
