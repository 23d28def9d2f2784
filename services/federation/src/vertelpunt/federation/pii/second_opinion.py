"""deduce (LGPL-3.0, UMC Utrecht) as the second opinion on person names and street addresses: code and lists
that share nothing with the intake's anonymiser.

Its lookup structures (tries over some 300,000 names, streets and places) are built on first use, which takes
about two minutes, and cached as a pickle inside the installed package; loading that cache takes seconds. The
service loads it once at start (`warm_up`); `python -m vertelpunt.federation warm-up` builds the cache at install.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

# Only the name and street annotators: dates, numbers, e-mail and the like are checked by structured.py, and
# deduce's placename, postcode and institution tags are not direct identifiers of a person on their own.
_DISABLED = frozenset({"dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls", "institutions",
                       "placename", "postal_code", "postbus", "patient_name", "remove_street_tags",
                       "clean_street_tags", "redactor",
                       # Keep every annotation: resolving overlaps lets the street list hide a first name
                       # ("Victor" is a street too), and this check only needs to know that something is there.
                       "overlap_resolver", "merge_adjacent_annotations"})


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    tag: str


def import_deduce() -> ModuleType:
    """Import deduce without its side effect: on import it points the root logger at stdout at DEBUG level,
    which would make every client library in the service log each network packet."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    import deduce  # noqa: F401 - imported for the module object below

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return sys.modules["deduce"]


@cache
def deduce_engine() -> Any:
    return import_deduce().Deduce()


def annotate(text: str) -> list[Annotation]:
    """deduce's person and street(+house number) annotations, with its own tags (persoon, straat+huisnummer...)."""
    document = deduce_engine().deidentify(text, disabled=set(_DISABLED))
    return [Annotation(int(a.start_char), int(a.end_char), a.tag) for a in document.annotations]
