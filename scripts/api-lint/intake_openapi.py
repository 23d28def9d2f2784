"""Writes the intake's OpenAPI document (as a municipality publishes it, behind https) to the given file."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from vertelpunt.intake.app import create_app
from vertelpunt.intake.settings import IntakeSettings


def main(target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:  # the document needs no database; the app wants a URL
        settings = IntakeSettings(database_url=f"sqlite:///{Path(folder) / 'lint.db'}", log_json=False,
                                  public_url="https://zwolle.vertelpunt.example", tenant_name="Zwolle")
        Path(target).write_text(json.dumps(create_app(settings).openapi(), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
