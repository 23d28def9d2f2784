from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from vertelpunt.intake.actors import Actor
from vertelpunt.intake.campaigns.models import Campaign
from vertelpunt.intake.campaigns.schemas import CampaignCreate, CampaignOut, CampaignUpdate
from vertelpunt.intake.campaigns.service import CampaignService
from vertelpunt.intake.channels import channel_from_user_agent
from vertelpunt.intake.clock import local_date
from vertelpunt.intake.dependencies import ActorDep, ContainerDep, SessionDep, TokenDep, client_address
from vertelpunt.intake.stories.schemas import StoryCreate, StoryPreview
from vertelpunt.intake.text import CleanStr
from vertelpunt.kit.problem import Problem

router = APIRouter(prefix="/api/v1/campaigns", tags=["campaigns"])
CampaignId = Annotated[CleanStr, Path(alias="campaignId")]


def _service(session: SessionDep, c: ContainerDep, token: str | None = None) -> CampaignService:
    return c.campaign_service(session, token)


@router.post("", response_model=CampaignOut, status_code=201, summary="Een meetronde maken")
def create_campaign(body: CampaignCreate, session: SessionDep, c: ContainerDep, actor: ActorDep,
                    token: TokenDep) -> CampaignOut:
    return _service(session, c, token).create(body, actor)


@router.patch("/{campaignId}", response_model=CampaignOut,
              summary="De naam, periode of meetronde van de sector van een meetronde veranderen")
def update_campaign(campaign_id: CampaignId, body: CampaignUpdate, session: SessionDep, c: ContainerDep,
                    actor: ActorDep, token: TokenDep) -> CampaignOut:
    return _service(session, c, token).update(campaign_id, body, actor)


@router.get("", response_model=list[CampaignOut],
            summary="Meetronden van deze gemeente (de link alleen voor beheerders)")
def list_campaigns(session: SessionDep, c: ContainerDep, actor: ActorDep) -> list[CampaignOut]:
    return _service(session, c).list(actor)


@router.get("/{campaignId}/qr.svg", summary="QR-code met de link van de meetronde (alleen voor beheerders)",
            response_class=Response,
            responses={200: {"description": "De QR-code (SVG)", "content": {"image/svg+xml": {"schema": {
                "type": "string"}}}}})
def campaign_qr(campaign_id: CampaignId, session: SessionDep, c: ContainerDep, actor: ActorDep) -> Response:
    return Response(_service(session, c).qr_svg(campaign_id, actor), media_type="image/svg+xml")


def client_actor(request: Request, token: str, session: SessionDep, c: ContainerDep) -> Actor:
    """A client without an account, through a campaign link: rate-limited per device address (a forwarded
    header counts only from a trusted proxy) and only while the wave runs. The server picks the channel."""
    if not c.campaign_limiter.allow(f"{client_address(request, c)}:{token}"):
        raise Problem(429, "te-veel", "Te veel verhalen in korte tijd. Probeer het over een minuut opnieuw.")
    campaign = _service(session, c).open_by_token(token, local_date(c.clock))
    return Actor(subject=f"campaign:{campaign.id}", name="klant", roles=frozenset(), campaign_id=campaign.id,
                 device_channel=channel_from_user_agent(request.headers.get("user-agent", "")))


@router.post("/by-link/{token}/stories", response_model=StoryPreview, status_code=201,
             summary="Een verhaal vertellen via de link van een meetronde (zonder account)")
def tell_via_campaign(token: CleanStr, body: StoryCreate, request: Request, session: SessionDep,
                      c: ContainerDep) -> StoryPreview:
    actor = client_actor(request, token, session, c)
    # A client link keeps only the answers to questions this campaign asks its clients (never a staff question).
    campaigns = _service(session, c)
    asked = set(campaigns.client_questions(campaigns.campaigns.get(actor.campaign_id or "") or _missing()))
    body = body.model_copy(update={"answers": {q: a for q, a in body.answers.items() if q in asked}})
    return c.story_service(session).tell(body, actor)


def _missing() -> Campaign:
    raise Problem(404, "link-onbekend", "Deze link werkt niet. Vraag je gemeente om een nieuwe link.")
