"""All SQL of the exchange: what an export reads, and the record of what was imported. Every query is scoped to
the repository's tenant by construction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from vertelpunt.intake.exchange.models import ImportedKind, ImportedRecord
from vertelpunt.intake.stories.models import Story, StoryStatus


@dataclass(frozen=True)
class Selection:
    """Which stories an export holds: submitted, with consent to share, told in [told_from, told_to) (UTC
    moments), of one campaign or all, and created before the export started (so a long export is one snapshot
    of the framework versions and campaigns it lists first)."""

    created_before: datetime
    told_from: datetime | None = None
    told_to: datetime | None = None
    campaign_id: str | None = None


def told_moment() -> ColumnElement[datetime]:
    return func.coalesce(Story.told_at, Story.submitted_at, Story.created_at)


class ExchangeRepository:
    def __init__(self, session: Session, tenant: str) -> None:
        self.session = session
        self.tenant = tenant

    # -- export ------------------------------------------------------------------------------------------------
    def _selected(self, selection: Selection) -> Select[Story]:
        query = select(Story).where(Story.tenant == self.tenant, Story.status == StoryStatus.SUBMITTED,
                                    Story.consent_to_share.is_(True), Story.created_at < selection.created_before)
        if selection.told_from is not None:
            query = query.where(told_moment() >= selection.told_from)
        if selection.told_to is not None:
            query = query.where(told_moment() < selection.told_to)
        if selection.campaign_id is not None:
            query = query.where(Story.campaign_id == selection.campaign_id)
        return query

    def framework_versions(self, selection: Selection) -> list[str]:
        query = self._selected(selection).with_only_columns(Story.framework_version).distinct()
        return sorted(self.session.scalars(query))

    def campaign_ids(self, selection: Selection) -> list[str]:
        query = self._selected(selection).with_only_columns(Story.campaign_id).distinct()
        return sorted(c for c in self.session.scalars(query) if c)

    def stories_after(self, selection: Selection, after: tuple[datetime, str] | None, limit: int) -> Sequence[Story]:
        """The next page in (created_at, id) order: keyset paging, so a page costs the same deep into a large
        export."""
        query = self._selected(selection)
        if after is not None:
            created_at, story_id = after
            query = query.where(or_(Story.created_at > created_at,
                                    and_(Story.created_at == created_at, Story.id > story_id)))
        return self.session.scalars(query.order_by(Story.created_at, Story.id).limit(limit)).all()

    # -- import ------------------------------------------------------------------------------------------------
    def imported(self, source: str, kind: ImportedKind, source_id: str) -> str | None:
        query = select(ImportedRecord.target_id).where(
            ImportedRecord.tenant == self.tenant, ImportedRecord.source == source, ImportedRecord.kind == kind,
            ImportedRecord.source_id == source_id)
        return self.session.scalar(query)

    def record(self, source: str, kind: ImportedKind, source_id: str, target_id: str, actor: str) -> None:
        """Flushes at once: a concurrent import of the same record fails here (unique key), inside the request."""
        self.session.add(ImportedRecord(tenant=self.tenant, source=source, kind=kind, source_id=source_id,
                                        target_id=target_id, imported_by=actor))
        self.session.flush()
