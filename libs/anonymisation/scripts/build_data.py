"""Rebuild the anonymiser's generated word lists in src/vertelpunt/anonymisation/data/ from real language data.

Sources (run on a machine that has them; the output is committed so the anonymiser needs neither at run time):
- Faker's person and address providers (MIT licence): first names and surnames of ~60 locales (Cyrillic names
  transliterated to Latin; scripts without a reliable transliteration are skipped) and the ~2,400 Dutch
  woonplaatsen and Dutch country names of its nl_NL address provider.
- The OpenTaal Dutch word list as packaged by Debian (`apt-get install wdutch`, /usr/share/dict/dutch; BSD or
  CC-BY-3.0 at the user's choice): every entry written in lower case, i.e. ordinary words, not proper nouns.

Usage: uv run --with faker python libs/anonymisation/scripts/build_data.py
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "vertelpunt" / "anonymisation" / "data"
DICTIONARY = Path("/usr/share/dict/dutch")

# Ukrainian, Russian and Bulgarian to Latin, in the spelling these names usually get in Dutch registers (English-style).
CYRILLIC = dict(zip(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэъё",
    ["a", "b", "v", "h", "g", "d", "e", "ye", "zh", "z", "y", "i", "yi", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "yu", "ya", "y", "e", "", "yo"],
    strict=True,
))
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’\- ]+$")
PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "la", "le", "du", "da", "di", "dos",
             "das", "del", "von", "zu", "y", "e", "'t", "t", "s", "'s", "el", "al", "bin", "ben", "ibn", "abu", "ait"}


def transliterate(name: str) -> str:
    out = []
    for ch in name:
        latin = CYRILLIC.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from (k for k in value if isinstance(k, str))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)


def faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attribute in dir(provider):
            target = first if attribute.startswith(("first_names", "first_romanized_names")) else (
                last if attribute.startswith(("last_names", "last_romanized_names", "male_last_names",
                                              "unisex_last_names")) else None)
            if target is None:
                continue
            for name in _strings(getattr(provider, attribute)):
                latin = transliterate(name.strip())
                if LATIN.match(latin):
                    target.update(single_words(latin))
    return first, last


def single_words(name: str) -> list[str]:
    """A name as the single words the recogniser looks up: "van der Berg" -> Berg; "Ait-Haddou" -> whole and parts."""
    words = []
    for word in name.split():
        if word.lower() in PARTICLES or len(word) < 2:
            continue
        words.append(word)
        if "-" in word:
            words += [part for part in word.split("-") if len(part) >= 2 and part.lower() not in PARTICLES]
    return words


def faker_places() -> tuple[list[str], list[str]]:
    address = importlib.import_module("faker.providers.address.nl_NL").Provider
    return sorted(set(address.cities)), sorted(set(address.countries))


def dutch_words() -> tuple[list[str], list[str]]:
    """(ordinary words, the ordinary words the list also has with a capital: "geurt"/"Geurt", "klaas"/"Klaas")."""
    lines = DICTIONARY.read_text(encoding="utf-8").splitlines()
    entries = {unicodedata.normalize("NFKC", line.strip()) for line in lines}
    words = {w for w in entries if w and w == w.lower() and " " not in w and not any(ch.isdigit() for ch in w)}
    twins = {w for w in words if w[:1].upper() + w[1:] in entries}
    return sorted(words), sorted(twins)


def write(name: str, header: str, lines: Iterable[str]) -> None:
    body = "".join(f"# {h}\n" for h in header.splitlines()) + "".join(f"{line}\n" for line in lines)
    path = DATA / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    else:
        path.write_text(body, encoding="utf-8")
    print(f"{path.name}: {body.count(chr(10))} lines")


def main() -> None:
    first, last = faker_names()
    write("world_first_names.txt.gz", "First names of ~60 locales from Faker's person providers (MIT licence),\n"
          "Cyrillic transliterated. Generated by scripts/build_data.py; do not edit.", sorted(first))
    write("world_surnames.txt.gz", "Surnames of ~60 locales from Faker's person providers (MIT licence),\n"
          "Cyrillic transliterated, particles split off. Generated by scripts/build_data.py; do not edit.",
          sorted(last))
    cities, countries = faker_places()
    write("woonplaatsen.txt", "Dutch woonplaatsen from Faker's nl_NL address provider (MIT licence).\n"
          "Generated by scripts/build_data.py; do not edit.", cities)
    write("countries_nl.txt", "Country names in Dutch from Faker's nl_NL address provider (MIT licence): never an\n"
          "identifier. Generated by scripts/build_data.py; do not edit.", countries)
    words, twins = dutch_words()
    write("dutch_words.txt.gz", "Ordinary Dutch words: the lower-case entries of the OpenTaal word list (Debian\n"
          "package wdutch), used under its BSD licence (c) OpenTaal, Simon Brouwer, Sander van Geloven e.a.\n"
          "Generated by scripts/build_data.py; do not edit.", words)
    write("dutch_proper_twins.txt", "Ordinary Dutch words that the OpenTaal word list also has as a proper noun\n"
          "(geurt/Geurt, klaas/Klaas, bakker/Bakker): a capital may make them a name. BSD licence, (c) OpenTaal.\n"
          "Generated by scripts/build_data.py; do not edit.", twins)


if __name__ == "__main__":
    main()
