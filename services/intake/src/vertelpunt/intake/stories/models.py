"""A story as the municipality stores it: raw text stays here, only the anonymised version may travel."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vertelpunt.intake.database import Base
from vertelpunt.kit.clock import utcnow


class StoryStatus(StrEnum):
    PENDING_REVIEW = "pending_review"  # told, anonymised, waiting for the storyteller's review
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"            # no longer shared with the sector; kept in the municipality
    ERASED = "erased"                  # raw content removed; only the bare record remains


class Story(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(6), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    channel: Mapped[str] = mapped_column(String(10), index=True)
    language: Mapped[str] = mapped_column(String(5), default="nl")
    storyteller_role: Mapped[str] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    anonymised_title: Mapped[str | None] = mapped_column(Text)
    anonymised_text: Mapped[str | None] = mapped_column(Text)
    entities_json: Mapped[str] = mapped_column(Text, default="{}")
    answers_json: Mapped[str] = mapped_column(Text, default="{}")
    framework_version: Mapped[str] = mapped_column(String(40))
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    campaign_id: Mapped[str | None] = mapped_column(String(36), index=True)
    author_subject: Mapped[str | None] = mapped_column(String(64), index=True)
    entered_by: Mapped[str | None] = mapped_column(String(64))
    review_token_hash: Mapped[str | None] = mapped_column(String(64))
    thread_key_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # A thread: stories told with one story key. The id is random (never derived from the key); the number is
    # the story's place in the thread (1, 2, 3, ...). Both empty for a story outside a thread.
    thread_id: Mapped[str | None] = mapped_column(String(36), index=True)
    thread_number: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the story happened to be told; differs from created_at only for imported earlier stories.
    told_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    raw_removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def answers(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.answers_json)
        return data

    @property
    def entities(self) -> dict[str, list[dict[str, Any]]]:
        data: dict[str, list[dict[str, Any]]] = json.loads(self.entities_json)
        return data
