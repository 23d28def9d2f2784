"""Campaigns (meetronden): a period with a shareable link and QR code for clients without an account."""

from __future__ import annotations

import secrets
import uuid
from datetime import date

import segno
from sqlalchemy.orm import Session

from vertelpunt.intake.campaigns.models import Campaign
from vertelpunt.intake.campaigns.repository import CampaignRepository
from vertelpunt.intake.campaigns.schemas import CampaignCreate, CampaignOut
from vertelpunt.intake.stories.service import Actor
from vertelpunt.kit.auth import ROLE_TENANT_ADMIN
from vertelpunt.kit.problem import Problem


class CampaignService:
    def __init__(self, session: Session, tenant: str, public_url: str) -> None:
        self.campaigns = CampaignRepository(session, tenant)
        self.tenant = tenant
        self.public_url = public_url.rstrip("/")

    def link(self, campaign: Campaign) -> str:
        return f"{self.public_url}/vertel/{campaign.token}"

    def out(self, campaign: Campaign) -> CampaignOut:
        return CampaignOut(id=campaign.id, name=campaign.name, starts_on=campaign.starts_on,
                           ends_on=campaign.ends_on, link=self.link(campaign),
                           qr_code=f"{self.public_url}/api/v1/campaigns/{campaign.id}/qr.svg")

    def create(self, command: CampaignCreate, actor: Actor) -> CampaignOut:
        if ROLE_TENANT_ADMIN not in actor.roles:
            raise Problem(403, "geen-beheerder", "Alleen een beheerder van de gemeente kan een meetronde maken.")
        campaign = Campaign(id=str(uuid.uuid4()), tenant=self.tenant, name=command.name,
                            starts_on=command.starts_on, ends_on=command.ends_on,
                            token=secrets.token_urlsafe(18), created_by=actor.subject)
        self.campaigns.add(campaign)
        return self.out(campaign)

    def list(self) -> list[CampaignOut]:
        return [self.out(c) for c in self.campaigns.all()]

    def qr_svg(self, campaign_id: str) -> str:
        campaign = self.campaigns.get(campaign_id)
        if campaign is None:
            raise Problem(404, "meetronde-niet-gevonden", "Deze meetronde bestaat niet.")
        qr = segno.make(self.link(campaign), error="m")
        return qr.svg_inline(scale=6, title=f"Vertel je verhaal: {campaign.name}")

    def open_by_token(self, token: str, today: date) -> Campaign:
        """A client's link works only during the campaign's period."""
        campaign = self.campaigns.by_token(token)
        if campaign is None:
            raise Problem(404, "link-onbekend", "Deze link werkt niet. Vraag je gemeente om een nieuwe link.")
        if not campaign.is_open(today):
            raise Problem(410, "link-verlopen", "Deze meetronde is voorbij. Bedankt voor je interesse.")
        return campaign
