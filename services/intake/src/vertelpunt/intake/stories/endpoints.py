from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Response

from vertelpunt.intake.channels import Channel
from vertelpunt.intake.dependencies import ActorDep, OptionalActorDep, StoriesDep
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.stories.schemas import (
    KeyCommand,
    Link,
    PageLinks,
    StoryCreate,
    StoryOut,
    StoryPage,
    StoryPreview,
    StoryReview,
    StoryState,
    ThreadStory,
)
from vertelpunt.intake.text import CleanStr

router = APIRouter(prefix="/api/v1/stories", tags=["stories"])
PurposeHeader = Annotated[CleanStr, Header(alias="X-Access-Purpose", max_length=200,
                                      description="Why raw stories are read; recorded in the access log")]
StoryId = Annotated[CleanStr, Path(alias="storyId")]


def to_out(story: Story) -> StoryOut:
    return StoryOut(id=story.id, status=story.status, channel=story.channel, storyteller_role=story.storyteller_role,
                    title=story.title, text=story.text, anonymised_title=story.anonymised_title,
                    anonymised_text=story.anonymised_text, answers=story.answers,
                    consent_to_share=story.consent_to_share, shared=story.shared,
                    framework_version=story.framework_version, campaign_id=story.campaign_id,
                    created_at=story.created_at, submitted_at=story.submitted_at, thread_number=story.thread_number)


@router.post("", response_model=StoryPreview, status_code=201,
             summary="Een verhaal vertellen; je krijgt de geanonimiseerde versie terug om te controleren")
def tell_story(body: StoryCreate, stories: StoriesDep, actor: ActorDep) -> StoryPreview:
    return stories.tell(body, actor)


@router.post("/{storyId}/review", response_model=StoryPreview,
             summary="De geanonimiseerde versie bevestigen, aanvullen of herstellen, en kiezen om te delen")
def review_story(story_id: StoryId, body: StoryReview, stories: StoriesDep, actor: OptionalActorDep,
                 review_token: Annotated[str | None, Header(alias="X-Review-Token")] = None) -> StoryPreview:
    return stories.review(story_id, body, actor, review_token)


@router.get("", response_model=StoryPage, response_model_by_alias=True, summary="Verhalen van deze gemeente")
def list_stories(stories: StoriesDep, actor: ActorDep, purpose: PurposeHeader = "overzicht",
                 page: Annotated[int, Query(ge=1, le=10_000)] = 1,
                 page_size: Annotated[int, Query(alias="pageSize", ge=1, le=100)] = 20,
                 status: StoryState | None = None, channel: Channel | None = None,
                 campaign_id: Annotated[CleanStr | None, Query(alias="campaignId", max_length=36)] = None) -> StoryPage:
    items, total = stories.list(actor, page, page_size, purpose, channel=channel,
                                             status=status.stored() if status else None, campaign_id=campaign_id)
    base = f"/api/v1/stories?pageSize={page_size}&page="
    links = PageLinks(self=Link(href=f"{base}{page}"),
                      next=Link(href=f"{base}{page + 1}") if page * page_size < total else None,
                      prev=Link(href=f"{base}{page - 1}") if page > 1 else None)
    return StoryPage(items=[to_out(s) for s in items], page=page, page_size=page_size, total=total, links=links)


@router.get("/{storyId}", response_model=StoryOut, summary="Eén verhaal, met de oorspronkelijke tekst")
def read_story(story_id: StoryId, stories: StoriesDep, actor: ActorDep,
               purpose: PurposeHeader = "inzage") -> StoryOut:
    return to_out(stories.read(story_id, actor, purpose))


@router.post("/{storyId}/withdraw", response_model=StoryOut, summary="Niet meer delen met de sector")
def withdraw_story(story_id: StoryId, stories: StoriesDep, actor: ActorDep) -> StoryOut:
    return to_out(stories.withdraw(story_id, actor))


@router.delete("/{storyId}", status_code=204, summary="Verhaal wissen (ook uit de sector)")
def erase_story(story_id: StoryId, stories: StoriesDep, actor: ActorDep) -> Response:
    stories.erase(story_id, actor)
    return Response(status_code=204)


# -- with the story key alone (a client has no account); POST so the key never appears in a URL or a log --------
keyed = APIRouter(prefix="/api/v1/threads", tags=["follow-up"])


def _thread_out(stories: list[Story]) -> list[ThreadStory]:
    return [ThreadStory(id=s.id, number=s.thread_number, status=s.status, anonymised_title=s.anonymised_title,
                        shared=s.shared, created_at=s.created_at) for s in stories]


@keyed.post("/stories", response_model=list[ThreadStory], summary="Je verhalen met deze code")
def thread_stories(body: KeyCommand, stories: StoriesDep) -> list[ThreadStory]:
    return _thread_out(stories.by_key(body.story_key))


@keyed.post("/withdraw", response_model=list[ThreadStory], summary="Met je code stoppen met delen")
def withdraw_with_key(body: KeyCommand, stories: StoriesDep) -> list[ThreadStory]:
    return _thread_out(stories.withdraw_with_key(body.story_key, body.story_id))


@keyed.post("/erase", response_model=list[ThreadStory], summary="Met je code je verhalen wissen (ook uit de sector)")
def erase_with_key(body: KeyCommand, stories: StoriesDep) -> list[ThreadStory]:
    return _thread_out(stories.erase_with_key(body.story_key, body.story_id))
