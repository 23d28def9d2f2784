"""The transactional outbox: an event row is written in the same transaction as the story change.

The relay (vertelpunt.intake.outbox.relay) publishes rows in id order and sets sent_at only after the broker
acknowledged them, so a crash between publish and mark re-sends (at least once); consumers deduplicate by
event_id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from vertelpunt.intake.database import Base
from vertelpunt.kit.clock import utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    # The Kafka key: all events of one story go to one partition, so their order is kept.
    key: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
