from pathlib import Path

import pytest
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from vertelpunt.kit.db import make_engine


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "stack_test_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str) -> str:
    return postgres_url if request.param == "postgresql" else f"sqlite:///{tmp_path / 'test.db'}"


def test_round_trip(database_url: str) -> None:
    engine = make_engine(database_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add(Note(text="Één verhaal met ë en ü"))
    with Session(engine) as session:
        texts = session.scalars(select(Note.text)).all()
    Base.metadata.drop_all(engine)

    assert texts == ["Één verhaal met ë en ü"]
    assert engine.dialect.name == database_url.split(":")[0].split("+")[0]
