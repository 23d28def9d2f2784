"""A campaign (meetronde, wave): a period in which a group is invited to tell, through a shareable link."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vertelpunt.intake.database import Base
from vertelpunt.kit.clock import utcnow


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(6), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The anonymised label: what leaves the municipality with every shared story of this campaign.
    published_name: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The optional questions clients of this campaign see (a JSON list of question ids); NULL: all of them.
    client_questions: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    # The sector listening wave this campaign joined (a sector-generated slug, contracts/waves.py); NULL: none.
    # Every shared story of the campaign carries it, so the sector can compare waves across municipalities.
    wave_id: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)

    @property
    def client_question_ids(self) -> list[str] | None:
        if self.client_questions is None:
            return None
        ids: list[str] = json.loads(self.client_questions)
        return ids

    def is_open(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on
