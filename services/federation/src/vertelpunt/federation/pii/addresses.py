"""Street addresses that survived anonymisation: deduce's street annotators (the BAG street list and its street
pattern) with a house number, plus compound and multi-word streets in any case ("stationsweg 4", "Laan van de
Vrede 7-II", "Achterom 3 bis")."""

from __future__ import annotations

import re

from vertelpunt.federation.pii.lexicon import Lexicon
from vertelpunt.federation.pii.placeholders import Masked
from vertelpunt.federation.pii.second_opinion import annotate
from vertelpunt.federation.pii.tokens import starts_sentence

# A street name ending in one of these is an address when a house number follows.
STRONG_SUFFIXES = ("straat", "laan", "gracht", "kade", "singel", "steeg", "plein", "dreef", "plantsoen", "straatje",
                   "steegje", "pleintje", "hofje", "laantje", "boulevard", "allee")
WEAK_SUFFIXES = ("weg", "dijk", "hof", "pad", "markt", "dam", "wal", "erf", "park", "ring", "kamp", "hoven", "haven",
                 "burcht", "brink", "vliet", "baan", "zijde", "veld", "straatweg")
HOUSE_NUMBER = (r"\d{1,4}(?:\s?[a-zA-Z](?![\w])|\s?-\s?\d{1,3}(?!\d)|\s?-?\s?[IVX]{1,4}(?![\w])"
                r"|\s(?:bis|hs|huis|zw|rd|boven|beneden)(?![\w]))?")
# "de snelweg 3 uur", "Rotterdam 2 keer", "€ 12,50": a number with a unit is no house number.
QUANTITY = (r"\s*(?:%|[.,:]\d|uur|jaar|jaren|maand|maanden|week|weken|dag|dagen|keer|km|kilometer|meter|m2|"
            r"minuten|min|seconden|euro|eur|procent|kinderen|personen|mensen|stuks|kg|cm|x(?![\w]))")
NOT_A_QUANTITY = rf"(?!{QUANTITY})"
UNIT_AFTER = re.compile(QUANTITY, re.IGNORECASE)
COMPOUND_STREET = re.compile(
    rf"(?<![\w])([^\W\d_]+(?:['’-][^\W\d_]+)*?(?:{'|'.join(STRONG_SUFFIXES + WEAK_SUFFIXES)}))\s+{HOUSE_NUMBER}"
    rf"{NOT_A_QUANTITY}", re.IGNORECASE)
MULTI_WORD_STREET = re.compile(
    r"(?<![\w])(?:laan|plein|hof|kade|dreef|singel|park|straat|markt|gracht|steeg|plantsoen)\s+"
    r"(?:(?:van|der|de|den|het|'t|op|aan|in|te|ter|ten|bij|achter|over)\s+)+(?:[^\W\d_]+(?:['’-][^\W\d_]+)*\s+){1,3}"
    rf"{HOUSE_NUMBER}{NOT_A_QUANTITY}", re.IGNORECASE)


def find_addresses(masked: Masked, lexicon: Lexicon) -> bool:
    text = masked.text
    return (any(_street(text, m, lexicon) for m in COMPOUND_STREET.finditer(text))
            or MULTI_WORD_STREET.search(text) is not None
            or any("huisnummer" in a.tag and not UNIT_AFTER.match(text, a.end) for a in annotate(text)))


def _street(text: str, match: re.Match[str], lexicon: Lexicon) -> bool:
    name = match.group(1)
    low = name.lower()
    suffix = next(s for s in sorted(STRONG_SUFFIXES + WEAK_SUFFIXES, key=len, reverse=True) if low.endswith(s))
    if len(low) <= len(suffix) + 1:  # "weg 3", "de markt 2": a bare suffix is too weak on its own
        return False
    if low not in lexicon.words or suffix in STRONG_SUFFIXES:
        return True
    # An ordinary compound ("snelweg", "loopbaan") counts only where it is written as a name.
    return name[0].isupper() and not starts_sentence(text, match.start(1))
