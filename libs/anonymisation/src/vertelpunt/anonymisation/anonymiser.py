"""Anonymise a story: find direct identifiers, resolve overlaps, replace them by typed placeholders that are
consistent within the story ([PERSOON-1] every time for the same person)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vertelpunt.anonymisation.cues import PARTICLES, STOP
from vertelpunt.anonymisation.entities import PRIORITY, TIE_BREAK, AnonymisedText, Entity, EntityType
from vertelpunt.anonymisation.gazetteers import load_gazetteers
from vertelpunt.anonymisation.names import Scan
from vertelpunt.anonymisation.normalise import normalise_for_detection, to_original
from vertelpunt.anonymisation.obfuscated import find_obfuscated_emails, find_spelled_numbers
from vertelpunt.anonymisation.patterns import compile_case_pattern, find_structured
from vertelpunt.anonymisation.tokens import fold, tokenise

LEFTOVERS = PARTICLES | STOP
NAME_WORD = re.compile(r"[^\W\d_]{2,64}")


@dataclass(frozen=True)
class AnonymiserConfig:
    """Per-municipality settings: extra case-number patterns (RE2 regular expressions, checked on creation)."""

    case_number_patterns: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for pattern in self.case_number_patterns:
            compile_case_pattern(pattern)  # raises UnsupportedPattern with the reason


def find_entities(text: str, config: AnonymiserConfig | None = None) -> list[Entity]:
    """Every direct identifier in `text`, as spans of `text` itself (detection runs on a normalised copy)."""
    config = config or AnonymiserConfig()
    normalised, offsets = normalise_for_detection(text)
    tokens = tokenise(normalised)
    scan = Scan.build(normalised, tokens, load_gazetteers())
    found = [
        *find_structured(normalised, config.case_number_patterns),
        *find_obfuscated_emails(tokens),
        *find_spelled_numbers(normalised, tokens),
        *scan.addresses(),
        *scan.people(),
        *scan.places(),
    ]
    if normalised is not text:
        found = [Entity(*to_original(offsets, e.start, e.end), e.type) for e in found]
    stripped = (_strip(text, e) for e in resolve_overlaps(found))
    # What is left of a trimmed name can be a lone tussenvoegsel ("aan de| Prins Hendrikweg 9a"): not a finding.
    return [e for e in stripped if e.type is not EntityType.PERSON or fold(text[e.start:e.end]) not in LEFTOVERS]


def _strip(text: str, entity: Entity) -> Entity:
    """Without the spaces a trimmed finding can start or end with."""
    start, end = entity.start, entity.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return entity if (start, end) == (entity.start, entity.end) else Entity(start, end, entity.type)


def resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Keep the most certain finding where findings overlap; among equals, the longest.

    A finding that sticks out of a more certain one keeps the part that sticks out (a name glued to an address
    must not lose its redaction because the address won).
    """
    ranked = sorted(set(entities), key=lambda e: (PRIORITY[e.type], -(e.end - e.start), TIE_BREAK[e.type], e.start))
    # Kept findings never overlap, so sorted by start they are sorted by end too: a few bisections per finding.
    starts: list[int] = []
    kept: list[Entity] = []
    for entity in ranked:
        start, end = entity.start, entity.end
        position = bisect.bisect_right(starts, start)
        if position and kept[position - 1].end > start:
            start = kept[position - 1].end
        if position < len(kept) and kept[position].start < end:
            end = kept[position].start
        if end <= start or entity.end - entity.start <= 0:
            continue
        trimmed = entity if (start, end) == (entity.start, entity.end) else Entity(start, end, entity.type)
        if trimmed is not entity and (trimmed.end - trimmed.start) < 2:
            continue
        position = bisect.bisect_left(starts, start)
        starts.insert(position, start)
        kept.insert(position, trimmed)
    return kept


def _name_tokens(surface: str) -> set[str]:
    keep = load_gazetteers().keep_words
    return {fold(t) for t in NAME_WORD.findall(surface) if fold(t) not in PARTICLES and fold(t) not in keep}


def render(text: str, entities: Sequence[Entity]) -> str:
    """Replace each entity by its placeholder; the same person/value gets the same number in one story."""
    numbers: dict[tuple[EntityType, str], int] = {}
    # Name word -> (order in which the person was first seen, number): a later "Fatima" is the earlier
    # "Fatima El Amrani"; when several match, the person seen first wins.
    person_words: dict[str, tuple[int, int]] = {}
    counters: dict[EntityType, int] = {}
    out: list[str] = []
    cursor = 0
    for entity in sorted(entities):
        surface = text[entity.start:entity.end]
        key = (entity.type, re.sub(r"[\s.\-]+", "", surface.lower()))
        number = numbers.get(key)
        words = _name_tokens(surface) if entity.type is EntityType.PERSON else set()
        if number is None and words:
            seen = [person_words[w] for w in words if w in person_words]
            number = min(seen)[1] if seen else None
        if number is None:
            number = counters.get(entity.type, 0) + 1
            counters[entity.type] = number
        for word in words:
            person_words.setdefault(word, (len(person_words), number))
        numbers[key] = number
        out.append(text[cursor:entity.start])
        out.append(f"[{entity.type.value}-{number}]")
        cursor = entity.end
    out.append(text[cursor:])
    return "".join(out)


def anonymise(text: str, config: AnonymiserConfig | None = None) -> AnonymisedText:
    entities = find_entities(text, config)
    return AnonymisedText(text=render(text, entities), entities=tuple(entities))


def apply_review(text: str, entities: Sequence[Entity], missed: Sequence[Entity] = (),
                 restored: Sequence[tuple[int, int]] = ()) -> AnonymisedText:
    """The storyteller's corrections: mark missed identifiers, restore over-redacted words.

    A restored span removes every finding it overlaps; a missed span wins over what it overlaps.
    """
    kept = [e for e in entities if not any(e.start < end and start < e.end for start, end in restored)]
    kept = [e for e in kept if not any(e.overlaps(m) for m in missed)]
    final = sorted({*kept, *missed})
    return AnonymisedText(text=render(text, final), entities=tuple(final))
