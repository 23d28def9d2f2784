"""E-mail addresses and numbers written to dodge a pattern: "piet punt de vries at hotmail punt com",
"s.bakker(at)ziggo(dot)nl", "nul zes een twee ...", "06 - 12 - 34 - 56 - 78". Token scans with a bounded
look-around, so linear in the text."""

from __future__ import annotations

from collections.abc import Iterator

from vertelpunt.anonymisation.checksums import is_valid_bsn
from vertelpunt.anonymisation.cues import NUMBER_WORDS, PARTICLES
from vertelpunt.anonymisation.entities import Entity, EntityType
from vertelpunt.anonymisation.patterns import is_dutch_phone
from vertelpunt.anonymisation.tokens import Token

AT_WORDS = frozenset({"at", "apenstaartje", "apestaartje", "apestaart", "apenstaart", "a-teken", "at-teken"})
DOT_WORDS = frozenset({"punt", "dot", "."})
LOCAL_JOINERS = frozenset({"_", "-", "+"}) | DOT_WORDS
BRACKETS = frozenset("()[]{}<>")
TLDS = frozenset({"nl", "com", "net", "org", "eu", "be", "de", "info", "nu", "frl", "biz", "co", "uk", "fr", "io",
                  "me", "email", "online", "amsterdam", "tr", "ma", "pl", "es", "it"})
PROVIDERS = frozenset({"gmail", "hotmail", "outlook", "live", "ziggo", "kpnmail", "kpnplanet", "planet", "xs4all",
                       "home", "casema", "upcmail", "telfort", "tele2", "icloud", "me", "yahoo", "msn", "zeelandnet",
                       "chello", "quicknet", "caiway", "hetnet", "freeler", "online", "protonmail", "proton",
                       "gmx", "web", "mail"})
MAX_LOCAL_TOKENS = 9


def _key(t: Token) -> str:
    return t.key or t.text.lower()


def _skip_brackets(tokens: list[Token], i: int, step: int) -> int:
    while 0 <= i < len(tokens) and tokens[i].text in BRACKETS:
        i += step
    return i


def _is_at(tokens: list[Token], i: int) -> bool:
    t = tokens[i]
    return t.text == "@" or (t.is_word and t.key in AT_WORDS)


def _is_dot(t: Token) -> bool:
    return _key(t) in DOT_WORDS


def _domain_end(tokens: list[Token], i: int) -> int | None:
    """Index of the last token of an obfuscated domain starting at token i, or None."""
    if i >= len(tokens) or tokens[i].kind == "p":
        return None
    first = _key(tokens[i])
    last_label, end, dots = first, i, 0
    k = i + 1
    while k < len(tokens) and k - i < 12:
        dot = _skip_brackets(tokens, k, 1)
        if dot >= len(tokens) or not _is_dot(tokens[dot]):
            break
        label = _skip_brackets(tokens, dot + 1, 1)
        if label >= len(tokens) or tokens[label].kind == "p":
            break
        dots += 1
        last_label, end = _key(tokens[label]), label
        k = label + 1
    if dots and last_label in TLDS:
        return _skip_brackets(tokens, end + 1, 1) - 1 if end + 1 < len(tokens) and tokens[end + 1].text in ")]}>" \
            and tokens[end + 1].start == tokens[end].end else end
    return end if first in PROVIDERS else None


def _local_start(tokens: list[Token], i: int) -> int | None:
    """Index of the first token of the local part that ends at token i, or None."""
    if i < 0 or tokens[i].kind == "p" or (tokens[i].is_word and tokens[i].key in PARTICLES):
        return None
    start = i
    while i - start < MAX_LOCAL_TOKENS and start - 2 >= 0:
        joiner, word = tokens[start - 1], tokens[start - 2]
        if word.kind == "p":
            break
        if _key(joiner) in LOCAL_JOINERS or (joiner.is_word and joiner.key in PARTICLES):
            start -= 2 if _key(joiner) in LOCAL_JOINERS else 1
            continue
        break
    if start - 1 >= 0 and tokens[start - 1].is_word and tokens[start - 1].key in PARTICLES \
            and start - 2 >= 0 and _key(tokens[start - 2]) in LOCAL_JOINERS:
        start -= 1
    return start


def find_obfuscated_emails(tokens: list[Token]) -> Iterator[Entity]:
    for i, token in enumerate(tokens):
        if token.text != "@" and token.key not in AT_WORDS:
            continue
        local_end = _skip_brackets(tokens, i - 1, -1)
        domain_start = _skip_brackets(tokens, i + 1, 1)
        start = _local_start(tokens, local_end)
        end = _domain_end(tokens, domain_start)
        if start is None or end is None:
            continue
        yield Entity(tokens[start].start, tokens[end].end, EntityType.EMAIL)


def _digits_of(t: Token) -> str | None:
    if t.kind == "d":
        return t.text
    if t.is_word:
        return NUMBER_WORDS.get(t.key)
    return None


def find_spelled_numbers(text: str, tokens: list[Token]) -> Iterator[Entity]:
    """Runs of digit groups and number words ("nul zes ...", "06 - 12 - 34") that form a phone number or BSN."""
    i = 0
    while i < len(tokens):
        run: list[tuple[int, str]] = []
        k = i
        while k < len(tokens):
            digits = _digits_of(tokens[k])
            if digits is None:
                break
            run.append((k, digits))
            separator = k + 1
            while separator < len(tokens) and tokens[separator].text in "-./()+" and separator - k <= 2:
                separator += 1
            if separator >= len(tokens) or text[tokens[k].end:tokens[separator].start].strip(" \t-./()+"):
                break
            k = separator
        if len(run) >= 2:
            yield from _phones_and_bsns(tokens, run)
        i = max(k, i + 1)


def _phones_and_bsns(tokens: list[Token], run: list[tuple[int, str]]) -> Iterator[Entity]:
    """From each group of the run, the longest stretch of whole groups that is a Dutch phone number or a BSN.

    The run's digits are joined once; a candidate is a slice that starts and ends on group boundaries, so each
    group costs a few dictionary look-ups.
    """
    digits = "".join(d for _, d in run)
    group_at: dict[int, int] = {}  # digit offset where a group ends -> index of that group in the run
    offset = 0
    starts = []
    for position, (_, group) in enumerate(run):
        starts.append(offset)
        offset += len(group)
        group_at[offset] = position
    first = 0
    while first < len(run):
        begin = starts[first]
        plus = run[first][0] > 0 and tokens[run[first][0] - 1].text == "+"
        found: tuple[int, EntityType] | None = None
        for length in (13, 12, 11, 10, 8):
            last = group_at.get(begin + length)
            if last is not None and last > first and (plus or digits[begin] == "0") \
                    and is_dutch_phone(("+" if plus else "") + digits[begin:begin + length]):
                found = (last, EntityType.PHONE)
                break
        last = group_at.get(begin + 9)
        if found is None and last is not None and last > first and is_valid_bsn(digits[begin:begin + 9]):
            found = (last, EntityType.BSN)
        if found is None:
            first += 1
            continue
        yield Entity(tokens[run[first][0]].start, tokens[run[found[0]][0]].end, found[1])
        first = found[0] + 1
