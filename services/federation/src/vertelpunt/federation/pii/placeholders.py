"""The anonymiser's typed placeholders ([PERSOON-1], [ADRES-2]) are the wire format of a redaction, not findings.

They are blanked out (same length, so offsets stay valid) before the name and address detectors run; their
positions are kept, because a name-like word right next to a person placeholder is a leak ("Anouk [PERSOON-1]"),
while an unknown word right next to a place or address placeholder is most likely the rest of that place
("[PLAATS-1] Koti" where the anonymiser took "Keti" for a place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABELS = ("PERSOON", "ADRES", "POSTCODE", "PLAATS", "DATUM", "BSN", "IBAN", "TELEFOON", "EMAIL", "URL", "KENTEKEN",
          "ZAAKNUMMER", "ANDERS")
PLACEHOLDER = re.compile(rf"\[(?:{'|'.join(LABELS)})-\d{{1,4}}\]")
PERSON_PLACEHOLDER = re.compile(r"\[PERSOON-\d{1,4}\]")


@dataclass(frozen=True)
class Masked:
    text: str  # placeholders replaced by "#": no word, and no space that would join the words around it
    person_spans: tuple[tuple[int, int], ...]  # where the person placeholders were
    other_spans: tuple[tuple[int, int], ...]  # where the other placeholders were ([PLAATS-1], [ADRES-2] ...)


def mask_placeholders(text: str) -> Masked:
    spans = [m.span() for m in PLACEHOLDER.finditer(text)]
    person = {m.span() for m in PERSON_PLACEHOLDER.finditer(text)}
    return Masked(PLACEHOLDER.sub(lambda m: "#" * len(m.group(0)), text), tuple(sorted(person)),
                  tuple(span for span in spans if span not in person))
