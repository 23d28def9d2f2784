"""Campaigns (meetronden): a period with a shareable link and QR code for clients without an account."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import date

import segno
from sqlalchemy.orm import Session

from vertelpunt.anonymisation import AnonymiserConfig, anonymise
from vertelpunt.contracts.waves import is_wave_id
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.campaigns.models import Campaign
from vertelpunt.intake.campaigns.repository import CampaignRepository
from vertelpunt.intake.campaigns.schemas import CampaignCreate, CampaignOut, CampaignUpdate
from vertelpunt.intake.campaigns.waves import WaveLookup
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.kit.auth import ROLE_TENANT_ADMIN
from vertelpunt.kit.problem import Problem


def _require_admin(actor: Actor, action: str) -> None:
    if ROLE_TENANT_ADMIN not in actor.roles:
        raise Problem(403, "geen-beheerder", f"Alleen een beheerder van de gemeente kan {action}.")


def _not_found() -> Problem:
    return Problem(404, "meetronde-niet-gevonden", "Deze meetronde bestaat niet.")


class CampaignService:
    def __init__(self, session: Session, tenant: str, public_url: str, anonymiser: AnonymiserConfig,
                 find_wave: WaveLookup | None = None) -> None:
        self.campaigns = CampaignRepository(session, tenant)
        # How to ask the sector which waves exist; None when this municipality has no sector gateway configured.
        self.find_wave = find_wave
        self.session = session
        self.tenant = tenant
        self.public_url = public_url.rstrip("/")
        self.anonymiser = anonymiser

    def link(self, campaign: Campaign) -> str:
        return f"{self.public_url}/vertel/{campaign.token}"

    def out(self, campaign: Campaign, actor: Actor) -> CampaignOut:
        admin = ROLE_TENANT_ADMIN in actor.roles
        return CampaignOut(id=campaign.id, name=campaign.name, published_name=campaign.published_name,
                           starts_on=campaign.starts_on, ends_on=campaign.ends_on,
                           client_questions=self.client_questions(campaign) if admin else None,
                           wave_id=campaign.wave_id,
                           link=self.link(campaign) if admin else None,
                           qr_code=f"{self.public_url}/api/v1/campaigns/{campaign.id}/qr.svg" if admin else None)

    def _name(self, campaign: Campaign, name: str) -> None:
        """The label travels with every shared story, so it is anonymised once, when it is chosen."""
        campaign.name = name
        campaign.published_name = anonymise(name, self.anonymiser).text

    def client_questions(self, campaign: Campaign) -> list[str]:
        """The ids of every question a client of this campaign sees, in the framework's order."""
        framework = FrameworkService(self.session, self.tenant).current()
        chosen = campaign.client_question_ids
        return [q.id for q in framework.questions if "client" in q.audience
                and (chosen is None or q.required or q.id in chosen)]

    def _choose_questions(self, campaign: Campaign, ids: list[str] | None) -> None:
        """Only questions meant for clients can be chosen; the questions every pattern needs are always asked."""
        if ids is None:
            return
        framework = FrameworkService(self.session, self.tenant).current()
        wrong = [{"name": f"clientQuestions[{i}]", "code": "vraag-niet-voor-klanten",
                  "reason": f"Vraag '{qid}' bestaat niet of is niet voor klanten."}
                 for i, qid in enumerate(ids)
                 if (q := framework.question(qid)) is None or "client" not in q.audience]
        if wrong:
            raise Problem(400, "ongeldige-vragen", "Niet elke gekozen vraag is een vraag voor klanten.",
                          invalidParams=wrong)
        optional = [q.id for q in framework.questions if "client" in q.audience and not q.required and q.id in ids]
        campaign.client_questions = json.dumps(optional)

    def _join_wave(self, campaign: Campaign, wave_id: str | None) -> None:
        """Join the sector wave `wave_id` ("" leaves the wave, None changes nothing). Only a wave the sector
        knows can be joined, and only with a period inside the wave's: the id is the only thing about it that
        travels with the stories, so it is checked here, never taken on trust."""
        if wave_id is None:
            return
        if wave_id == "":
            campaign.wave_id = None
            return
        field = [{"name": "waveId", "code": "onbekend", "reason": f"De sector kent geen meetronde '{wave_id}'."}]
        if not is_wave_id(wave_id):
            raise Problem(400, "onbekende-sectorronde", "Deze meetronde van de sector bestaat niet.",
                          invalidParams=field)
        if self.find_wave is None:
            raise Problem(409, "sector-niet-verbonden", "Deze gemeente is niet met de sector verbonden: meedoen aan "
                          "een meetronde van de sector kan nu niet.")
        wave = self.find_wave(wave_id)
        if wave is None:
            raise Problem(400, "onbekende-sectorronde", "Deze meetronde van de sector bestaat niet.",
                          invalidParams=field)
        if campaign.starts_on < wave.starts_on or campaign.ends_on > wave.ends_on:
            period = f"{wave.starts_on:%d-%m-%Y} tot en met {wave.ends_on:%d-%m-%Y}"
            raise Problem(400, "buiten-sectorronde", f"De meetronde moet binnen de periode van de sector vallen: "
                          f"{period}.", invalidParams=[{"name": "startsOn", "code": "buiten-periode",
                                                        "reason": f"De sector luistert van {period}."}])
        campaign.wave_id = wave.id

    def create(self, command: CampaignCreate, actor: Actor) -> CampaignOut:
        _require_admin(actor, "een meetronde maken")
        campaign = Campaign(id=str(uuid.uuid4()), tenant=self.tenant, starts_on=command.starts_on,
                            ends_on=command.ends_on, token=secrets.token_urlsafe(18), created_by=actor.subject)
        self._name(campaign, command.name)
        self._choose_questions(campaign, command.client_questions)
        self._join_wave(campaign, command.wave_id)
        self.campaigns.add(campaign)
        return self.out(campaign, actor)

    def update(self, campaign_id: str, command: CampaignUpdate, actor: Actor) -> CampaignOut:
        _require_admin(actor, "een meetronde veranderen")
        campaign = self.campaigns.get(campaign_id)
        if campaign is None:
            raise _not_found()
        starts_on = command.starts_on or campaign.starts_on
        ends_on = command.ends_on or campaign.ends_on
        if ends_on < starts_on:
            raise Problem(400, "ongeldige-periode", "De meetronde moet eindigen na de start.")
        moved = (starts_on, ends_on) != (campaign.starts_on, campaign.ends_on)
        campaign.starts_on, campaign.ends_on = starts_on, ends_on
        if command.name is not None:
            self._name(campaign, command.name)
        self._choose_questions(campaign, command.client_questions)
        # A new period of a campaign in a wave must still lie inside the wave's.
        self._join_wave(campaign, command.wave_id if command.wave_id is not None or not moved else campaign.wave_id)
        self.campaigns.session.flush()
        return self.out(campaign, actor)

    def list(self, actor: Actor) -> list[CampaignOut]:
        return [self.out(c, actor) for c in self.campaigns.all()]

    def qr_svg(self, campaign_id: str, actor: Actor) -> str:
        _require_admin(actor, "de link van een meetronde zien")
        campaign = self.campaigns.get(campaign_id)
        if campaign is None:
            raise _not_found()
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
