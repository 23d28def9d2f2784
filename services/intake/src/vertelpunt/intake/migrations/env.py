"""Alembic environment: the intake database of one municipality."""

from __future__ import annotations

from alembic import context

from vertelpunt.intake import models_registry  # noqa: F401  (registers every table on Base.metadata)
from vertelpunt.intake.database import Base
from vertelpunt.kit.db import make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
