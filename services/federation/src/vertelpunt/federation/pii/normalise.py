"""Unicode normalisation before every check, so look-alike and invisible characters cannot split an identifier.

"1234\u200b56782" must read as one nine-digit number, a full-width "０６" as "06", a no-break space as a space.
"""

from __future__ import annotations

import unicodedata

_INVISIBLE_CATEGORIES = {"Cf"}  # format characters: zero-width space/joiners, soft hyphen, bidi marks, BOM


def normalise(text: str) -> str:
    """NFKC, drop format characters (category Cf), and write every decimal digit (of any script) as ASCII."""
    folded = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for char in folded:
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            continue
        if char.isdecimal() and not char.isascii():
            out.append(str(unicodedata.decimal(char)))
            continue
        out.append(char)
    return "".join(out)
