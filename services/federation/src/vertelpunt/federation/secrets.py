"""Per-municipality signing secrets for sector story ids, one key file per municipality."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class TenantSecrets:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        # A secret is written once and never changed (ensure() never overwrites), so a secret once read is kept;
        # reading its file for every event was a tenth of the federation's time.
        self._known: dict[str, bytes] = {}

    def _path(self, tenant: str) -> Path:
        return self.directory / f"{tenant.upper()}.key"

    def get(self, tenant: str) -> bytes | None:
        """Read on demand, so a municipality onboarded while the service runs is known at once; kept once read."""
        known = self._known.get(tenant.upper())
        if known is not None:
            return known
        try:
            secret = bytes.fromhex(self._path(tenant).read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        self._known[tenant.upper()] = secret
        return secret

    def ensure(self, tenant: str) -> bool:
        """Create the secret if missing; True when it was created. Safe to run twice."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._path(tenant)
        if path.exists():
            return False
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        return True
