"""Person names that survived anonymisation.

Second opinion: deduce's name annotators (its first-name and surname lists with titles, initials and
interfixes), checked against a Dutch lexicon so that a word where capitals are normal ("Bakker worden was haar
droom") is not taken for a name. Own rules for what deduce does not look for: proper nouns that are in no Dutch
word or place list ("Tesfay"), letters Dutch does not use ("Çelik"), names in lower case, names after a title or
relation word, initials, and a name-like word right next to a person placeholder ("Anouk [PERSOON-1]").
"""

from __future__ import annotations

import re

from vertelpunt.federation.pii.lexicon import Lexicon
from vertelpunt.federation.pii.placeholders import Masked
from vertelpunt.federation.pii.second_opinion import annotate
from vertelpunt.federation.pii.tokens import Word, only_space_between, starts_sentence, words

TITLES = frozenset({"mevrouw", "meneer", "mijnheer", "mw", "mevr", "mej", "mejuffrouw", "juffrouw", "dhr", "heer",
                    "mr", "dr", "drs", "ir", "ing", "prof"})
ABBREVIATED_TITLES = frozenset({"mw", "mevr", "mej", "dhr", "mr", "dr", "drs", "ir", "ing", "prof"})
RELATIONS = frozenset({"buurman", "buurvrouw", "collega", "zoon", "dochter", "broer", "zus", "moeder", "vader", "opa",
                       "oma", "oom", "tante", "neef", "nicht", "zwager", "schoonzus", "schoonmoeder", "schoonvader",
                       "vriend", "vriendin", "partner", "ex", "cliënt", "client", "klant", "kleinzoon",
                       "kleindochter", "stiefvader", "stiefmoeder", "pleegmoeder", "pleegvader"})
# Words around a name in a sentence about contact: "met jelmer gebeld", "gisteren belde hodan nog".
CONTACT_BEFORE = frozenset({"met", "en", "bij", "aan", "voor", "van", "belde", "sprak", "appte", "mailde", "zag",
                            "heb", "had", "hebben", "zei", "vroeg"})
CONTACT_AFTER = frozenset({"zei", "zegt", "vertelde", "belde", "kwam", "vroeg", "wilde", "had", "heeft", "was", "is",
                           "ging", "gaat", "appte", "mailde", "gebeld", "gesproken", "gemaild", "geappt", "en"})
# What starts a sentence right before a name: "Volgens [PERSOON-1]", "Toen [PERSOON-1]", "Budgetcoach [PERSOON-1]".
# Any other word there is the part of the name that stayed ("Lama [PERSOON-1] belde").
BEFORE_A_NAME = frozenset({
    "volgens", "met", "van", "voor", "door", "bij", "aan", "naar", "over", "na", "tijdens", "zonder", "via", "namens",
    "samen", "dankzij", "ondanks", "behalve", "daarna", "eerst", "toen", "ook", "nu", "later", "gisteren", "vandaag",
    "morgen", "vanmorgen", "vanochtend", "vanmiddag", "vanavond", "eindelijk", "gelukkig", "helaas", "opeens",
    "ineens", "zelfs", "alleen", "vooral", "pas", "nog", "al", "dus", "want", "maar", "en", "of", "omdat", "dat", "als",
    "hoewel", "terwijl", "toch", "daarom", "verder", "tenslotte", "uiteindelijk", "sindsdien", "inmiddels", "net",
    "wel", "niet", "zowel", "zodra", "nadat", "voordat", "waarna", "waarop", "ja", "nee", "oké", "ok", "hoi", "beste",
    "lieve", "beide", "klantmanager", "consulent", "werkcoach", "budgetcoach", "jobcoach", "casemanager",
    "bewindvoerder", "huisarts", "wijkagent", "mentor", "docent", "juf", "meester", "buurtcoach", "wijkcoach",
    "schuldhulpverlener", "maatschappelijk", "werker", "cliëntondersteuner", "vrijwilliger", "tolk", "advocaat",
    "verpleegkundige", "begeleider", "coach", "consulente", "mevrouw", "meneer"})
# Organisations and public figures whose names are built like a person's; they are not direct identifiers.
NOT_PEOPLE = ("albert heijn", "willem-alexander", "máxima", "sinterklaas", "kerstman", "jan linders",
              "dirk van den broek", "anne frank", "leger des heils", "jeroen bosch", "keti koti")
PUBLIC = re.compile("|".join(re.escape(name) for name in NOT_PEOPLE), re.IGNORECASE)
# Letters of Turkish, Polish, Romanian, Czech, Croatian ... that Dutch words do not use.
FOREIGN_LETTERS = re.compile(r"[çğşıțșăłżźśńęąőűřčšžďťňěůćđÇĞŞİȚȘĂŁŻŹŚŃĘĄŐŰŘČŠŽĎŤŇĚŮĆĐ]")
# A word after one of these is a noun ("met de jobcoach ging"), not a name.
DETERMINERS = frozenset({"de", "het", "een", "haar", "zijn", "mijn", "jouw", "onze", "hun", "die", "deze", "dit",
                         "dat", "elke", "iedere", "geen", "welke", "als"})
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|el|al|ten|ter|op|in 't)\s)*"
                       r"([A-Z][^\W\d_]+(?:-[^\W\d_]+)*)")


def find_people(masked: Masked, lexicon: Lexicon) -> bool:
    text = PUBLIC.sub(lambda m: " " * len(m.group(0)), masked.text)
    tokens = words(text)
    return (_unknown_proper_nouns(text, tokens, masked.other_spans, lexicon) or _lower_case_names(text, tokens, lexicon)
            or _after_title_or_relation(text, tokens, lexicon) or _initials(text, lexicon)
            or _next_to_person_placeholder(text, tokens, masked.person_spans, lexicon)
            or _deduce_names(text, lexicon))


def _camel_case(word: Word) -> bool:
    """WhatsApp, DigiD, MijnOverheid: brand names, not people."""
    return any(c.isupper() for c in word.text[1:]) and not word.text.isupper()


def _unknown_proper_nouns(text: str, tokens: list[Word], other_placeholders: tuple[tuple[int, int], ...],
                          lexicon: Lexicon) -> bool:
    """A capitalised word that is no Dutch word, no compound of words and no known place or organisation:
    in a story about a person that is almost always a name ("Tesfay", "Ngozi Eze"). Not when it stands right
    next to a place or address placeholder: then it is the rest of that place."""
    for token in tokens:
        if not token.capitalised or len(token.text) < 3 or _camel_case(token) or token.low in TITLES \
                or token.low in lexicon.titles_and_interfixes or lexicon.is_known(token.text):
            continue
        if not any(_adjacent(text, token, span) for span in other_placeholders):
            return True
    return False


def _adjacent(text: str, token: Word, span: tuple[int, int]) -> bool:
    start, end = span
    return (token.end <= start and text[token.end:start].strip(" ") == "") or \
        (token.start >= end and text[end:token.start].strip(" ") == "")


def _lower_case_names(text: str, tokens: list[Word], lexicon: Lexicon) -> bool:
    """"gisteren met jelmer gebeld", "hodan ali kwam langs": a listed name that is no Dutch word, a listed name
    after a title or relation word ("haar zoon bas"), an unknown word in a sentence about contact, two unknown
    words in a row, or letters Dutch does not use."""
    for i, token in enumerate(tokens):
        low = token.text
        if not low.islower() or len(low) < 3 or low in lexicon.common_words or low in lexicon.titles_and_interfixes:
            continue
        before = tokens[i - 1] if i and only_space_between(text, tokens[i - 1].end, token.start) else None
        after = tokens[i + 1] if i + 1 < len(tokens) and only_space_between(text, token.end, tokens[i + 1].start) \
            else None
        listed = low in lexicon.first_names or low in lexicon.surnames
        if listed and (low not in lexicon.words or (before and before.low in TITLES | RELATIONS)):
            return True
        if low in lexicon.first_names and _surname_follows(text, tokens, i, lexicon):
            return True  # "wouter brouwer", "annelies de groot": words on their own, a name together
        if lexicon.is_known(low) or (before and before.low in DETERMINERS):
            continue
        if FOREIGN_LETTERS.search(low) or (before and before.low in CONTACT_BEFORE) \
                or (after and after.low in CONTACT_AFTER) or (after and not lexicon.is_known(after.text)):
            return True
    return False


def _surname_follows(text: str, tokens: list[Word], index: int, lexicon: Lexicon) -> bool:
    """Whether a listed surname follows the word at `index`, with only interfixes ("van der") in between."""
    j, previous = index + 1, tokens[index]
    while j < len(tokens) and only_space_between(text, previous.end, tokens[j].start):
        if tokens[j].low in lexicon.titles_and_interfixes and tokens[j].low not in TITLES | RELATIONS:
            previous, j = tokens[j], j + 1
            continue
        return tokens[j].low in lexicon.surnames and tokens[j].low not in lexicon.common_words
    return False


def _after_title_or_relation(text: str, tokens: list[Word], lexicon: Lexicon) -> bool:
    """"mevrouw ghebremariam", "meneer van dam", "mw. Tesfay", "buurvrouw Ngozi": what follows a title is a name
    unless it is an ordinary word ("mevrouw vertelde")."""
    for i, cue in enumerate(tokens):
        title = cue.low in TITLES and (cue.low != "heer" or (i > 0 and tokens[i - 1].low == "de"))
        if not title and cue.low not in RELATIONS:
            continue
        j, previous, interfix = i + 1, cue, False
        while j < len(tokens) and tokens[j].low in lexicon.titles_and_interfixes - TITLES - RELATIONS \
                and only_space_between(text, previous.end, tokens[j].start):
            previous, interfix, j = tokens[j], True, j + 1
        if j >= len(tokens):
            continue
        between = text[previous.end:tokens[j].start].strip(" \t")
        if between and not (between == "." and previous is cue and cue.low in ABBREVIATED_TITLES):
            continue
        name = tokens[j]
        if name.low in lexicon.common_words or len(name.text) < 2:
            continue
        ordinary = name.low in lexicon.words
        if title and (not ordinary or name.capitalised or (interfix and name.low in lexicon.surnames)):
            return True
        if not title and name.capitalised and not lexicon.is_known(name.text):
            return True
        if not title and name.capitalised and not interfix and not starts_sentence(text, cue.start):
            return True  # "haar buurvrouw Jun", but not "een collega van Vluchtelingenwerk"
    return False


def _initials(text: str, lexicon: Lexicon) -> bool:
    """"K. Mensah", "A.B. el Idrissi": initials before a capitalised surname."""
    for match in _INITIALS.finditer(text):
        surname = match.group(1)
        if surname.lower() in lexicon.surnames or not lexicon.is_known(surname):
            return True
    return False


def _next_to_person_placeholder(text: str, tokens: list[Word], spans: tuple[tuple[int, int], ...],
                                lexicon: Lexicon) -> bool:
    """A first name left in front of a redacted surname, or a surname after a redacted first name."""
    for start, end in spans:
        after = next((i for i, t in enumerate(tokens) if t.start >= end), None)
        if after is not None and only_space_between(text, end, tokens[after].start) \
                and tokens[after].low in lexicon.titles_and_interfixes \
                and _surname_follows(text, tokens, after, lexicon):
            return True  # "[PERSOON-1] van der Linden": the surname stayed
        neighbours = [t for t in tokens if (t.end <= start and only_space_between(text, t.end, start))
                      or (t.start >= end and only_space_between(text, end, t.start))]
        if neighbours and neighbours[0].end <= start and starts_sentence(text, neighbours[0].start) \
                and neighbours[0].low not in BEFORE_A_NAME | TITLES | RELATIONS | lexicon.titles_and_interfixes:
            return True
        for token in neighbours:
            low = token.low
            if low in lexicon.common_words or low in lexicon.titles_and_interfixes or low in TITLES | RELATIONS:
                continue
            if low in lexicon.first_names or low in lexicon.surnames:
                return True
            if token.capitalised and not lexicon.is_known(token.text):
                return True
    return False


def _names_someone(text: str, token: Word, lexicon: Lexicon) -> bool:
    """A word in a name span that deduce found: a name unless it is an ordinary word where capitals are normal
    (the start of a sentence)."""
    low = token.low
    if low not in lexicon.words and low not in lexicon.common_words:
        return True
    if not token.capitalised or low in lexicon.common_words:
        return False
    listed = low in lexicon.first_names or low in lexicon.surnames
    if starts_sentence(text, token.start):
        return listed and not lexicon.is_ordinary_word(low)
    return listed


def _deduce_names(text: str, lexicon: Lexicon) -> bool:
    for annotation in annotate(text):
        if annotation.tag != "persoon":
            continue
        span = text[annotation.start:annotation.end]
        tokens = [Word(w.start + annotation.start, w.end + annotation.start, w.text) for w in words(span)]
        core = [t for t in tokens if t.low not in lexicon.titles_and_interfixes and t.low not in RELATIONS
                and t.low not in TITLES and len(t.text) >= 2]
        if not core:
            continue
        titled = any(t.low in TITLES for t in tokens)
        if titled and any(not (starts_sentence(text, t.start) and lexicon.is_ordinary_word(t.low)) for t in core):
            return True  # "mevrouw Bakker", but not "... sprak mevrouw. Daarna ..."
        if any(_names_someone(text, t, lexicon) for t in core):
            return True
    return False
