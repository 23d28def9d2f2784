from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from vertelpunt.intake.campaigns.models import Campaign


class CampaignRepository:
    def __init__(self, session: Session, tenant: str) -> None:
        self.session = session
        self.tenant = tenant

    def add(self, campaign: Campaign) -> None:
        self.session.add(campaign)
        self.session.flush()

    def get(self, campaign_id: str) -> Campaign | None:
        return self.session.scalars(select(Campaign).where(Campaign.tenant == self.tenant,
                                                           Campaign.id == campaign_id)).first()

    def by_token(self, token: str) -> Campaign | None:
        return self.session.scalars(select(Campaign).where(Campaign.tenant == self.tenant,
                                                           Campaign.token == token)).first()

    def all(self) -> Sequence[Campaign]:
        return self.session.scalars(select(Campaign).where(Campaign.tenant == self.tenant)
                                    .order_by(Campaign.starts_on.desc())).all()
