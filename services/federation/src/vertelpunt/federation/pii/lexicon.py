"""The word lists the second check decides with: deduce's name lists (Meertens/CBS first names and surnames, with
its prefixes, interfixes and common-word whitelist) and the OpenTaal Dutch word list, to tell a name from a word.

data/opentaal_words.txt.gz holds the single-word entries of the OpenTaal word list (BSD or CC BY 3.0, from
Debian's wdutch 2.20.19: `grep -v ' ' /usr/share/dict/dutch`). Its lower-case entries are ordinary words; its
capitalised entries are proper nouns (places, organisations, holidays, but also first names), so only those
that are in no name list count as known proper nouns that are not a person.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from vertelpunt.federation.pii.second_opinion import import_deduce

# Name lists used for single-word look-ups (deduce's own annotators use its tries for multi-word matches).
_NAME_LISTS = ["names/lst_first_name", "names/lst_surname", "names/lst_interfix_surname", "names/lst_prefix",
               "names/lst_interfix", "whitelist"]


# Abbreviations of the social domain written as words ("de Wmo"), missing from the general word list.
SOCIAL_DOMAIN = frozenset({"wmo", "wlz", "wsw", "awbz", "wajong", "wia", "wga", "ioaw", "ioaz", "tozo", "bbz", "anw",
                           "aow", "ww", "zw", "wsnp", "msnp", "bkr", "cjib", "svb", "cak", "uwv", "duo", "ggz", "ggd",
                           "mee", "wijkteam", "kredietbank", "nibud"})


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]  # ordinary Dutch words, lower case
    proper_nouns: frozenset[str]  # lower case: OpenTaal proper nouns that are in no name list (Zwolle, Nibud)
    first_names: frozenset[str]  # lower case
    surnames: frozenset[str]  # lower case, also the part after an interfix ("vries" in "de Vries")
    titles_and_interfixes: frozenset[str]  # mevrouw, dhr, collega, van, de, ter ... (lower case, no dots)
    common_words: frozenset[str]  # deduce's whitelist: stop words, common and medical words

    def is_ordinary_word(self, word: str) -> bool:
        """A word whose ordinary sense wins at the start of a sentence: "Bakker worden ...", not "Jan kwam"."""
        low = word.lower()
        return low in self.common_words or (low in self.words and low not in self.first_names)

    def is_known(self, word: str) -> bool:
        """An ordinary word, a known proper noun that is no name, or a compound of words ("budgetcoachgesprek",
        "Wmo-consulent"): Dutch glues words together, so a word missing from the list is not yet a name."""
        low = word.lower()
        if low in self.words or low in self.common_words or low in self.proper_nouns:
            return True
        if "-" in word:
            return all(part.isupper() or len(part) <= 3 or self.is_known(part) for part in word.split("-") if part)
        return self._compound(low)

    def _compound(self, low: str) -> bool:
        """Head and tail are words (the tail may be a compound itself), of at least three letters and seven
        together, so a name does not fall apart into short words by chance ("wik" + "tor")."""
        for i in range(3, len(low) - 2):
            head, tail = low[:i], low[i:]
            if len(low) < 7:
                break
            if self._head(head) and (tail in self.words or self._compound(tail)):
                return True
        return False

    def _head(self, head: str) -> bool:
        return head in self.words or (head[-1:] in ("s", "e", "n") and len(head) > 4 and head[:-1] in self.words)


def _single_words(items: set[str]) -> frozenset[str]:
    return frozenset(item.lower() for item in items if " " not in item)


@cache
def load_lexicon() -> Lexicon:
    deduce = import_deduce()
    from deduce.lookup_structs import load_raw_itemsets

    lists = load_raw_itemsets(Path(deduce.__file__).parent / "data" / "lookup", _NAME_LISTS)
    source = files("vertelpunt.federation.pii") / "data" / "opentaal_words.txt.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        entries = [line.strip() for line in lines if line.strip()]
    first_names = _single_words(lists["first_name"])
    surnames = _single_words(lists["surname"]) | _single_words(lists["interfix_surname"])
    proper = ({entry.lower() for entry in entries if entry[0].isupper()} - first_names - surnames) | SOCIAL_DOMAIN
    titles = {item.lower().rstrip(".") for item in lists["prefix"] | lists["interfix"]}
    titles |= {part for item in titles for part in item.split()}
    return Lexicon(
        words=frozenset(entry for entry in entries if entry.islower()),
        proper_nouns=frozenset(proper),
        first_names=first_names,
        surnames=surnames,
        titles_and_interfixes=frozenset(titles),
        common_words=_single_words(lists["whitelist"]),
    )
