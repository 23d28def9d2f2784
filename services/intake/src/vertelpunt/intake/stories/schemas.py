"""The REST shapes of stories (camelCase, as the Dutch API Design Rules ask)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
)

from vertelpunt.intake.channels import Channel
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.stories.models import StoryStatus
from vertelpunt.intake.text import CleanStr
from vertelpunt.kit.api_rules import Link, Schema


class StoryState(StrEnum):
    """A story's status as the REST API names it (camelCase enum values); stored as `StoryStatus`."""

    PENDING_REVIEW = "pendingReview"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    ERASED = "erased"

    def stored(self) -> StoryStatus:
        return StoryStatus[self.name]


# A stored status (`pending_review`) leaves the API as its REST name (`pendingReview`).
Status = Annotated[str, PlainSerializer(lambda value: StoryState[StoryStatus(value).name].value, return_type=str),
                   WithJsonSchema({"type": "string", "enum": [state.value for state in StoryState]})]


class StoryCreate(Schema):
    title: CleanStr = Field(min_length=1, max_length=200)
    text: CleanStr = Field(min_length=1, max_length=20_000)
    channel: Channel = Channel.API
    language: str = Field("nl", pattern=r"^[a-z]{2}$")
    answers: dict[str, Answer] = Field(default_factory=dict, max_length=80)
    consent_to_share: bool = False
    campaign_id: CleanStr | None = Field(None, max_length=36)
    # Staff entering a client's story told face to face (channel "assisted").
    assisted: bool = False
    # A client's personal story key, to add a follow-up story to an earlier one without an identity.
    story_key: CleanStr | None = Field(None, max_length=40)
    # Only for a municipality's administrators importing stories collected earlier (another tool, paper).
    told_at: datetime | None = None


class Finding(Schema):
    index: int
    field: str
    type: str
    start: int
    end: int
    text: str


class ReviewMark(Schema):
    """Words in the anonymised version that may still identify someone. To remove them, put `text` in the
    review's `missed` list."""

    index: int
    field: str
    text: str
    reason: str
    context: str


class StoryPreview(Schema):
    id: str
    status: Status
    anonymised_title: str
    anonymised_text: str
    # The anonymised "other, namely" answers, by question id: they leave the municipality too.
    anonymised_answers: dict[str, str] = Field(default_factory=dict)
    findings: list[Finding]
    marks: list[ReviewMark] = Field(default_factory=list)
    framework_version: str
    review_token: str | None = None
    story_key: str | None = None


class StoryReview(Schema):
    consent_to_share: bool
    # Words or phrases the anonymiser missed (typed, or the text of a review mark); every occurrence is removed,
    # in the title, the story and the "other" answers.
    missed: list[CleanStr] = Field(default_factory=list, max_length=50)
    # Findings (by index) that are ordinary words and may stay.
    restore: list[int] = Field(default_factory=list, max_length=200)


class StoryOut(Schema):
    id: str
    status: Status
    channel: str
    storyteller_role: str
    title: str | None
    text: str | None
    anonymised_title: str | None
    anonymised_text: str | None
    answers: dict[str, Any]
    consent_to_share: bool
    shared: bool
    framework_version: str
    campaign_id: str | None
    created_at: datetime
    submitted_at: datetime | None
    # The story's place in its thread of follow-up stories (1, 2, ...); never the key.
    thread_number: int | None = None


class KeyCommand(Schema):
    """What a client can do with the story key alone: see, withdraw or erase the stories of the thread."""

    story_key: CleanStr = Field(min_length=1, max_length=40)
    # One story of the thread; all of them when left out (withdraw and erase only).
    story_id: CleanStr | None = Field(None, max_length=36)


class ThreadStory(Schema):
    id: str
    number: int | None
    status: Status
    anonymised_title: str | None
    shared: bool
    created_at: datetime


class PageLinks(Schema):
    """HAL links of a page: link objects, and only the ones that exist (no `next` on the last page)."""

    self_: Link = Field(alias="self")
    next: Link | None = None
    prev: Link | None = None

    @model_serializer(mode="wrap")
    def _present_only(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return {name: link for name, link in handler(self).items() if link is not None}


class StoryPage(Schema):
    items: list[StoryOut]
    page: int
    page_size: int
    total: int
    links: PageLinks = Field(serialization_alias="_links")
