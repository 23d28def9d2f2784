"""Telling, reviewing, reading, withdrawing and erasing stories. Services flush; the edge commits."""

from __future__ import annotations

import json
import re
import secrets
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from vertelpunt.anonymisation import AnonymiserConfig, Entity, EntityType, anonymise, apply_review
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.audit.repository import RawAccessLog
from vertelpunt.intake.campaigns.repository import CampaignRepository
from vertelpunt.intake.channels import CLIENT_CHANNELS, Channel
from vertelpunt.intake.clock import Clock, system_clock
from vertelpunt.intake.frameworks.answers import Answer, normalise, validate_answers
from vertelpunt.intake.frameworks.service import RECENT_SECONDS, FrameworkService
from vertelpunt.intake.outbox.repository import OutboxRepository
from vertelpunt.intake.stories import events, permissions
from vertelpunt.intake.stories.marks import find_marks
from vertelpunt.intake.stories.models import Story, StoryStatus
from vertelpunt.intake.stories.repository import StoryRepository
from vertelpunt.intake.stories.schemas import Finding, ReviewMark, StoryCreate, StoryPreview, StoryReview
from vertelpunt.intake.threads.keys import key_hash, new_key, next_number, normalise_key
from vertelpunt.kit.problem import Problem

FIELDS = ("title", "text")


def _entities_to_json(entities: tuple[Entity, ...]) -> list[dict[str, Any]]:
    return [{"type": e.type.value, "start": e.start, "end": e.end} for e in entities]


def _entities_from_json(items: list[dict[str, Any]]) -> list[Entity]:
    return [Entity(i["start"], i["end"], EntityType(i["type"])) for i in items]


def _missed(raw: str, phrases: list[str]) -> list[Entity]:
    return [Entity(m.start(), m.end(), EntityType.OTHER)
            for phrase in phrases if phrase.strip()
            for m in re.finditer(re.escape(phrase.strip()), raw, re.IGNORECASE)]


def _unknown_key() -> Problem:
    return Problem(400, "onbekende-code", "Deze code kennen we niet. Kijk of je de code goed hebt overgenomen.",
                   invalidParams=[{"name": "storyKey", "code": "unknown"}])


def _not_found() -> Problem:
    return Problem(404, "verhaal-niet-gevonden", "Dit verhaal bestaat niet (meer).")


def storyteller_role(answers: Mapping[str, Answer]) -> str:
    """The storyteller's role as it is shared: their answer to "rol", "other" when they gave none."""
    answer = answers.get("rol")
    return (answer.choices or ("other",))[0] if answer else "other"


def anonymise_story(story: Story, config: AnonymiserConfig) -> None:
    """The anonymised title and text, and what was found where (for the review). Pure: no I/O."""
    found: dict[str, list[dict[str, Any]]] = {}
    for field in FIELDS:
        result = anonymise(getattr(story, field) or "", config)
        setattr(story, f"anonymised_{field}", result.text)
        found[field] = _entities_to_json(result.entities)
    story.entities_json = json.dumps(found)


def store_answers(story: Story, answers: Mapping[str, Answer], config: AnonymiserConfig) -> None:
    """The answers as the story keeps them and its events read them: triads normalised, each "other" text
    kept with its anonymised version beside it. Pure: no I/O."""
    stored = {}
    for qid, raw in answers.items():
        answer = normalise(raw)
        item = answer.model_dump(by_alias=True, exclude_none=True)
        if answer.other:
            item["anonymisedOther"] = anonymise(answer.other, config).text
        stored[qid] = item
    story.answers_json = json.dumps(stored, ensure_ascii=False)


class StoryService:
    def __init__(self, session: Session, tenant: str, anonymiser: AnonymiserConfig,
                 clock: Clock = system_clock) -> None:
        self.tenant = tenant
        self.clock = clock
        self.stories = StoryRepository(session, tenant)
        self.frameworks = FrameworkService(session, tenant)
        self.campaigns = CampaignRepository(session, tenant)
        self.outbox = OutboxRepository(session)
        self.access_log = RawAccessLog(session, tenant)
        self.anonymiser = anonymiser

    # -- telling -----------------------------------------------------------------------------------------
    def tell(self, command: StoryCreate, actor: Actor) -> StoryPreview:
        permissions.authorise_telling(command, actor)
        assisted = command.assisted or (command.channel == Channel.ASSISTED and not actor.is_client)
        if command.told_at is not None and (command.told_at.tzinfo is None or command.told_at > self.clock()):
            raise Problem(400, "ongeldige-datum", "De datum moet in het verleden liggen en een tijdzone hebben.")
        framework = self.frameworks.current(max_age=RECENT_SECONDS)
        errors = validate_answers(framework, command.answers)
        if errors:  # perhaps answered against a version published in the last seconds: check the newest
            framework = self.frameworks.current()
            errors = validate_answers(framework, command.answers)
        if errors:
            raise Problem(400, "ongeldige-antwoorden", "Niet alle vragen zijn goed beantwoord.",
                          invalidParams=[{"name": f"answers.{e.question_id}", "code": e.code} for e in errors])
        campaign_id = actor.campaign_id or command.campaign_id
        if campaign_id and self.campaigns.get(campaign_id) is None:
            raise Problem(400, "onbekende-meetronde", "Deze meetronde bestaat niet.")
        thread = self._thread(command.story_key) if command.story_key else None
        story = Story(
            id=str(uuid.uuid4()), tenant=self.tenant, status=StoryStatus.PENDING_REVIEW,
            channel=self._channel(command, actor, assisted), language=command.language,
            storyteller_role=storyteller_role(command.answers), title=command.title, text=command.text,
            framework_version=framework.version, consent_to_share=command.consent_to_share,
            campaign_id=campaign_id, author_subject=None if actor.is_client else actor.subject,
            entered_by=actor.subject if assisted else None, told_at=_utc(command.told_at), created_at=self.clock(),
        )
        anonymise_story(story, self.anonymiser)
        store_answers(story, command.answers, self.anonymiser)
        review_token = story_key = None
        if actor.is_client or assisted:
            review_token = secrets.token_urlsafe(24)
            story.review_token_hash = permissions.token_hash(review_token)
        if thread is not None or actor.is_client or assisted:
            # A follow-up continues the thread of its key; a client's (or assisted) first story starts one.
            story_key, story.thread_id, story.thread_number = thread or (new_key(), str(uuid.uuid4()), 1)
            story.thread_key_hash = key_hash(story_key)
        self.stories.add(story)
        return self.preview(story, review_token, story_key)

    def _thread(self, typed_key: str) -> tuple[str, str, int]:
        """(key, thread id, number of the new story) for a follow-up told with a story key."""
        key = normalise_key(typed_key)
        earlier = self.stories.in_thread(key_hash(key), lock=True) if key else []
        if key is None or not earlier:
            raise _unknown_key()
        thread_id = next((s.thread_id for s in earlier if s.thread_id), None) or str(uuid.uuid4())
        return key, thread_id, next_number(s.thread_number for s in earlier)

    # -- what a client can do with the key alone ---------------------------------------------------------
    def by_key(self, typed_key: str) -> list[Story]:
        key = normalise_key(typed_key)
        stories = list(self.stories.in_thread(key_hash(key))) if key else []
        if not stories:
            raise _unknown_key()
        self.access_log.record("client:story-key", "list", None, "eigen verhalen met code")
        return stories

    def _keyed(self, typed_key: str, story_id: str | None) -> list[Story]:
        stories = self.by_key(typed_key)
        if story_id is None:
            return stories
        chosen = [s for s in stories if s.id == story_id]
        if not chosen:
            raise _not_found()
        return chosen

    def withdraw_with_key(self, typed_key: str, story_id: str | None = None) -> list[Story]:
        """Stop sharing one story of the thread, or all of them when no story is named."""
        stories = [s for s in self._keyed(typed_key, story_id) if s.status != StoryStatus.ERASED]
        for story in stories:
            self._withdraw(story)
        return stories

    def erase_with_key(self, typed_key: str, story_id: str | None = None) -> list[Story]:
        stories = [s for s in self._keyed(typed_key, story_id) if s.status != StoryStatus.ERASED]
        for story in stories:
            self.access_log.record("client:story-key", "erase", story.id, "gewist door verteller met code")
            self._erase(story, "erased")
        return stories

    @staticmethod
    def _channel(command: StoryCreate, actor: Actor, assisted: bool) -> Channel:
        """The server decides for a client (from the device, never assisted or api); staff say how they told."""
        if actor.is_client:
            return actor.device_channel if actor.device_channel in CLIENT_CHANNELS else Channel.WEB
        return Channel.ASSISTED if assisted else command.channel

    def preview(self, story: Story, review_token: str | None = None, story_key: str | None = None) -> StoryPreview:
        findings: list[Finding] = []
        for field in FIELDS:
            raw = getattr(story, field) or ""
            for item in story.entities.get(field, []):
                findings.append(Finding(index=len(findings), field=field, type=item["type"], start=item["start"],
                                        end=item["end"], text=raw[item["start"]:item["end"]]))
        others = {qid: a["anonymisedOther"] for qid, a in sorted(story.answers.items()) if a.get("anonymisedOther")}
        marks: list[ReviewMark] = []
        if story.status == StoryStatus.PENDING_REVIEW:
            published = {"title": story.anonymised_title or "", "text": story.anonymised_text or "",
                         **{f"answers.{qid}": text for qid, text in others.items()}}
            seen: set[str] = set()
            for field, text in published.items():
                for mark in find_marks(field, text):
                    if mark.text.lower() not in seen:
                        seen.add(mark.text.lower())
                        marks.append(ReviewMark(index=len(marks), field=field, text=mark.text,
                                                reason=mark.reason.value, context=mark.context))
        return StoryPreview(id=story.id, status=story.status, anonymised_title=story.anonymised_title or "",
                            anonymised_text=story.anonymised_text or "", anonymised_answers=others,
                            findings=findings, marks=marks, framework_version=story.framework_version,
                            review_token=review_token, story_key=story_key)

    # -- review ------------------------------------------------------------------------------------------
    def review(self, story_id: str, command: StoryReview, actor: Actor | None,
               review_token: str | None = None) -> StoryPreview:
        story = self.stories.get(story_id)
        if story is None:
            raise _not_found()
        permissions.authorise_review(story, actor, review_token)
        if story.status != StoryStatus.PENDING_REVIEW:
            raise Problem(409, "al-bevestigd", "Dit verhaal is al bevestigd.")
        findings = self.preview(story).findings
        if any(i < 0 or i >= len(findings) for i in command.restore):
            raise Problem(400, "onbekende-vondst", "Een te herstellen woord bestaat niet.")
        entities: dict[str, list[dict[str, Any]]] = {}
        for field in FIELDS:
            raw = getattr(story, field) or ""
            restored = [(f.start, f.end) for f in findings if f.field == field and f.index in command.restore]
            result = apply_review(raw, _entities_from_json(story.entities.get(field, [])),
                                  _missed(raw, command.missed), restored)
            setattr(story, f"anonymised_{field}", result.text)
            entities[field] = _entities_to_json(result.entities)
        story.entities_json = json.dumps(entities)
        if command.missed:
            story.answers_json = json.dumps(self._review_others(story.answers, command.missed), ensure_ascii=False)
        story.consent_to_share = command.consent_to_share
        story.status = StoryStatus.SUBMITTED
        story.submitted_at = self.clock()
        story.review_token_hash = story.review_token_hash if actor is None else None
        if story.consent_to_share:
            self._share(story)
        self.stories.session.flush()
        return self.preview(story)

    def _review_others(self, answers: dict[str, Any], missed: list[str]) -> dict[str, Any]:
        """What the storyteller marked as missed is removed from the "other" answers as well."""
        for item in answers.values():
            other = item.get("other")
            if other:
                found = anonymise(other, self.anonymiser)
                item["anonymisedOther"] = apply_review(other, found.entities, _missed(other, missed)).text
        return answers

    def _share(self, story: Story) -> None:
        framework = self.frameworks.by_version(story.framework_version) or self.frameworks.current()
        campaign = self.campaigns.get(story.campaign_id) if story.campaign_id else None
        # Only anonymised text leaves: the story's own fields were anonymised and reviewed, the campaign's
        # label when the municipality chose it; the sector wave the campaign joined travels as its id.
        self.outbox.add(events.story_shared(story, framework, campaign.published_name if campaign else "",
                                            (campaign.wave_id or "") if campaign else ""), key=story.id)
        story.shared = True

    # -- reading -----------------------------------------------------------------------------------------
    def read(self, story_id: str, actor: Actor, purpose: str) -> Story:
        story = self.stories.get(story_id)
        if story is None:
            raise _not_found()
        permissions.authorise_reading(story, actor)
        self.access_log.record(actor.subject, "read", story.id, purpose)
        return story

    def list(self, actor: Actor, page: int, page_size: int, purpose: str, **filters: str | None) -> tuple[
            list[Story], int]:
        author = permissions.listed_author(actor)
        items, total = self.stories.page((page - 1) * page_size, page_size, author=author, **filters)
        self.access_log.record(actor.subject, "list", None, purpose)
        return list(items), total

    # -- withdrawing and erasing -------------------------------------------------------------------------
    def _own_or_admin(self, story_id: str, actor: Actor) -> Story:
        story = self.stories.get(story_id)
        if story is None:
            raise _not_found()
        permissions.authorise_changing(story, actor)
        return story

    def withdraw(self, story_id: str, actor: Actor) -> Story:
        """Stop sharing: the sector index loses the story; the municipality keeps it."""
        story = self._own_or_admin(story_id, actor)
        if story.status == StoryStatus.ERASED:
            raise _not_found()
        return self._withdraw(story)

    def withdraw_all_shared(self) -> list[Story]:
        """Offboarding: the sector loses every story of this municipality; the municipality keeps them."""
        return [self._withdraw(story) for story in self.stories.shared()]

    def _withdraw(self, story: Story) -> Story:
        if story.shared:
            self.outbox.add(events.story_withdrawn(story, "withdrawn"), key=story.id)
        story.shared = False
        story.consent_to_share = False
        story.status = StoryStatus.WITHDRAWN
        story.withdrawn_at = self.clock()
        self.stories.session.flush()
        return story

    def erase(self, story_id: str, actor: Actor, reason: str = "erased") -> None:
        story = self._own_or_admin(story_id, actor)
        self.access_log.record(actor.subject, "erase", story.id, reason)
        self._erase(story, reason)

    def _erase(self, story: Story, reason: str) -> None:
        if story.shared:
            self.outbox.add(events.story_withdrawn(story, reason), key=story.id)
        for column in ("title", "text", "anonymised_title", "anonymised_text"):
            setattr(story, column, None)
        story.answers_json = "{}"
        story.entities_json = "{}"
        story.shared = False
        story.status = StoryStatus.ERASED
        story.raw_removed_at = self.clock()
        self.stories.session.flush()

    def apply_retention(self, months: int, now: datetime | None = None) -> int:
        """Remove raw text older than the retention period. The anonymised version stays (and stays shared):
        retention is about raw text, which is what can identify people."""
        cutoff = (now or self.clock()) - timedelta(days=round(months * 30.44))
        removed = 0
        for story in self.stories.with_raw_text_before(cutoff):
            self.access_log.record("system:retention", "erase", story.id, f"bewaartermijn {months} maanden")
            story.title = None
            story.text = None
            story.raw_removed_at = self.clock()
            removed += 1
        self.stories.session.flush()
        return removed


def _utc(moment: datetime | None) -> datetime | None:
    """Stored in UTC: SQLite keeps no offset, so "10:00+02:00" would read back as 10:00 and travel two hours late."""
    return moment.astimezone(UTC) if moment is not None else None
