from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from vertelpunt.intake import models_registry  # noqa: F401
from vertelpunt.intake.database import Base
from vertelpunt.intake.migrate import upgrade
from vertelpunt.kit.db import make_engine


def test_migrations_create_exactly_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    upgrade(url)  # idempotent
    with make_engine(url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []
