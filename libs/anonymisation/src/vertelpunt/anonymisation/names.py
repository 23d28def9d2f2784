"""Recognisers for people, places and street addresses: gazetteers plus the cues Dutch text gives
(titles such as "mevrouw", initials, tussenvoegsels, "woont in")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from vertelpunt.anonymisation.entities import Entity, EntityType
from vertelpunt.anonymisation.gazetteers import Gazetteers, load_gazetteers

WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"
CAP_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’\-][^\W\d_]+)*)"
TUSSENVOEGSEL = (r"(?i:van der|van den|van de|van 't|van het|in 't|de la|van|de|der|den|ten|ter|te|el|al|bin|ben|"
                 r"ait|op de|in de)")
INITIALS = r"(?:[A-Z]\.\s?){1,4}"
TITLES = (r"mevrouw|mevr\.|mw\.|meneer|mijnheer|mr\.|dhr\.|de heer|heer|juffrouw|juf|meester|dokter|dr\.|"
          r"ds\.|pastoor|imam|zuster|broeder|Mevrouw|Meneer|Mijnheer|Dhr\.|Mw\.|Mevr\.|De heer|Juf|Dokter")
NAME_CUES = r"heet|heette|genaamd|naam is|noemde zich|zoon|dochter|partner|echtgenoot|echtgenote|vriend|vriendin"
PLACE_CUES = (r"woont in|woonde in|wonend in|woonachtig in|verhuisd naar|verhuisde naar|geboren in|"
              r"afkomstig uit|opgegroeid in|komt uit|kwam uit|vandaan uit")
STREET_SUFFIXES = ("straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg|park|ring|markt|plantsoen|"
                   "allee|boulevard|erf|wal|straatweg|baan|burgwal|haven|kanaal|dam|zoom|lei|veld|berg|horst|"
                   "akker|hoek|tuin|donk|hout|weide|wijk|oord")
# Suffixes that also end ordinary compounds: only an address when a house number follows.
NUMBER_ONLY_SUFFIXES = ("veld", "berg", "horst", "akker", "hoek", "tuin", "donk", "hout", "weide", "wijk", "oord",
                        "dam", "lei", "zoom", "haven", "kanaal", "hof", "park", "baan", "erf", "wal", "ring")
HOUSE_NUMBER = r"\d{1,5}(?:\s?-?\s?[a-zA-Z]\b|\s?-\s?\d{1,4}\b|\s?(?:bis|hs|huis|zw|rd)\b)?"
STREET = re.compile(
    rf"\b((?:\d+e\s|[A-Z][^\W\d_]*\s){{0,3}}[A-Z]?[^\W\d_]*(?:{STREET_SUFFIXES}))\b(\s+(?:nr\.?\s?)?{HOUSE_NUMBER})?"
)
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“„(\n•\-–]\s*)$")


def _is_sentence_start(text: str, index: int) -> bool:
    return bool(SENTENCE_START.search(text[max(0, index - 4):index])) or index == 0


@cache
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])")


def _is_kept(g: Gazetteers, span_text: str) -> bool:
    lowered = span_text.lower()
    return lowered in g.keep_words or any(part in g.keep_words for part in lowered.split())


def _extend_name(text: str, end: int) -> int:
    """After a first name or title: take a following surname (with tussenvoegsel) of up to three words."""
    pattern = re.compile(rf"(?:\s+{TUSSENVOEGSEL})?\s+{CAP_WORD}(?:\s+{CAP_WORD}){{0,2}}")
    match = pattern.match(text, end)
    if not match:
        return end
    g = load_gazetteers()
    words = match.group(0).split()
    taken = end
    cursor = end
    for word in words:
        cursor = text.index(word, cursor) + len(word)
        if word[0].isupper() and _is_kept(g, word):
            break
        if word[0].isupper():
            taken = cursor
    return taken


def find_people(text: str) -> Iterator[Entity]:
    g = load_gazetteers()
    # 1. A title or naming cue, then a capitalised name (with optional initials and tussenvoegsel).
    cue = re.compile(rf"\b(?:{TITLES}|{NAME_CUES})\s+((?:{INITIALS})?(?:{TUSSENVOEGSEL}\s+)?{CAP_WORD})")
    for m in cue.finditer(text):
        start = m.start(1)
        end = _extend_name(text, m.end(1))
        if not _is_kept(g, text[start:end]):
            yield Entity(start, end, EntityType.PERSON)
    # 2. Initials and a surname: "J. de Vries", "A.B. Yilmaz".
    for m in re.finditer(rf"\b{INITIALS}(?:{TUSSENVOEGSEL}\s+)?{CAP_WORD}", text):
        yield Entity(m.start(), m.end(), EntityType.PERSON)
    # 3. Known first names, extended with what follows.
    for m in re.finditer(rf"(?<![\w'’-]){CAP_WORD}", text):
        if m.group(0) in g.first_names:
            yield Entity(m.start(), _extend_name(text, m.end()), EntityType.PERSON)
    # 4. Known surnames; a single common word only mid-sentence, where its capital marks it as a name.
    for m in _phrase_regex(g.surnames).finditer(text):
        name = m.group(0)
        if (" " in name or not _is_sentence_start(text, m.start())) and not _is_kept(g, name):
            yield Entity(m.start(), m.end(), EntityType.PERSON)
    # Tussenvoegsel surnames written with a capital at sentence start ("De Vries zei...").
    capitalised = tuple(s[0].upper() + s[1:] for s in g.surnames if " " in s and s[0].islower())
    for m in _phrase_regex(capitalised).finditer(text):
        yield Entity(m.start(), m.end(), EntityType.PERSON)


def find_places(text: str) -> Iterator[Entity]:
    g = load_gazetteers()
    for m in _phrase_regex(g.places).finditer(text):
        yield Entity(m.start(), m.end(), EntityType.PLACE)
    for m in re.finditer(rf"\b(?:{PLACE_CUES})\s+((?:{CAP_WORD})(?:[\s-]{CAP_WORD}){{0,2}})", text):
        if not _is_kept(g, m.group(1)):
            yield Entity(m.start(1), m.end(1), EntityType.PLACE)


def find_addresses(text: str) -> Iterator[Entity]:
    g = load_gazetteers()
    for m in STREET.finditer(text):
        street, number = m.group(1), m.group(2)
        last_word = street.split()[-1]
        if _is_kept(g, street) or (not last_word[:1].isupper() and not number):
            continue
        suffix = next((s for s in STREET_SUFFIXES.split("|") if last_word.lower().endswith(s)), "")
        if len(last_word) <= len(suffix) + 2:  # "Weg 5" or "Park" alone is not a street name
            continue
        if not number and (suffix in NUMBER_ONLY_SUFFIXES or _is_sentence_start(text, m.start(1))):
            continue
        if not last_word[0].isupper():
            continue
        yield Entity(m.start(1), m.end(2) if number else m.end(1), EntityType.ADDRESS)
