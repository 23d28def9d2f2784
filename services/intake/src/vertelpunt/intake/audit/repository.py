from __future__ import annotations

from sqlalchemy.orm import Session

from vertelpunt.intake.audit.models import RawAccess


class RawAccessLog:
    def __init__(self, session: Session, tenant: str) -> None:
        self.session = session
        self.tenant = tenant

    def record(self, actor: str, action: str, story_id: str | None, purpose: str) -> None:
        self.session.add(RawAccess(tenant=self.tenant, actor=actor, action=action, story_id=story_id,
                                   purpose=purpose[:200]))
