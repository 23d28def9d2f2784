"""Storage of a municipality's framework extensions (all SQL for frameworks lives here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from vertelpunt.intake.database import Base
from vertelpunt.intake.frameworks.models import Question


class FrameworkExtension(Base):
    __tablename__ = "framework_extensions"
    __table_args__ = (UniqueConstraint("tenant", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(6), index=True)
    version: Mapped[int] = mapped_column(Integer)
    questions_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=lambda: datetime.now(UTC))

    def questions(self) -> tuple[Question, ...]:
        return tuple(Question.model_validate(q) for q in json.loads(self.questions_json))


class FrameworkExtensionRepository:
    def __init__(self, session: Session, tenant: str) -> None:
        self.session = session
        self.tenant = tenant

    def latest_version(self) -> int | None:
        query = select(func.max(FrameworkExtension.version)).where(FrameworkExtension.tenant == self.tenant)
        return self.session.scalar(query)

    def versions(self) -> list[int]:
        query = select(FrameworkExtension.version).where(FrameworkExtension.tenant == self.tenant)
        return sorted(self.session.scalars(query))

    def get(self, version: int) -> FrameworkExtension | None:
        query = select(FrameworkExtension).where(FrameworkExtension.tenant == self.tenant,
                                                 FrameworkExtension.version == version)
        return self.session.scalars(query).first()

    def add(self, version: int, questions: tuple[Question, ...]) -> None:
        payload = json.dumps([q.model_dump(mode="json") for q in questions], ensure_ascii=False)
        self.session.add(FrameworkExtension(tenant=self.tenant, version=version, questions_json=payload))
        self.session.flush()
