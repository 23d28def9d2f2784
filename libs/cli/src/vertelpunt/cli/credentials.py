"""Generated secrets kept in files only their owner can read (mode 600)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def read_or_create_secret(path: Path) -> str:
    """The secret in `path`; a new random one (written with mode 600) when the file does not exist yet."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = secrets.token_hex(24)  # hex: safe inside JAAS configs and shell exports without quoting
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value + "\n")
    return value
