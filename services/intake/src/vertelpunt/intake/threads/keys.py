"""Story keys and thread numbering (pure). A key is what a client keeps; the municipality stores only its hash,
and a thread's id is random, so neither the id nor anything sent to the sector can be turned back into the key."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
KEY_PATTERN = re.compile(r"^VP-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$")


def new_key() -> str:
    groups = ["".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3)]
    return "VP-" + "-".join(groups)


def normalise_key(typed: str) -> str | None:
    """The key as a person may type it (lower case, spaces, O for 0 is not ours: the alphabet has no 0/O/1/I),
    or None when it cannot be a key."""
    compact = re.sub(r"[\s\-_.]", "", typed).upper()
    if compact.startswith("VP"):
        compact = compact[2:]
    if len(compact) != 12:
        return None
    key = f"VP-{compact[0:4]}-{compact[4:8]}-{compact[8:12]}"
    return key if KEY_PATTERN.match(key) else None


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def next_number(numbers: Iterable[int | None]) -> int:
    """The number of the next story in a thread: one more than the highest so far (erased stories keep theirs,
    so numbers never repeat)."""
    return max((n for n in numbers if n), default=0) + 1
