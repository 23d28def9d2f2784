"""One text, one field, many texts: which kinds of direct identifier are in them (never which values)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from vertelpunt.federation.pii.addresses import find_addresses
from vertelpunt.federation.pii.lexicon import load_lexicon
from vertelpunt.federation.pii.normalise import normalise
from vertelpunt.federation.pii.people import find_people
from vertelpunt.federation.pii.placeholders import mask_placeholders
from vertelpunt.federation.pii.second_opinion import deduce_engine
from vertelpunt.federation.pii.structured import find_structured


@dataclass(frozen=True, order=True)
class Finding:
    field: str  # where: title, text, campaign_label, answers[<question id>].choice.other_text
    type: str  # what: bsn, iban, phone, email, postcode, person, address


def check_text(text: str) -> set[str]:
    """The kinds of identifier in one text, after Unicode normalisation and with placeholders set aside."""
    if not text.strip():
        return set()
    masked = mask_placeholders(normalise(text))
    found: set[str] = set(find_structured(masked.text))
    lexicon = load_lexicon()
    if find_people(masked, lexicon):
        found.add("person")
    if find_addresses(masked, lexicon):
        found.add("address")
    return found


def find_identifiers(fields: Iterable[tuple[str, str]]) -> list[Finding]:
    """Every (field, type) found in the given (field name, text) pairs; empty when clean."""
    return sorted({Finding(field, kind) for field, text in fields for kind in check_text(text)})


def describe(findings: Iterable[Finding]) -> str:
    """"person, phone in text; phone in campaign_label": kinds and fields, never content."""
    by_field: dict[str, list[str]] = {}
    for finding in sorted(findings):
        by_field.setdefault(finding.field, []).append(finding.type)
    return "; ".join(f"{', '.join(kinds)} in {field}" for field, kinds in by_field.items())


def warm_up() -> float:
    """Load the word lists and deduce's lookup structures now rather than on the first story; returns seconds."""
    started = time.perf_counter()
    load_lexicon()
    deduce_engine()
    check_text("Mevrouw Jansen woont aan de Dorpsstraat 1.")
    return time.perf_counter() - started
