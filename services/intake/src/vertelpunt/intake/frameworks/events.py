"""Translating a framework version into the event that tells the sector its definitions (the only place that
knows the FrameworkPublished wire format on the intake side), and the sector's name of a question.

Only the questions meant for sharing travel (the same ones whose answers StoryShared carries), with their Dutch
labels, options, triad corners and slider poles; never answers or stories.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from vertelpunt.contracts.envelopes import new_envelope
from vertelpunt.contracts.framework_document import LOCALE, QUESTION_TYPES, registry_id
from vertelpunt.contracts.question_ids import namespaced
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.intake.frameworks.core import core_framework, core_question_ids
from vertelpunt.intake.frameworks.models import Framework, Option, Question

WIRE_TYPES = {name: wire for wire, name in QUESTION_TYPES.items()}
# Event ids of FrameworkPublished are derived (uuid5) from the version, in a namespace of their own.
FRAMEWORK_EVENTS = uuid.UUID("6f1c7d0e-3b8a-5d2e-9a41-7c0b5e2f8d13")


def sector_question_id(tenant: str, question_id: str) -> str:
    """How the sector names a question: a core id as it is, the municipality's own namespaced
    ("gm0193.wachttijd"), so two municipalities' questions with the same local id never mix."""
    return question_id if question_id in core_question_ids() else namespaced(tenant, question_id)


def framework_event_id(tenant: str, framework_id: str, version: str) -> str:
    """The same version always gives the same event id: announcing it twice is one event downstream."""
    return str(uuid.uuid5(FRAMEWORK_EVENTS, registry_id(tenant, framework_id, version)))


def travelling_text(label: Mapping[str, str] | None) -> str | None:
    """The wording of a label that travels to the sector: the Dutch only, since the sector's identifier check reads
    Dutch (an English label is refused there). None when there is no Dutch wording."""
    return label[LOCALE] if label and label.get(LOCALE) else None


def _texts(label: Mapping[str, str] | None) -> dict[str, str]:
    text = travelling_text(label)
    return {LOCALE: text} if text is not None else {}


def _part(option: Option) -> pb.FrameworkOption:
    return pb.FrameworkOption(id=option.id, label=_texts(option.label), client_label=_texts(option.client_label))


def _question(tenant: str, question: Question) -> pb.FrameworkQuestion:
    return pb.FrameworkQuestion(
        id=sector_question_id(tenant, question.id), type=WIRE_TYPES[question.type], category=question.category,
        label=_texts(question.label), client_label=_texts(question.client_label),
        options=[_part(o) for o in question.options], corners=[_part(c) for c in question.corners],
        poles=[_part(p) for p in question.poles], allow_other=question.allow_other, allow_na=question.allow_na)


def framework_published(tenant: str, framework: Framework) -> pb.Envelope:
    envelope = new_envelope(tenant, event_id=framework_event_id(tenant, framework.id, framework.version))
    envelope.framework_published.CopyFrom(pb.FrameworkPublished(
        framework_id=framework.id, version=framework.version, title=_texts(framework.title),
        core_version=core_framework().version,
        questions=[_question(tenant, q) for q in framework.questions if q.shared]))
    return envelope


def definition_key(envelope: pb.Envelope) -> str:
    """The Kafka key of a definition, on the municipality's topic and (after federation) the sector topic: one
    per version, so compaction keeps every version."""
    published = envelope.framework_published
    return registry_id(envelope.tenant, published.framework_id, published.version)
