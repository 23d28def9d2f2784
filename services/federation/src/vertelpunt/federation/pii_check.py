"""The sector's own, independent check for direct identifiers that survived anonymisation.

Deliberately separate from vertelpunt.anonymisation: a second opinion with different code catches what the
first one missed. It errs towards quarantine: a false alarm costs a story, a miss costs a person's privacy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
POSTCODE = re.compile(r"(?<![\w-])[1-9][0-9]{3} ?[A-Z]{2}(?![\w-])")
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


def find_direct_identifiers(texts: Iterable[str]) -> list[str]:
    """Names of the identifier types found (bsn, iban, phone, email, postcode); empty when clean."""
    found: set[str] = set()
    for text in texts:
        if EMAIL.search(text):
            found.add("email")
        if POSTCODE.search(text):
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
    return sorted(found)
