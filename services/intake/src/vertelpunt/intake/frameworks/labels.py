"""The labels of a framework extension that leave the municipality, checked for direct identifiers before the
extension is published (pure, no I/O).

FrameworkPublished (events.py) carries the Dutch wording of every shared question, its options, triad corners and
slider poles, staff and client wording alike. The sector's federation checks those labels again with its own
detector and quarantines the whole definition when one looks like a person, an address or a number that belongs
to someone; the municipality's framework would then be stuck before the sector. So the intake checks the same
labels first, with the anonymiser it uses for stories (and the municipality's case-number patterns), and refuses
the extension before anything is stored.

Refused: what points at a person. Not refused: places, dates and web addresses, which describe a question ("Sinds
1 januari ...", "het loket in het stadhuis") rather than someone; the sector does not quarantine them in labels
either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from vertelpunt.anonymisation import AnonymiserConfig, EntityType, find_entities
from vertelpunt.contracts.framework_document import LOCALE
from vertelpunt.intake.frameworks.events import travelling_text
from vertelpunt.intake.frameworks.models import Option, Question
from vertelpunt.kit.problem import json_pointer

IDENTIFYING = frozenset({
    EntityType.PERSON, EntityType.ADDRESS, EntityType.POSTCODE, EntityType.BSN, EntityType.IBAN, EntityType.PHONE,
    EntityType.EMAIL, EntityType.LICENCE_PLATE, EntityType.CASE_NUMBER,
})
PARTS = ("options", "corners", "poles")
# Request field names (camelCase, as the client sent them) of the wording a question or part carries.
WORDING = (("label", "label"), ("client_label", "clientLabel"))


@dataclass(frozen=True)
class LabelFinding:
    """A label that looks like it names someone: where in the request (RFC 6901 pointer) and what was seen."""

    pointer: str
    types: tuple[EntityType, ...]


def _wording(path: tuple[str | int, ...], item: Question | Option) -> Iterator[tuple[str, str]]:
    for attribute, name in WORDING:
        label: Mapping[str, str] | None = getattr(item, attribute)
        text = travelling_text(label)
        if text is not None:
            yield json_pointer(*path, name, LOCALE), text


def travelling_labels(questions: Sequence[Question]) -> Iterator[tuple[str, str]]:
    """(pointer into the request body, text) of every label of these questions that would leave the municipality:
    the wording FrameworkPublished carries, nothing of a question that stays here (`shared: false`)."""
    for index, question in enumerate(questions):
        if not question.shared:
            continue
        yield from _wording(("questions", index), question)
        for kind in PARTS:
            for number, part in enumerate(getattr(question, kind)):
                yield from _wording(("questions", index, kind, number), part)


def identifiers_in_labels(questions: Sequence[Question], config: AnonymiserConfig) -> list[LabelFinding]:
    """Every travelling label in which the anonymiser finds something that points at a person; empty when none."""
    findings = []
    for pointer, text in travelling_labels(questions):
        kinds = sorted({entity.type for entity in find_entities(text, config)} & IDENTIFYING)
        if kinds:
            findings.append(LabelFinding(pointer, tuple(kinds)))
    return findings
