"""The municipality's own database: models share one Base; the request edge owns the transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


class Base(DeclarativeBase):
    pass


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Commit when the edge (request, job) finishes without error; roll back otherwise."""
        session = self.sessions()
        try:
            yield session
        except BaseException:
            finish(session, succeeded=False)
            raise
        finish(session, succeeded=True)


def finish(session: Session, succeeded: bool) -> None:
    """End a unit of work: commit what succeeded, roll back what did not, and always give the connection back."""
    try:
        if succeeded:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()
