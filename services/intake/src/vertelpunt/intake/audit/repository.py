from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from vertelpunt.intake.audit.models import RawAccess


class RawAccessLog:
    def __init__(self, session: Session, tenant: str) -> None:
        self.session = session
        self.tenant = tenant

    def record(self, actor: str, action: str, story_id: str | None, purpose: str) -> None:
        self.session.add(RawAccess(tenant=self.tenant, actor=actor, action=action, story_id=story_id,
                                   purpose=purpose[:200]))

    def for_story(self, story_id: str) -> Sequence[RawAccess]:
        return self.session.scalars(select(RawAccess).where(RawAccess.tenant == self.tenant,
                                                            RawAccess.story_id == story_id)
                                    .order_by(RawAccess.id)).all()
