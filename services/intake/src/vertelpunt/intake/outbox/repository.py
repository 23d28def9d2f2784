"""All SQL for the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from vertelpunt.contracts.envelopes import encode
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.intake.outbox.models import OutboxMessage
from vertelpunt.kit.clock import utcnow


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, envelope: pb.Envelope, key: str) -> None:
        self.session.add(OutboxMessage(event_id=envelope.event_id, event_type=envelope.WhichOneof("payload") or "",
                                       key=key, payload=encode(envelope)))
        self.session.flush()

    def has(self, event_id: str) -> bool:
        return self.session.scalar(select(OutboxMessage.id).where(OutboxMessage.event_id == event_id)) is not None

    def pending(self, limit: int) -> Sequence[OutboxMessage]:
        query = select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.id).limit(limit)
        return self.session.scalars(query).all()

    def mark_sent(self, ids: Sequence[int], at: datetime | None = None) -> None:
        if ids:
            self.session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(sent_at=at or utcnow()))

    def count_pending(self) -> int:
        return self.session.scalar(select(func.count()).where(OutboxMessage.sent_at.is_(None))) or 0
