"""Review marks: words in the anonymised version that may still identify someone (pure domain, no I/O).

The anonymiser cannot know every name. At review the storyteller is the last safety net, so the preview marks
what deserves a second look: a capitalised word kept in the middle of a sentence, a number of four or more
digits, a word right after a form of address or a relation ("mevrouw", "buurman", "dochter"), and a
capitalised word right next to a redacted name ("Karin [PERSOON-1]"). One click puts a mark's words in the
review's "missed" list, which removes them everywhere in the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class MarkReason(StrEnum):
    CAPITAL = "capital"            # capitalised word mid-sentence
    NUMBER = "number"              # four or more digits
    AFTER_CUE = "after_cue"        # right after meneer/mevrouw/collega/buurman/dochter...
    NEXT_TO_NAME = "next_to_name"  # a capitalised word right next to a [PERSOON-n] placeholder


@dataclass(frozen=True)
class Mark:
    field: str
    text: str
    reason: MarkReason
    context: str
    cue: str | None = None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Forms of address, relations and naming verbs after which a name usually follows.
CUES = _words("""
meneer mevrouw mevr mw mr dhr heer juffrouw juf meester dokter
collega collegaatje buurman buurvrouw buurjongen buurmeisje
dochter zoon kleinzoon kleindochter schoonzoon schoondochter stiefzoon stiefdochter pleegzoon pleegdochter
vader moeder stiefvader stiefmoeder schoonvader schoonmoeder pleegvader pleegmoeder
broer zus zuster broertje zusje zwager schoonzus oom tante opa oma neef nicht
vriend vriendin ex partner verloofde
heet heette genaamd
""")

# Words that follow a cue without being a name ("mijn dochter ging", "de buurman van hiernaast").
FUNCTION_WORDS = _words("""
de het een der den des 't en of maar want dus omdat als toen dan dat die dit deze wat wie waar hoe
ik jij je u hij zij ze wij we jullie hun hen hem haar mij me mijn zijn ons onze uw zich zelf
is was zijn waren ben bent heeft hebben had hadden wordt werd worden werden kan kon kunnen konden
wil wilde willen moet moest moeten mag mocht zal zou zullen gaat ging gingen komt kwam kwamen
zei zegt zeggen vond vindt woont woonde werkt werkte belde belt kreeg krijgt zit zat staat stond
loopt liep heeft hield houdt weet wist kent kende ziet zag wilde vroeg vraagt
met van voor op in aan bij naar om uit over door tegen zonder na tot onder boven achter naast tussen
ook nog al niet geen wel nu toen er daar hier even heel erg echt weer steeds altijd nooit soms vaak
gisteren vandaag morgen vanochtend vanmiddag vanavond laatst later eerst
""")

PLACEHOLDER = r"\[[A-Z]+-\d+\]"
TOKEN = re.compile(rf"(?P<placeholder>{PLACEHOLDER})|(?P<number>\d+(?:[ .\-/]\d+)*)"
                   r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)")
SENTENCE_END = ".!?:;\n"
OPENERS = "\"'“‘„«(–—-•*"
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
CONTEXT = 30


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t" + OPENERS)
    return not before or before[-1] in SENTENCE_END


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    return f"{'…' if left else ''}{text[left:right].strip()}{'…' if right < len(text) else ''}"


def _is_capitalised(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and not ACRONYM.match(word)


def find_marks(field: str, text: str) -> list[Mark]:
    """Marks in one anonymised text, in reading order; each distinct word sequence once."""
    tokens = list(TOKEN.finditer(text))
    marks: list[Mark] = []
    seen: set[str] = set()

    def add(start: int, end: int, reason: MarkReason, cue: str | None = None) -> None:
        words = text[start:end]
        if words.lower() not in seen:
            seen.add(words.lower())
            marks.append(Mark(field, words, reason, _context(text, start, end), cue))

    for position, token in enumerate(tokens):
        kind = token.lastgroup
        value = token.group()
        previous = tokens[position - 1] if position else None
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if kind == "number":
            if sum(ch.isdigit() for ch in value) >= 4:
                add(token.start(), token.end(), MarkReason.NUMBER)
            continue
        if kind != "word":
            continue
        if previous is not None and previous.lastgroup == "word" and previous.group().lower() in CUES \
                and value.lower() not in FUNCTION_WORDS and value.lower() not in CUES \
                and not text[previous.end():token.start()].strip(" .").strip():
            add(token.start(), token.end(), MarkReason.AFTER_CUE, previous.group().lower())
            continue
        if not _is_capitalised(value) or value.lower() in CUES or value.lower() in FUNCTION_WORDS:
            continue
        beside_name = any(t is not None and t.lastgroup == "placeholder" and t.group().startswith("[PERSOON")
                          and not text[min(t.end(), token.end()):max(t.start(), token.start())].strip()
                          for t in (previous, following))
        if beside_name:
            add(token.start(), token.end(), MarkReason.NEXT_TO_NAME)
        elif not _at_sentence_start(text, token.start()):
            add(token.start(), token.end(), MarkReason.CAPITAL)
    return marks
