"""E-mail addresses and numbers written to dodge a pattern: "piet punt de vries at hotmail punt com",
"s.bakker(at)ziggo(dot)nl", "nul zes een twee ...", "06 - 12 - 34 - 56 - 78". Token scans with a bounded
look-around, so linear in the text."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from vertelpunt.anonymisation.checksums import is_valid_bsn
from vertelpunt.anonymisation.cues import NUMBER_WORDS
from vertelpunt.anonymisation.entities import Entity, EntityType
from vertelpunt.anonymisation.patterns import is_dutch_phone
from vertelpunt.anonymisation.tokens import Token

# A spoken at needs a dot and a top-level domain after it; "op" ("naam op gmail punt com") a known provider too.
AT_WORDS = frozenset({"at", "apenstaartje", "apestaartje", "apestaart", "apenstaart", "a-teken", "at-teken", "op"})
DOT_WORDS = frozenset({"punt", "dot", "."})
LOCAL_JOINERS = frozenset({"_", "-", "+"}) | DOT_WORDS
BRACKETS = frozenset("()[]{}<>")
TLDS = frozenset({"nl", "com", "net", "org", "eu", "be", "de", "info", "nu", "frl", "biz", "co", "uk", "fr", "io",
                  "me", "email", "online", "amsterdam", "tr", "ma", "pl", "es", "it"})
PROVIDERS = frozenset({"gmail", "hotmail", "outlook", "live", "ziggo", "kpnmail", "kpnplanet", "planet", "xs4all",
                       "home", "casema", "upcmail", "telfort", "tele2", "icloud", "me", "yahoo", "msn", "zeelandnet",
                       "chello", "quicknet", "caiway", "hetnet", "freeler", "online", "protonmail", "proton",
                       "gmx", "web", "mail"})
LOCAL_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "el", "al"})  # "piet punt de vries at ..."
MAX_LABEL_TOKENS = 12
MAX_DOMAIN_LABELS = 6
MAX_LOCAL_LABELS = 6


def _key(t: Token) -> str:
    return t.key or t.text.lower()


def _skip_brackets(tokens: list[Token], i: int, step: int) -> int:
    while 0 <= i < len(tokens) and tokens[i].text in BRACKETS:
        i += step
    return i


def _label_piece(t: Token) -> bool:
    return t.kind != "p" or t.text in "-_+"


def _label_bounds(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """The run of tokens written together around token i ("xs4all", "al-masalmeh", "hafida95")."""
    if not 0 <= i < len(tokens) or tokens[i].kind == "p":
        return None
    first = last = i
    while first > 0 and i - first < MAX_LABEL_TOKENS and tokens[first - 1].end == tokens[first].start \
            and _label_piece(tokens[first - 1]):
        first -= 1
    while last + 1 < len(tokens) and last - i < MAX_LABEL_TOKENS and tokens[last + 1].start == tokens[last].end \
            and _label_piece(tokens[last + 1]):
        last += 1
    return first, last


def _label_text(tokens: list[Token], bounds: tuple[int, int]) -> str:
    return "".join(t.text for t in tokens[bounds[0]:bounds[1] + 1]).lower()


def _domain_end(tokens: list[Token], i: int, spoken: bool) -> int | None:
    """Index of the last token of a (spoken) domain starting at token i, or None."""
    label = _label_bounds(tokens, i)
    if label is None or label[0] != i:
        return None
    first_label = _label_text(tokens, label)
    best: int | None = None
    for _ in range(MAX_DOMAIN_LABELS):
        dot = _skip_brackets(tokens, label[1] + 1, 1)
        if dot >= len(tokens) or _key(tokens[dot]) not in DOT_WORDS:
            break
        if tokens[dot].text == "." and (tokens[dot - 1].end == tokens[dot].start) != (
                dot + 1 < len(tokens) and tokens[dot + 1].start == tokens[dot].end):
            break  # "nl. De": a full stop glued on one side only ends the sentence
        following = _label_bounds(tokens, _skip_brackets(tokens, dot + 1, 1))
        if following is None:
            break
        label = following
        if _label_text(tokens, label) in TLDS:
            best = label[1]
    if best is not None:
        closing = best + 1
        return closing if closing < len(tokens) and tokens[closing].text in ")]}" \
            and tokens[closing].start == tokens[best].end else best
    # "x @ hotmail" without a dot is an address; "at home" is English.
    return label[1] if not spoken and first_label in PROVIDERS and label[0] == i else None


def _local_start(tokens: list[Token], i: int) -> int | None:
    """Index of the first token of the local part that ends at token i, or None."""
    label = _label_bounds(tokens, i)
    if label is None or label[1] != i:
        return None
    start = label[0]
    for _ in range(MAX_LOCAL_LABELS):
        joiner = start - 1
        if joiner < 1:
            break
        key = _key(tokens[joiner])
        if key not in LOCAL_JOINERS and not (tokens[joiner].is_word and key in LOCAL_PARTICLES):
            break
        before = _label_bounds(tokens, joiner - 1)
        if before is None or before[1] != joiner - 1:
            break
        start = before[0] if key in LOCAL_JOINERS else joiner  # "punt de vries": a particle stays in
    return start


def find_obfuscated_emails(tokens: list[Token]) -> Iterator[Entity]:
    for i, token in enumerate(tokens):
        if token.text == "@":
            glued = 0 < i < len(tokens) - 1 and tokens[i - 1].end == token.start and token.end == tokens[i + 1].start
            if glued and tokens[i - 1].kind != "p" and tokens[i + 1].kind != "p":
                continue  # "a@b.nl": the e-mail pattern finds it
        elif token.key not in AT_WORDS:
            continue
        domain = _skip_brackets(tokens, i + 1, 1)
        if token.key == "op" and (domain >= len(tokens) or _key(tokens[domain]) not in PROVIDERS):
            continue
        start = _local_start(tokens, _skip_brackets(tokens, i - 1, -1))
        end = _domain_end(tokens, domain, spoken=token.text != "@")
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
        if tokens[i].kind != "d" and tokens[i].key not in NUMBER_WORDS:
            i += 1
            continue
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
        # A run with single " ", "-" or "." between digit groups is the phone and BSN patterns' work.
        spelled = any(tokens[index].kind == "w" for index, _ in run) or any(
            tokens[b].start - tokens[a].end > 1 or text[tokens[a].end:tokens[b].start] not in ("", " ", "-", ".")
            for (a, _), (b, _) in pairwise(run))
        if len(run) >= 2 and spelled:
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
        # "+31 (0) 50 ...": the trunk zero after the country code is written but not dialled.
        trunk = plus and run[first][1] == "31" and first + 1 < len(run) and run[first + 1][1] == "0"
        for length in (13, 12, 11, 10, 8):
            last = group_at.get(begin + length)
            candidate = digits[begin:begin + length]
            if trunk:
                candidate = "31" + candidate[3:]
            if last is not None and last > first and (plus or digits[begin] == "0") \
                    and is_dutch_phone(("+" if plus else "") + candidate):
                found = (last, EntityType.PHONE)
                break
        last = group_at.get(begin + 9)
        if found is None and last is not None and last > first and is_valid_bsn(digits[begin:begin + 9]):
            found = (last, EntityType.BSN)
        if found is None:
            first += 1
            continue
        first_token = run[first][0] - 1 if plus and found[1] is EntityType.PHONE else run[first][0]
        yield Entity(tokens[first_token].start, tokens[run[found[0]][0]].end, found[1])
        first = found[0] + 1
