"""Where imported data came from: one row per imported story, campaign and thread, so importing the same document
again finds what it made the first time (and an auditor can see a story's origin)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vertelpunt.intake.database import Base
from vertelpunt.kit.clock import utcnow


class ImportedKind(StrEnum):
    STORY = "story"
    CAMPAIGN = "campaign"
    THREAD = "thread"


class ImportedRecord(Base):
    __tablename__ = "exchange_imports"
    # The unique key is what makes an import idempotent, also when two imports of one document run at once.
    __table_args__ = (UniqueConstraint("tenant", "source", "kind", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(6))
    source: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    source_id: Mapped[str] = mapped_column(String(128))
    # The id of the story, campaign or thread this municipality made for it.
    target_id: Mapped[str] = mapped_column(String(36), index=True)
    imported_by: Mapped[str] = mapped_column(String(128))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
