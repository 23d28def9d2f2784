"""Exporting a municipality's signified stories as a `vertelpunt-export` document, and importing one.

Export: the stories that could leave the municipality anyway (submitted, with consent to share) with the framework
versions they answered and their campaigns; anonymised text by default, raw text only on request by a role that
may read raw stories, and then every story is written to the raw access log before it is sent.

Import: one document is one transaction. It is validated completely first (schema, references, answers mapped
onto this municipality's framework); any error and nothing is stored. Then every new story goes through the path
of a told story (StoryService.tell and review: anonymiser, consent, outbox event) as the importing administrator,
with its told date, campaign and thread. A story already imported from the same source is skipped, so importing a
document twice, or in overlapping parts, gives no duplicates.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vertelpunt.intake.actors import Actor
from vertelpunt.intake.audit.repository import RawAccessLog
from vertelpunt.intake.campaigns.repository import CampaignRepository
from vertelpunt.intake.campaigns.schemas import CampaignCreate
from vertelpunt.intake.campaigns.service import CampaignService
from vertelpunt.intake.channels import Channel
from vertelpunt.intake.database import Database
from vertelpunt.intake.exchange.document import (
    FORMAT,
    MAX_ERRORS,
    VERSION,
    Document,
    DocumentError,
    DocumentStory,
    TextKind,
    messages,
    pointer,
    schema_errors,
)
from vertelpunt.intake.exchange.mapping import Rejection, map_answers
from vertelpunt.intake.exchange.models import ImportedKind
from vertelpunt.intake.exchange.repository import ExchangeRepository, Selection
from vertelpunt.intake.exchange.schemas import (
    ImportedStory,
    ImportOutcome,
    ImportReport,
    RejectedAnswer,
    ReportLinks,
    StoryLinks,
)
from vertelpunt.intake.frameworks.answers import Answer
from vertelpunt.intake.frameworks.models import Framework
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.stories.schemas import StoryCreate, StoryReview
from vertelpunt.intake.stories.service import StoryService
from vertelpunt.intake.text import code_point, first_forbidden
from vertelpunt.kit.api_rules import Link
from vertelpunt.kit.clock import utcnow
from vertelpunt.kit.problem import Problem

EXPORT_PAGE_SIZE = 200
SCHEMA_PATH = "/api/v1/exchange/schema"
UNTITLED = "(zonder titel)"


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored moment is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def invalid_document(errors: list[DocumentError]) -> Problem:
    shown = errors[:MAX_ERRORS]
    params = [{"name": e.pointer or "/", "pointer": e.pointer, "code": e.code, "reason": e.reason} for e in shown]
    if len(errors) > MAX_ERRORS:
        params.append({"name": "/", "pointer": "", "code": "more", "reason": messages.text("document.too_many_errors")})
    return Problem(400, "ongeldig-importbestand", messages.text("document.invalid.title"),
                   messages.text("document.invalid.detail"), invalidParams=params)


# -- export ---------------------------------------------------------------------------------------------------------
def _answer_out(stored: dict[str, Any], kind: TextKind) -> dict[str, Any]:
    if stored.get("notApplicable"):
        return {"notApplicable": True}
    if stored.get("triad") is not None:
        return {"triad": list(stored["triad"])}
    if stored.get("dyad") is not None:
        return {"dyad": stored["dyad"]}
    out: dict[str, Any] = {}
    if stored.get("choices"):
        out["choices"] = list(stored["choices"])
    other = stored.get("other") if kind == "raw" else stored.get("anonymisedOther")
    if other:
        out["other"] = other
    return out


class ExportService:
    def __init__(self, session: Session, tenant: str) -> None:
        self.tenant = tenant
        self.repository = ExchangeRepository(session, tenant)
        self.frameworks = FrameworkService(session, tenant)
        self.campaigns = CampaignRepository(session, tenant)
        self.access_log = RawAccessLog(session, tenant)
        self._by_version: dict[str, Framework | None] = {}

    def framework(self, version: str) -> Framework | None:
        if version not in self._by_version:
            self._by_version[version] = self.frameworks.by_version(version)
        return self._by_version[version]

    def head(self, selection: Selection, kind: TextKind, tenant_name: str, filters: dict[str, str],
             actor: Actor, purpose: str) -> dict[str, Any]:
        """Everything of the document but its stories; the export itself is logged (who, what kind, why)."""
        frameworks = [f for v in self.repository.framework_versions(selection) if (f := self.framework(v))]
        campaigns = [c for i in self.repository.campaign_ids(selection) if (c := self.campaigns.get(i))]
        self.access_log.record(actor.subject, "export", None, f"export {kind}: {purpose}")
        return {
            "format": FORMAT, "version": VERSION, "exportedAt": utcnow().isoformat(),
            "source": {"id": f"vertelpunt:{self.tenant}", "name": tenant_name, "tool": "vertelpunt"},
            "textKind": kind, "selection": filters,
            "frameworks": [f.model_dump(mode="json", by_alias=True) for f in frameworks],
            "campaigns": [{"id": c.id, "name": (c.name if kind == "raw" else c.published_name)[:120],
                           "startsOn": c.starts_on.isoformat(), "endsOn": c.ends_on.isoformat()} for c in campaigns],
        }

    def story(self, story: Story, kind: TextKind) -> dict[str, Any]:
        raw = kind == "raw" and story.text is not None  # retention may have removed the raw text already
        framework = self.framework(story.framework_version)
        private = {q.id for q in framework.questions if not q.shared} if framework else set()
        answers = {qid: _answer_out(a, "raw" if raw else "anonymised") for qid, a in sorted(story.answers.items())
                   if raw or qid not in private}
        told = story.told_at or story.submitted_at or story.created_at
        out: dict[str, Any] = {
            "id": story.id, "frameworkVersion": story.framework_version,
            "title": (story.title if raw else story.anonymised_title) or UNTITLED,
            "text": (story.text if raw else story.anonymised_text) or UNTITLED,
            "textKind": "raw" if raw else "anonymised", "language": story.language,
            "toldAt": as_utc(told).isoformat(), "storytellerRole": story.storyteller_role, "channel": story.channel,
            "campaignId": story.campaign_id,
            "thread": {"id": story.thread_id, "number": story.thread_number} if story.thread_id else None,
            "consentToShare": story.consent_to_share, "answers": answers,
        }
        return out


def export_stories(database: Database, tenant: str, selection: Selection, kind: TextKind, actor: Actor,
                   purpose: str, page_size: int = EXPORT_PAGE_SIZE) -> Iterator[str]:
    """The `stories` array, page by page, each page in its own short transaction (a long export holds no
    transaction open). Raw stories are logged, and the log committed, before their page is sent."""
    after: tuple[datetime, str] | None = None
    separator = ""
    while True:
        with database.unit_of_work() as session:
            service = ExportService(session, tenant)
            page = service.repository.stories_after(selection, after, page_size)
            items = [service.story(story, kind) for story in page]
            for story, item in zip(page, items, strict=True):
                if item["textKind"] == "raw":
                    service.access_log.record(actor.subject, "export", story.id, purpose)
        if not page:
            return
        after = (page[-1].created_at, page[-1].id)
        yield separator + ",".join(json.dumps(item, ensure_ascii=False) for item in items)
        separator = ","


def export_document(head: dict[str, Any], stories: Iterator[str]) -> Iterator[str]:
    """The whole document as JSON text: the head, then the stories streamed into its `stories` array. A document
    cut off half-way is not valid JSON, so it can never be imported as if it were complete."""
    opening = json.dumps(head, ensure_ascii=False)
    yield opening[:-1] + ',"stories":['
    yield from stories
    yield "]}\n"


# -- import ---------------------------------------------------------------------------------------------------------
@dataclass
class PlannedStory:
    index: int
    story: DocumentStory
    answers: dict[str, Answer] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    existing_id: str | None = None


@dataclass
class Plan:
    stories: list[PlannedStory] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


def _forbidden(base: str, story: DocumentStory) -> list[DocumentError]:
    found = []
    for name in ("title", "text"):
        character = first_forbidden(getattr(story, name))
        if character is not None:
            found.append(DocumentError(f"{base}/{name}", "forbidden",
                                       messages.text("story.forbidden", character=code_point(character))))
    return found


class ImportService:
    def __init__(self, session: Session, stories: StoryService, campaigns: CampaignService) -> None:
        tenant = stories.tenant
        self.session = session
        self.stories = stories
        self.campaigns = campaigns
        self.frameworks = FrameworkService(session, tenant)
        self.records = ExchangeRepository(session, tenant)

    def import_document(self, body: Any, actor: Actor) -> ImportReport:
        errors = schema_errors(body)
        if errors:
            raise invalid_document(errors)
        document = Document.model_validate(body)
        plan = self.plan(document, self.frameworks.current())
        if plan.errors:
            raise invalid_document(plan.errors)
        try:
            results = [self._import(document, planned, actor) for planned in plan.stories]
        except IntegrityError:  # the same document (or part of it) is being imported right now
            raise Problem(409, "import-bezig", messages.text("import.busy.title"),
                          messages.text("import.busy.detail")) from None
        imported = sum(1 for r in results if r.outcome == ImportOutcome.IMPORTED)
        return ImportReport(source=document.source.id, imported=imported, already_imported=len(results) - imported,
                            stories=results, links=ReportLinks(self=Link(href="/api/v1/exchange/import"),
                                                               schema=Link(href=SCHEMA_PATH)))

    # -- validation: everything is checked before anything is stored ------------------------------------------
    def plan(self, document: Document, target: Framework) -> Plan:
        plan = Plan(errors=self._references(document))
        seen: set[str] = set()
        for index, story in enumerate(document.stories):
            base = pointer("stories", index)
            if story.id in seen:
                plan.errors.append(DocumentError(f"{base}/id", "duplicate", messages.text("story.duplicate_id")))
                continue
            seen.add(story.id)
            planned = PlannedStory(index, story, existing_id=self.records.imported(
                document.source.id, ImportedKind.STORY, story.id))
            if planned.existing_id is None:
                plan.errors.extend(self._check_story(document, planned, target, base))
            plan.stories.append(planned)
        return plan

    @staticmethod
    def _references(document: Document) -> list[DocumentError]:
        errors = []
        versions: set[str] = set()
        for index, framework in enumerate(document.frameworks):
            if framework.version in versions:
                errors.append(DocumentError(pointer("frameworks", index, "version"), "duplicate",
                                            messages.text("framework.duplicate_version")))
            versions.add(framework.version)
        campaigns: set[str] = set()
        for index, campaign in enumerate(document.campaigns):
            if campaign.id in campaigns:
                errors.append(DocumentError(pointer("campaigns", index, "id"), "duplicate",
                                            messages.text("campaign.duplicate_id")))
            if campaign.ends_on < campaign.starts_on:
                errors.append(DocumentError(pointer("campaigns", index, "endsOn"), "period",
                                            messages.text("campaign.period")))
            if (character := first_forbidden(campaign.name)) is not None:
                errors.append(DocumentError(pointer("campaigns", index, "name"), "forbidden",
                                            messages.text("story.forbidden", character=code_point(character))))
            campaigns.add(campaign.id)
        return errors

    def _check_story(self, document: Document, planned: PlannedStory, target: Framework,
                     base: str) -> list[DocumentError]:
        story = planned.story
        errors = _forbidden(base, story)
        if story.told_at.tzinfo is None:
            errors.append(DocumentError(f"{base}/toldAt", "time-zone", messages.text("story.told_at_zone")))
        elif story.told_at > utcnow():
            errors.append(DocumentError(f"{base}/toldAt", "future", messages.text("story.told_at_future")))
        if story.campaign_id is not None and document.campaign(story.campaign_id) is None:
            errors.append(DocumentError(f"{base}/campaignId", "unknown-campaign",
                                        messages.text("story.unknown_campaign", campaign=story.campaign_id)))
        source = document.framework(story.framework_version)
        if source is None:
            errors.append(DocumentError(f"{base}/frameworkVersion", "unknown-framework",
                                        messages.text("story.unknown_framework", version=story.framework_version)))
            return errors
        mapped = map_answers(story.answers, source, target, base, storyteller_role=story.storyteller_role)
        planned.answers, planned.rejected = mapped.answers, mapped.rejected
        return errors + mapped.errors

    # -- storing: the path of a told story ---------------------------------------------------------------------
    def _import(self, document: Document, planned: PlannedStory, actor: Actor) -> ImportedStory:
        story = planned.story
        if planned.existing_id is not None:
            existing = self.stories.stories.get(planned.existing_id)
            return ImportedStory(source_id=story.id, id=planned.existing_id,
                                 outcome=ImportOutcome.ALREADY_IMPORTED, shared=bool(existing and existing.shared),
                                 links=StoryLinks(self=Link(href=f"/api/v1/stories/{planned.existing_id}")))
        source = document.source.id
        campaign_id = self._campaign(document, story.campaign_id, actor) if story.campaign_id else None
        # told_at in UTC: SQLite keeps a moment's wall-clock time and drops its offset.
        command = StoryCreate(title=story.title, text=story.text, channel=Channel(story.channel),
                              language=story.language, answers=planned.answers, consent_to_share=story.consent_to_share,
                              campaign_id=campaign_id, told_at=story.told_at.astimezone(UTC))
        try:
            preview = self.stories.tell(command, actor)
            told = self.stories.stories.get(preview.id)
            assert told is not None
            # The story key of an assisted story is nobody's: imported threads continue the source's thread.
            told.thread_key_hash = None
            told.thread_id, told.thread_number = self._thread(source, story, actor) or (None, None)
            self.stories.review(preview.id, StoryReview(consent_to_share=story.consent_to_share), actor)
        except Problem as problem:  # planning checks what tell checks; should they ever differ, still no 500
            raise invalid_document([DocumentError(pointer("stories", planned.index), problem.type,
                                                  problem.title)]) from None
        self.records.record(source, ImportedKind.STORY, story.id, told.id, actor.subject)
        return ImportedStory(source_id=story.id, id=told.id, outcome=ImportOutcome.IMPORTED, shared=told.shared,
                             rejected_answers=[RejectedAnswer(question_id=r.question_id, code=r.code, reason=r.reason)
                                               for r in planned.rejected],
                             links=StoryLinks(self=Link(href=f"/api/v1/stories/{told.id}")))

    def _campaign(self, document: Document, source_campaign_id: str, actor: Actor) -> str:
        """The campaign made for the source's campaign: made (with its label anonymised) at its first story."""
        source = document.source.id
        existing = self.records.imported(source, ImportedKind.CAMPAIGN, source_campaign_id)
        if existing is not None:
            return existing
        campaign = document.campaign(source_campaign_id)
        assert campaign is not None  # checked in plan()
        made = self.campaigns.create(CampaignCreate(name=campaign.name, starts_on=campaign.starts_on,
                                                    ends_on=campaign.ends_on), actor)
        self.records.record(source, ImportedKind.CAMPAIGN, source_campaign_id, made.id, actor.subject)
        return made.id

    def _thread(self, source: str, story: DocumentStory, actor: Actor) -> tuple[str, int] | None:
        """The source's thread becomes one thread here, with a random id of its own (never the source's)."""
        if story.thread is None:
            return None
        thread_id = self.records.imported(source, ImportedKind.THREAD, story.thread.id)
        if thread_id is None:
            thread_id = str(uuid.uuid4())
            self.records.record(source, ImportedKind.THREAD, story.thread.id, thread_id, actor.subject)
        return thread_id, story.thread.number

