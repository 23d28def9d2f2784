"""A municipality's embedded database (SQLite, migrated) for unit tests of the intake's services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vertelpunt.intake.database import Database
from vertelpunt.intake.migrate import upgrade
from vertelpunt.kit.db import make_engine


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield Database(engine)
    engine.dispose()
