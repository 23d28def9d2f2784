"""Checksums that separate real identifiers from ordinary numbers."""

from __future__ import annotations


def is_valid_bsn(digits: str) -> bool:
    """The 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def is_valid_iban(candidate: str) -> bool:
    """ISO 13616 mod-97: move the first four characters to the end, letters to numbers, remainder 1."""
    iban = candidate.replace(" ", "").upper()
    if not (15 <= len(iban) <= 34) or not iban[:2].isalpha() or not iban[2:4].isdigit() or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1
