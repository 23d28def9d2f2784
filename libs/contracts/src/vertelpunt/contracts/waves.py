"""Sector listening waves (meetronden): the one format of a wave id, shared by the gateway (which generates ids),
the intake (which stores the id a campaign joined), the federation (which forwards only ids in this format) and
the gateway's filters.

A wave id is a short slug the sector generates from the wave's name plus a random suffix, e.g.
"voorjaar-2027-k3m9": lower-case letters, digits and single hyphens, 6 to 40 characters, ending in a hyphen and
four random characters. Only ids travel from a municipality to the sector, never a wave's name or other text.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

WAVE_ID = re.compile(r"^(?=.{6,40}$)[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{4}$")
SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: an id is read aloud and typed over
STEM_LENGTH = 24


def is_wave_id(value: str) -> bool:
    return bool(WAVE_ID.match(value))


def slug_stem(name: str) -> str:
    """The readable part of an id: the name in lower-case ASCII, words joined by hyphens, at most 24 characters."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name)
    stem = ""
    for word in words:
        candidate = f"{stem}-{word}" if stem else word
        if len(candidate) > STEM_LENGTH:
            break
        stem = candidate
    return stem or (words[0][:STEM_LENGTH] if words else "ronde")


def new_wave_id(name: str, suffix: str | None = None) -> str:
    suffix = suffix or "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(4))
    return f"{slug_stem(name)}-{suffix}"
