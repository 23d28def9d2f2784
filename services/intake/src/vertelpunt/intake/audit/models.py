"""Every access to raw stories is logged (in the spirit of VNG "Logboek dataverwerkingen")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from vertelpunt.intake.database import Base
from vertelpunt.kit.clock import utcnow


class RawAccess(Base):
    __tablename__ = "raw_access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    tenant: Mapped[str] = mapped_column(String(6))
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(20))  # read | list | review | erase
    story_id: Mapped[str | None] = mapped_column(String(36), index=True)
    purpose: Mapped[str] = mapped_column(String(200))
