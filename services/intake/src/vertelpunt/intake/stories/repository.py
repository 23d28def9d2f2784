"""All SQL for stories. Every query is scoped to the repository's tenant by construction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from vertelpunt.intake.stories.models import Story


class StoryRepository:
    def __init__(self, session: Session, tenant: str) -> None:
        self.session = session
        self.tenant = tenant

    def _scoped(self) -> Select[tuple[Story]]:
        return select(Story).where(Story.tenant == self.tenant)

    def add(self, story: Story) -> None:
        if story.tenant != self.tenant:
            raise ValueError("story of another municipality")
        self.session.add(story)
        self.session.flush()

    def get(self, story_id: str) -> Story | None:
        return self.session.scalars(self._scoped().where(Story.id == story_id)).first()

    def page(self, offset: int, limit: int, *, author: str | None = None, status: str | None = None,
             channel: str | None = None, campaign_id: str | None = None) -> tuple[Sequence[Story], int]:
        query = self._scoped()
        if author is not None:
            query = query.where(Story.author_subject == author)
        if status is not None:
            query = query.where(Story.status == status)
        if channel is not None:
            query = query.where(Story.channel == channel)
        if campaign_id is not None:
            query = query.where(Story.campaign_id == campaign_id)
        total = self.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        items = self.session.scalars(query.order_by(Story.created_at.desc(), Story.id).offset(offset).limit(limit))
        return items.all(), total

    def in_thread(self, key_hash: str, *, lock: bool = False) -> Sequence[Story]:
        """The stories told with one story key, in thread order. With lock, concurrent follow-ups wait, so two
        never get the same number (PostgreSQL; SQLite serialises writers anyway)."""
        query = self._scoped().where(Story.thread_key_hash == key_hash).order_by(Story.thread_number, Story.created_at)
        return self.session.scalars(query.with_for_update() if lock else query).all()

    def with_raw_text_before(self, cutoff: datetime, limit: int = 500) -> Sequence[Story]:
        query = self._scoped().where(Story.created_at < cutoff, Story.raw_removed_at.is_(None)).limit(limit)
        return self.session.scalars(query).all()

    def shared(self) -> Sequence[Story]:
        return self.session.scalars(self._scoped().where(Story.shared.is_(True))).all()
