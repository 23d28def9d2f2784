"""The sector policy (product.md), applied to every event from a municipality's topic. Pure: no I/O.

Outcome per event: forward a coarsened story, forward a withdrawal (tombstone), forward a framework definition,
or quarantine with a reason.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from vertelpunt.contracts.envelopes import UndecodableEvent, decode
from vertelpunt.contracts.framework_document import registry_id
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.contracts.waves import is_wave_id
from vertelpunt.federation.frameworks import first_problem, framework_problem, question_id_problem
from vertelpunt.federation.pii import describe, find_identifiers


@dataclass(frozen=True)
class Forward:
    key: str
    envelope: pb.Envelope
    # Fields the policy cleared instead of forwarding (e.g. a wave id that is not a sector slug), to be counted.
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tombstone:
    key: str
    event_id: str
    tenant: str
    reason: str


@dataclass(frozen=True)
class Quarantine:
    reason: str
    event_id: str | None
    tenant: str | None


Outcome = Forward | Tombstone | Quarantine


def sector_story_id(secret: bytes, tenant: str, local_id: str) -> str:
    """A keyed hash: stable for the same story, not linkable to the municipality's own id without its key."""
    return hmac.new(secret, f"{tenant}:{local_id}".encode(), hashlib.sha256).hexdigest()[:32]


def sector_thread_id(secret: bytes, tenant: str, local_thread_id: str) -> str:
    """The thread's pseudonym in the sector: keyed with the municipality's secret and domain-separated from
    story ids, so the same thread always gets the same pseudonym, two municipalities' threads never link (each
    has its own secret), and neither the municipality's id nor the client's key can be read back from it."""
    return hmac.new(secret, f"thread:{tenant}:{local_thread_id}".encode(), hashlib.sha256).hexdigest()[:32]


def iso_week(moment: datetime) -> str:
    year, week, _ = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


def start_of_week(moment: datetime) -> datetime:
    day = moment.astimezone(UTC).date()
    monday = day - timedelta(days=day.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC)


# String fields of StoryShared and FrameworkPublished that are not free text: ids, versions and codes the policy
# sets or validates against a pattern (a wave id travels only in the sector's slug format, see `_story`). Every other
# string field, including one added to the contract later, is checked as free text: story title and text, "other"
# answers, campaign label, and every label of a framework.
NOT_FREE_TEXT = frozenset({"story_id", "framework_id", "framework_version", "language", "told_week", "region",
                           "storyteller_role", "question_id", "option_ids", "thread_id", "wave_id",
                           "id", "version", "core_version", "category"})


def free_texts(message: Message, path: str = "") -> list[tuple[str, str]]:
    """(field path, text) for every free-text string in the message: title, text, campaign_label, the "other"
    text of every choice answer (sector and municipality questions alike), every label of a framework definition
    per locale (`questions[gm0193.wachttijd].poles[kort].label[nl]`) and any string field added later."""
    texts: list[tuple[str, str]] = []
    for field, value in message.ListFields():
        name = f"{path}{field.name}"
        if field.type == FieldDescriptor.TYPE_STRING and field.name not in NOT_FREE_TEXT:
            values = value if field.is_repeated else [value]
            texts += [(name, text) for text in values]
        elif field.message_type is not None and field.message_type.GetOptions().map_entry:
            if field.message_type.fields_by_name["value"].type == FieldDescriptor.TYPE_STRING:
                texts += [(f"{name}[{key}]", text) for key, text in sorted(value.items())]
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            items = value if field.is_repeated else [value]
            for index, item in enumerate(items):
                label = getattr(item, "question_id", "") or getattr(item, "id", "") or str(index)
                texts += free_texts(item, f"{name}[{label}]." if field.is_repeated
                                    else f"{name}.")
    return texts


def apply_policy(data: bytes | None, topic_tenant: str, secret: bytes | None, region: str) -> Outcome:
    try:
        envelope = decode(data)
    except UndecodableEvent as error:
        return Quarantine(f"schema: {error}", None, topic_tenant)
    if envelope.tenant != topic_tenant:
        return Quarantine("tenant-mismatch: event names another municipality than its topic", envelope.event_id,
                          topic_tenant)
    if secret is None:
        return Quarantine("unknown-tenant: no signing secret for this municipality", envelope.event_id, topic_tenant)
    kind = envelope.WhichOneof("payload")
    if kind == "story_withdrawn":
        local_id = envelope.story_withdrawn.story_id
        if not local_id:
            return Quarantine("schema: withdrawal without story id", envelope.event_id, topic_tenant)
        return Tombstone(sector_story_id(secret, topic_tenant, local_id), envelope.event_id, topic_tenant,
                         envelope.story_withdrawn.reason or "withdrawn")
    if kind == "framework_published":
        return _framework(envelope, topic_tenant)
    if kind != "story_shared":
        return Quarantine(f"unexpected-event: {kind} does not belong on a municipality topic", envelope.event_id,
                          topic_tenant)
    return _story(envelope, topic_tenant, secret, region)


def _framework(envelope: pb.Envelope, tenant: str) -> Outcome:
    """A definition is forwarded as it is, keyed per version: it describes questions, not people. Its labels
    were written by the municipality's staff, so they pass the same identifier check as story text."""
    framework = envelope.framework_published
    problem = framework_problem(framework, tenant)
    if problem:
        return Quarantine(problem, envelope.event_id, tenant)
    findings = find_identifiers(free_texts(framework))
    if findings:
        return Quarantine(f"pii: {describe(findings)} in the framework definition", envelope.event_id, tenant)
    out = pb.Envelope()
    out.CopyFrom(envelope)
    return Forward(registry_id(tenant, framework.framework_id, framework.version), out)


def _story(envelope: pb.Envelope, tenant: str, secret: bytes, region: str) -> Outcome:
    story = envelope.story_shared
    if not story.consent_to_share:
        return Quarantine("no-consent: the storyteller did not consent to sharing", envelope.event_id, tenant)
    if not story.story_id or not story.text.strip():
        return Quarantine("schema: story without id or text", envelope.event_id, tenant)
    problem = first_problem(question_id_problem(a.question_id, tenant) for a in story.answers)
    if problem:
        return Quarantine(problem, envelope.event_id, tenant)
    findings = find_identifiers(free_texts(story))
    if findings:
        return Quarantine(f"pii: {describe(findings)} after anonymisation", envelope.event_id, tenant)
    for answer in story.answers:
        if answer.HasField("triad"):
            weights = (answer.triad.a, answer.triad.b, answer.triad.c)
            if any(w < 0 or w > 1 for w in weights) or abs(sum(weights) - 1) > 0.01:
                return Quarantine(f"schema: triad {answer.question_id} out of range", envelope.event_id, tenant)
        if answer.HasField("dyad") and not 0 <= answer.dyad.position <= 1:
            return Quarantine(f"schema: slider {answer.question_id} out of range", envelope.event_id, tenant)
    return coarsen(envelope, tenant, secret, region)


def coarsen(envelope: pb.Envelope, tenant: str, secret: bytes, region: str) -> Forward:
    """A checked story as the sector receives it: keyed story and thread ids, the week instead of the moment,
    the municipality's region."""
    story = envelope.story_shared
    out = pb.Envelope()
    out.CopyFrom(envelope)
    told = story.told_at.ToDatetime(tzinfo=UTC) if story.HasField("told_at") else envelope.occurred_at.ToDatetime(
        tzinfo=UTC)
    shared = out.story_shared
    shared.story_id = sector_story_id(secret, tenant, story.story_id)
    shared.told_week = iso_week(told)
    shared.ClearField("told_at")
    shared.region = region
    if story.thread_id:
        shared.thread_id = sector_thread_id(secret, tenant, story.thread_id)
    else:
        shared.thread_number = 0  # a number without a thread means nothing; never forward it alone
    dropped: tuple[str, ...] = ()
    if story.wave_id and not is_wave_id(story.wave_id):
        # Only a sector-generated slug may name a wave: anything else could be text a municipality typed. The
        # story still counts, outside any wave.
        shared.wave_id = ""
        dropped = ("wave_id",)
    # The exact moment is a quasi-identifier too: the sector sees the week only.
    out.occurred_at.FromDatetime(start_of_week(envelope.occurred_at.ToDatetime(tzinfo=UTC)))
    return Forward(shared.story_id, out, dropped)
