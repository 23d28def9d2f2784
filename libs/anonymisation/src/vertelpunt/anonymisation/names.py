"""Recognisers for people, places and street addresses over tokens.

A person is one span from the first to the last part of the name: titles stay outside, initials, first names,
tussenvoegsels and (double) surnames inside, so a first name is never left beside a redacted surname. A word is a
name part when a name list knows it, or when it is capitalised mid-sentence and not an ordinary Dutch word (the
OpenTaal lexicon), or when a cue marks it ("mevrouw fatma demir", "met sven gebeld", "Marloes zei"). Every loop
looks at most a few tokens ahead or back, so the cost is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from vertelpunt.anonymisation.cues import (
    GENERIC_RELATIONS,
    NAMING_VERBS,
    OBJECT_VERBS,
    ORGANISATION_HEADS,
    PARTICLES,
    PERSON_PREPOSITIONS,
    PERSON_VERBS,
    PLACE_CUES,
    RELATIONS,
    STOP,
    STREET_HEADS,
    STREET_SUFFIXES,
    STREET_TITLES,
    STRONG_STREET_SUFFIXES,
    TITLES,
)
from vertelpunt.anonymisation.entities import Entity, EntityType
from vertelpunt.anonymisation.gazetteers import Gazetteers, load_gazetteers
from vertelpunt.anonymisation.tokens import Token

MAX_NAME_TOKENS = 8
COORDINATED = frozenset(["haar", "zijn", "ik", "hij", "zij", "ze", "mijn", "hun", "de", "het", "een"])
SHORT_TAILS = frozenset((
    "hulp", "huis", "werk", "geld", "baan", "zorg", "brief", "dienst", "loket", "plan", "team", "wijk", "kind",
    "gezin", "taal", "zaak", "post", "lijst", "huur", "kaart", "bank", "pas", "reis", "boek", "bon", "wet", "fonds",
    "raad", "punt", "tijd", "week", "jaar", "dag", "uur", "les", "klas", "cursus",
))
# A house number right after a street: 12, 12a, 12 A, 12-2, 12-III, 10 bis, 3 huis, nr. 7. Bounded: linear.
HOUSE_NUMBER = re.compile(
    r"[ \t]{1,3}(?:(?:nr|nummer|no|huisnummer)\.?[ \t]{0,2})?[1-9]\d{0,4}"
    r"(?:[ \t]{0,2}[-/][ \t]{0,2}(?:[IVX]{1,4}|\d{1,4}|[a-zA-Z]|hoog|huis|hs|bis|zw|rd|bg|boven)(?!\w)"
    r"|[ \t]{1,2}(?:bis|huis|hs|zw|rd|bg|hoog|[IVX]{1,4}|[A-Z])(?!\w)"
    r"|[a-zA-Z](?!\w))?(?![\d\w])"
)


@lru_cache(maxsize=65536)
def _compound_of_words(key: str) -> bool:
    """A Dutch compound of known words ("schuldhulpmaatje"), with the linking s or e(n) allowed.

    The last part must be long (5+ letters) or a common short one: the lexicon holds short rare words ("tink",
    "ani") that would otherwise make names such as Lammertink or Hourani look like compounds.
    """
    words = load_gazetteers().words
    for cut in range(3, len(key) - 3):
        head, tail = key[:cut], key[cut:]
        linked = head in words or (head[-1] == "s" and head[:-1] in words) or (
            head.endswith("en") and head[:-2] in words)
        if (len(tail) >= 5 or tail in SHORT_TAILS) and tail in words and linked:
            return True
    return False


def _organisation_name_length(tokens: list[Token], i: int) -> int:
    """How many capitalised words (with "de", "het", "van") follow an organisation head at token i."""
    k = i
    while k < len(tokens) and k - i < 4 and tokens[k].joined_to_previous and tokens[k].kind == "w" \
            and (tokens[k].cap or tokens[k].key in ("de", "het", "van", "der", "voor", "en")):
        k += 1
    while k > i and not tokens[k - 1].cap:  # do not end on a small word
        k -= 1
    return k - i


ARTICLES = frozenset(("het", "een"))
SURNAME_PARTICLES = frozenset((
    "van", "de", "der", "den", "ter", "ten", "te", "el", "al", "ben", "ait", "'t", "la", "le", "da", "di", "du", "dos",
    "von",
))
VOWELS = frozenset("aeiouy")
# Two consonants a name can start with, in Dutch or in the languages of names living here (Nguyen, Mbarek, Dzifa).
ONSETS = frozenset((
    "bl", "br", "ch", "cl", "cr", "dr", "dw", "dj", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "kw", "pl", "pr", "ps",
    "sc", "sh", "sj", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tj", "tr", "ts", "tw", "vl", "vr", "wr", "zw",
    "ph", "gh", "kh", "dh", "zh", "ng", "nk", "mb", "nd", "nn", "bj", "fj", "hj", "kj", "sv", "sz", "cz", "wl", "xh",
    "hr", "dz", "gw", "tz", "rh", "wh", "sr", "qu", "jh", "tl", "gb", "bh", "kp", "rk", "mr", "ml",
))


def _pronounceable(key: str) -> bool:
    """A word that can be said as a name: it has a vowel and does not open with two consonants no language
    here starts a word with ("lbio", "pgb", "wmo")."""
    letters = [ch for ch in key if ch.isalpha()]
    if not any(ch in VOWELS for ch in letters):
        return False
    head = "".join(letters[:2])
    return len(head) < 2 or head[0] in VOWELS or head[1] in VOWELS or head in ONSETS


@dataclass
class Scan:
    """One text's tokens with what every recogniser asks of them, computed once."""

    text: str
    tokens: list[Token]
    g: Gazetteers
    keep: list[int]  # per token: length in tokens of the keep phrase covering it (0: none)
    place: list[bool]

    @classmethod
    def build(cls, text: str, tokens: list[Token], g: Gazetteers) -> Scan:
        keys = [t.key or t.text for t in tokens]
        keep = [0] * len(tokens)
        place = [False] * len(tokens)
        match = g.keep.match
        index = 0
        while index < len(tokens):
            length = match(keys, index) if tokens[index].kind == "w" else 0
            if keys[index] in ORGANISATION_HEADS and tokens[index].cap:
                length = max(length, 1 + _organisation_name_length(tokens, index + 1))
            for k in range(index, index + length):
                keep[k] = max(length, 2) if length else 0
            index += length or 1
        scan = cls(text, tokens, g, keep, place)
        for entity_start, entity_end in scan._place_spans(keys):
            for k in range(entity_start, entity_end):
                place[k] = True
        return scan

    # --- word classes ---------------------------------------------------------------------------------------------
    def word(self, key: str) -> bool:
        return key in self.g.words

    def ordinary(self, key: str) -> bool:
        """An ordinary Dutch word, also as a compound of ordinary words (for lower-case text only)."""
        return key in self.g.words or (len(key) >= 7 and _compound_of_words(key))

    def named(self, key: str) -> bool:
        return len(key) >= 2 and self.g.is_name(key)

    def kept(self, i: int, growing: bool = False) -> bool:
        """Inside an organisation, law or country. While a name grows, a single kept word that is also a name
        ("Frans" in "Frans de Boer", "Ramadan" in "Ramadan Yıldız") is a name part."""
        if growing:
            key = self.tokens[i].key
            return self.keep[i] > 1 or (self.keep[i] == 1 and key not in self.g.first_names
                                        and key not in self.g.surnames)
        return self.keep[i] > 0

    def at(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def joined(self, i: int) -> bool:
        """Token i follows token i-1 on the same line with at most a few spaces between."""
        t = self.at(i)
        return t is not None and i > 0 and t.joined_to_previous

    def initial(self, i: int) -> bool:
        t, dot = self.at(i), self.at(i + 1)
        if t is None or not t.is_word or len(t.text) != 1 or not t.text.isupper() or dot is None \
                or dot.text != "." or dot.start != t.end:
            return False
        before = self.at(i - 1)  # not the C of "14C."; the P of "J.P." is fine
        return before is None or before.end < t.start or before.text == "."

    def compound_word(self, t: Token) -> bool:
        """"DUO-lening", "Wmo-consulent": a hyphenated word ending in an ordinary lower-case word."""
        last = t.text.rsplit("-", 1)[-1]
        return "-" in t.text and last[:1].islower() and self.ordinary(t.key.rsplit("-", 1)[-1])

    def _compound_term(self, t: Token) -> bool:
        """"Participatiewet-uitkering", "Jeugd-ggz" at the start of a sentence (or of a short label): a hyphenated
        compound ending in an ordinary word, with no name before the hyphen ("Jansen-de Vries", "Fatima-zorg" stay
        names)."""
        head, _, tail = t.key.rpartition("-")
        return (self.compound_word(t) and tail not in PARTICLES and tail not in STOP
                and not any(self.named(part) for part in head.split("-")))

    def cap_part(self, i: int) -> bool:
        """A capitalised word that can be part of a name: known as a name, or not an ordinary word."""
        t = self.tokens[i]
        if not t.cap or t.key in STOP or t.key in TITLES or self.kept(i, growing=True) or len(t.key) < 2:
            return False
        return self.named(t.key) or not (self.word(t.key) or self.compound_word(t))

    def cap_continuation(self, i: int) -> bool:
        """After a name part: any capitalised word mid-sentence (Karin Groen, Anouschka Wijnberg)."""
        t = self.tokens[i]
        acronym = t.all_caps and len(t.text) <= 5 and not self.named(t.key)
        return self.cap_part(i) or (t.cap and not acronym and not t.sentence_start and t.key not in STOP
                                    and t.key not in TITLES
                                    and not self.kept(i, growing=True) and not self.compound_word(t)
                                    and not self._street_word(t.key))

    def lower_part(self, i: int) -> bool:
        t = self.tokens[i]
        if not t.lower or t.key in STOP or t.key in PARTICLES or t.key in TITLES or self.kept(i, growing=True) \
                or len(t.key) < 3:
            return False
        return not self.ordinary(t.key)

    def previous_key(self, i: int) -> str:
        """The word before token i on the same line, skipping the full stop of an abbreviation (mw.)."""
        j = i - 1
        if self.tokens[i].sentence_start:
            return ""  # the previous sentence gives no cue ("pc 5821HR. Volgens ...")
        if self.joined(i) and j >= 0 and self.tokens[j].text == "." and self.joined(j):
            j -= 1
        elif not self.joined(i):
            return ""
        t = self.at(j)
        return t.key if t is not None and t.is_word else ""

    def cue_before(self, i: int) -> str:
        """The word before token i, skipping tussenvoegsels ("mevrouw ter Haar": mevrouw)."""
        j = i
        while j > 0 and i - j < 3 and self.joined(j) and self.tokens[j - 1].key in PARTICLES:
            j -= 1
        return self.previous_key(j)

    def next_key(self, i: int) -> str:
        t = self.at(i + 1)
        return t.key if t is not None and self.joined(i + 1) and t.is_word else ""

    # --- people ---------------------------------------------------------------------------------------------------
    def people(self) -> Iterator[Entity]:
        tokens, seed = self.tokens, self._seed
        i = 0
        while i < len(tokens):
            if tokens[i].kind != "w":  # most tokens of a text are skipped here or at the top of _seed
                i += 1
                continue
            mode = seed(i)
            if mode is None:
                i += 1
                continue
            start = self._grow_left(i, mode)
            end = self._grow_right(i, mode)
            yield Entity(self.tokens[start].start, self.tokens[end].end, EntityType.PERSON)
            i = end + 1

    def _seed(self, i: int) -> str | None:
        """'cap' or 'lower' when token i starts or is part of a name, else None."""
        t = self.tokens[i]
        if t.kind != "w":
            return None
        if len(t.text) == 1:
            return "cap" if t.text.isupper() and self.initial(i) and self._particles_then(i + 2, "cap") else None
        key = t.key
        if key in PARTICLES or key in TITLES:
            return None
        particle_before = i > 0 and self.tokens[i - 1].key in PARTICLES
        if t.lower and not particle_before and (len(key) < 3 or key in STOP or (
                key in self.g.words and key not in self.g.proper_twins)):
            # Most words of a text end here, before any look-around: an ordinary lower-case word is a name only
            # after a title and a tussenvoegsel ("mevrouw ter haar").
            return None
        previous = self.cue_before(i)
        after_particle = particle_before and previous in TITLES
        if (key in STOP and not after_particle) or self.kept(i):
            return None  # "mevrouw ter Haar": a function word is a name after a title and a tussenvoegsel
        if t.cap:
            return "cap" if self._cap_seed(i, t, previous) else None
        return "lower" if self._lower_seed(i, t, previous) else None

    def _cap_seed(self, i: int, t: Token, previous: str) -> bool:
        named, word = self.named(t.key), self.word(t.key)
        if t.all_caps and (len(t.text) <= 3 or (not named and max(len(p) for p in t.text.split("-")) <= 5)):
            return False  # an acronym (GGZ, POH-GGZ) or the letters of a postcode (AB), even when "Ab" is a name
        if previous in TITLES:
            return True
        if self.place[i] and not (named and self._name_beside(i)):
            return False  # "3011 AB Rotterdam": a place, unless a name part stands beside it
        if not named and not any(ch in VOWELS for ch in t.key):
            return False  # "Wsnp", "Zvw": an abbreviation
        if not t.sentence_start:
            return named or (not word and not self._street_word(t.key) and not self.compound_word(t))
        if not (named or not word) or self._compound_term(t):
            return False
        following = i + 1
        # First word of a sentence: a capital says nothing, but a word that is not Dutch (not even as a compound)
        # is a name, and so is a known name followed by another name part or a verb.
        return (not word and (named or not self.ordinary(t.key))) or (self.joined(following) and (
            self.cap_part(following) or self.initial(following) or self.next_key(i) in PERSON_VERBS
            or self._particles_then(following, "cap") > 0))

    def _lower_seed(self, i: int, t: Token, previous: str) -> bool:
        if len(t.key) < 3 or previous in ARTICLES or not _pronounceable(t.key):
            return False  # "het lbio", "een pgb": an abbreviation, not a name
        named, ordinary = self.named(t.key), self.ordinary(t.key)
        # A word that is also a proper noun in the lexicon ("jan", "roos") may be a name after a strong cue;
        # a word that only some name list knows ("net", "nam") may not.
        name_word = t.key in self.g.proper_twins or not ordinary
        if previous in TITLES:
            return name_word or self.tokens[i - 1].key in PARTICLES
        following = self.next_key(i)
        naming = previous in NAMING_VERBS or (previous == "met" and following in NAMING_VERBS) or (
            previous in STOP and self.previous_key(i - 1) in NAMING_VERBS)  # "heet eigenlijk fatoumata"
        if naming and name_word:
            return True  # "zei jan", "met mark gebeld"
        if previous in RELATIONS and (not ordinary or (name_word and previous not in GENERIC_RELATIONS)):
            return True  # "mijn collega ruud", "wijkagent bas"
        if ordinary:
            return False
        # A word that is no Dutch word in a person's place: after "met", before "zei", beside another such word,
        # or as the subject of "X en haar dochter".
        if named or previous in PERSON_PREPOSITIONS or following in PERSON_VERBS or following in NAMING_VERBS:
            return True
        if following in OBJECT_VERBS or (following in STOP and self.next_key(i + 1) in OBJECT_VERBS):
            return True  # "kun je X even terugbellen"
        if self.joined(i + 1) and self.lower_part(i + 1):
            return True
        return following == "en" and self.next_key(i + 1) in COORDINATED

    def _name_beside(self, i: int) -> bool:
        """A name part (not a place, not an acronym such as the letters of a postcode) next to token i."""
        def part(k: int) -> bool:
            return self.cap_part(k) and not self.place[k] and not self.tokens[k].all_caps
        return (self.joined(i) and part(i - 1)) or (i + 1 < len(self.tokens) and self.joined(i + 1) and part(i + 1))

    def _street_word(self, key: str) -> bool:
        return key.endswith(STRONG_STREET_SUFFIXES)

    def _particles_then(self, i: int, mode: str) -> int:
        """How many particles start at token i before a name part ("van der" Berg), or 0."""
        k = i
        while k < len(self.tokens) and k - i < 3 and self.joined(k) and self.tokens[k].key in PARTICLES:
            k += 1
        if k == i or not self.joined(k) or k >= len(self.tokens):
            return 0
        t = self.tokens[k]
        if mode == "cap":
            ok = t.cap and t.key not in TITLES and not self.kept(k, growing=True)
        else:
            ok = t.lower and t.key not in STOP and (self.named(t.key) or not self.ordinary(t.key))
        return k - i if ok else 0

    def _part(self, i: int, mode: str, continuation: bool = False) -> bool:
        if mode == "cap":
            return self.cap_continuation(i) if continuation else self.cap_part(i)
        return self.lower_part(i) or (
            self.tokens[i].lower and self.named(self.tokens[i].key) and not self.word(self.tokens[i].key))

    def _grow_right(self, i: int, mode: str) -> int:
        end = i + 1 if self.initial(i) else i
        while end - i < MAX_NAME_TOKENS:
            k = end + 1
            if not self.joined(k):
                break
            if mode == "cap" and self.initial(k):
                end = k + 1
                continue
            particles = self._particles_then(k, mode)
            if particles:
                end = k + particles
                continue
            if k < len(self.tokens) and self._part(k, mode, continuation=True):
                end = k
                continue
            break
        return end

    def _grow_left(self, i: int, mode: str) -> int:
        start = i
        while i - start < MAX_NAME_TOKENS and self.joined(start):
            k = start - 1
            if self.tokens[k].text == "." and self.initial(k - 1) and self.joined(k):
                start = k - 1
                continue
            if self._part(k, mode, continuation=not self.tokens[k].sentence_start) \
                    and self.tokens[k].key not in RELATIONS:
                start = k
                continue
            if self.tokens[k].key in PARTICLES:
                first = k
                while first - 1 >= 0 and k - first < 2 and self.joined(first) \
                        and self.tokens[first - 1].key in PARTICLES:
                    first -= 1
                before = first - 1
                # "mvr. de Bruin", "met van Dijk": before a known surname the tussenvoegsel belongs to it.
                surname = self.tokens[start].key in self.g.surnames and self.tokens[first].key in SURNAME_PARTICLES
                if self.tokens[first].cap or surname or (before >= 0 and self.joined(first) and (
                        self.previous_key(first) in TITLES or self._part(before, mode) or self.initial(before - 1))):
                    start = first
                    continue
            break
        return start

    # --- places ---------------------------------------------------------------------------------------------------
    def _place_spans(self, keys: list[str]) -> Iterator[tuple[int, int]]:
        tokens, match = self.tokens, self.g.places.match
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.kind != "w":
                i += 1
                continue
            if self.keep[i]:
                i += 1
                continue
            length = match(keys, i)
            previous = self.previous_key(i) if length else ""
            if length:
                single_word = length == 1 and (self.word(t.key) or t.key in STOP)
                written_as_place = t.cap or t.key.startswith("'") or not self.word(t.key)
                if written_as_place and (not single_word or previous in PLACE_CUES):
                    yield i, i + length
                    i += length
                    continue
            elif ((t.cap and not self.word(t.key))
                  or (t.lower and len(t.key) >= 4 and t.key not in STOP and not self.ordinary(t.key)
                      and _pronounceable(t.key))) and not self.named(t.key) and self.previous_key(i) in PLACE_CUES:
                yield i, i + 1  # "woont in Oosterwolde", "in hoogvliet": a place the gazetteer does not know
            i += 1

    def places(self) -> Iterator[Entity]:
        i = 0
        while i < len(self.tokens):
            if not self.place[i]:
                i += 1
                continue
            start = i
            while i < len(self.tokens) and self.place[i]:
                i += 1
            yield Entity(self.tokens[start].start, self.tokens[i - 1].end, EntityType.PLACE)

    # --- addresses ------------------------------------------------------------------------------------------------
    def addresses(self) -> Iterator[Entity]:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            key = tokens[i].key
            if not key or not (key in STREET_HEADS or key.endswith(STREET_SUFFIXES)):
                i += 1
                continue
            found = self._street_at(i) or self._street_head_at(i)
            if found is None:
                i += 1
                continue
            start, end = found
            yield Entity(start, end, EntityType.ADDRESS)
            while i < len(self.tokens) and self.tokens[i].start < end:
                i += 1

    def _street_at(self, i: int) -> tuple[int, int] | None:
        t = self.tokens[i]
        if t.kind != "w" or not t.key.endswith(STREET_SUFFIXES) or self.kept(i):
            return None
        suffix = next(s for s in STREET_SUFFIXES if t.key.endswith(s))
        if len(t.key) < len(suffix) + 3:
            return None
        number = HOUSE_NUMBER.match(self.text, t.end)
        if t.lower and self.word(t.key) and (number is None or suffix not in STRONG_STREET_SUFFIXES):
            return None  # "kastanjelaan 14a" is an address, "de zijstraat" a word
        if number is None and not (t.cap and suffix in STRONG_STREET_SUFFIXES and not t.sentence_start):
            return None
        start = self._street_left(i)
        return self.tokens[start].start, number.end() if number else t.end

    def _street_left(self, i: int) -> int:
        start = i
        while i - start < 4 and self.joined(start):
            k = start - 1
            t = self.tokens[k]
            if self._street_name_word(k, lower=self.tokens[i].lower):
                start = k
            elif t.key == "e" and k > 0 and self.tokens[k - 1].kind == "d" and self.tokens[k - 1].end == t.start:
                start = k - 1  # "2e Kostverlorenkade"
            else:
                break
        return start

    def _street_name_word(self, k: int, lower: bool = False) -> bool:
        """A word of a street name before its last word: "Dokter van" Stratenweg, "Prins" Hendrikkade; in a
        lower-case street ("jan van goyenkade") a tussenvoegsel after a name."""
        t = self.tokens[k]
        if t.key in PARTICLES:
            if lower and k > 0 and self.joined(k) and self.tokens[k - 1].lower:
                previous = self.tokens[k - 1].key
                return previous not in STOP and (self.named(previous) or not self.ordinary(previous))
            return t.cap or (k > 0 and self.joined(k) and self.tokens[k - 1].cap)
        if lower and t.lower and t.key not in STOP and k + 1 < len(self.tokens) \
                and self.tokens[k + 1].key in PARTICLES:
            return self.named(t.key) or not self.ordinary(t.key)
        if not t.cap or self.kept(k):
            return False
        return t.key in STREET_TITLES or (t.key not in STOP and (self.named(t.key) or not self.word(t.key)))

    def _street_head_at(self, i: int) -> tuple[int, int] | None:
        """"Laan van Poot 12", "Plein 1813 3": a street word first, then up to four name words, then a number."""
        t = self.tokens[i]
        if t.key not in STREET_HEADS:
            return None
        k = i
        while k - i < 4 and self.joined(k + 1):
            nxt = self.tokens[k + 1]
            year = nxt.kind == "d" and len(nxt.text) == 4  # "Plein 1813"
            if nxt.key in PARTICLES or year or (
                    nxt.is_word and (nxt.cap or not self.word(nxt.key)) and nxt.key not in STOP):
                k += 1
            else:
                break
        if k == i:
            return None
        number = HOUSE_NUMBER.match(self.text, self.tokens[k].end)
        if number is None or self.tokens[k].key in PARTICLES:
            return None
        return t.start, number.end()
