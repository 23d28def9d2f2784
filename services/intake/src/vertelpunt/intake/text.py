"""Text that people type: characters that have no place in a story are refused at the edge, with the field
named in Dutch, before they can reach the database (PostgreSQL refuses NUL) or the anonymiser."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from vertelpunt.kit.i18n import DEFAULT_LOCALE, Catalogue

catalogue = Catalogue(Path(__file__).parent / "messages")

FORBIDDEN_CHARACTERS_ERROR = "verboden_tekens"
# pydantic itself refuses a lone surrogate in a str field with this error type; to a person it is the same.
_UNICODE_ERROR = "string_unicode"
# C0 controls except tab, newline and carriage return; lone surrogates (invalid in UTF-8); the Unicode
# noncharacters (U+FDD0..U+FDEF and the last two code points of every plane, U+FFFE/U+FFFF among them).
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
_LOCATION_PARTS = {"body", "path", "query", "header"}


def first_forbidden(text: str) -> str | None:
    found = FORBIDDEN.search(text)
    return found.group() if found else None


def without_forbidden(text: str) -> str:
    return FORBIDDEN.sub("", text)


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def refuse_forbidden(value: str) -> str:
    character = first_forbidden(value)
    if character is not None:
        raise PydanticCustomError(FORBIDDEN_CHARACTERS_ERROR, "Hier staat een teken dat niet mag ({character}).",
                                  {"character": code_point(character)})
    return value


def refused_character(error: Mapping[str, Any]) -> str | None:
    """For a validation error about a forbidden character: that character's code point; else None."""
    if error.get("type") == FORBIDDEN_CHARACTERS_ERROR:
        return str(error.get("ctx", {}).get("character", "?"))
    if error.get("type") == _UNICODE_ERROR:
        value = error.get("input")
        character = first_forbidden(value) if isinstance(value, str) else None
        return code_point(character) if character else "?"
    return None


# Every free-text field, path and query parameter of the intake uses this type.
CleanStr = Annotated[str, AfterValidator(refuse_forbidden)]


def field_label(location: Sequence[Any], locale: str = DEFAULT_LOCALE) -> str:
    """The Dutch name of a field for a person, from a validation error's location (('body', 'text'))."""
    parts = [str(p) for p in location if str(p) not in _LOCATION_PARTS]
    if len(parts) >= 3 and parts[0] == "answers" and parts[-1] == "other":
        return catalogue.text("field.other", locale, question=parts[1])
    for part in reversed(parts):
        key = f"field.{part}"
        label = catalogue.text(key, locale)
        if label != key:
            return label
    return ".".join(parts) or catalogue.text("field.unknown", locale)
