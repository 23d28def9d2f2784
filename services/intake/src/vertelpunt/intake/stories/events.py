"""Translating a story into the events that cross the municipality's boundary (the only place that knows
the wire format on the intake side)."""

from __future__ import annotations

from typing import Any

from vertelpunt.contracts.channels import CHANNELS_BY_NAME
from vertelpunt.contracts.envelopes import new_envelope
from vertelpunt.contracts.v1 import events_pb2 as pb
from vertelpunt.intake.frameworks.events import sector_question_id
from vertelpunt.intake.frameworks.models import Framework
from vertelpunt.intake.stories.models import Story


def _answer(tenant: str, question_id: str, stored: dict[str, Any]) -> pb.Answer:
    answer = pb.Answer(question_id=sector_question_id(tenant, question_id),
                       not_applicable=bool(stored.get("notApplicable")))
    if answer.not_applicable:
        return answer
    if stored.get("triad") is not None:
        a, b, c = stored["triad"]
        answer.triad.CopyFrom(pb.TriadAnswer(a=a, b=b, c=c))
    elif stored.get("dyad") is not None:
        answer.dyad.CopyFrom(pb.DyadAnswer(position=stored["dyad"]))
    else:
        answer.choice.CopyFrom(pb.ChoiceAnswer(option_ids=stored.get("choices") or [],
                                               other_text=stored.get("anonymisedOther") or ""))
    return answer


def story_shared(story: Story, framework: Framework, published_campaign_label: str, wave_id: str = "") -> pb.Envelope:
    """Only anonymised text and answers to questions meant for sharing; never raw text or the author.

    The municipality's own questions carry their sector id ("gm0193.wachttijd"), as in FrameworkPublished.
    Every free-text field here is anonymised: title and text (and their review), the "other" answers (the only
    free text of core and municipal questions alike), and the campaign label (its published, anonymised form).
    The wave id is no text: the id of a sector wave the campaign joined, checked with the sector when joining.
    """
    if not story.consent_to_share:
        raise ValueError("a story without consent never produces an event")
    envelope = new_envelope(story.tenant)
    shared_questions = {q.id for q in framework.questions if q.shared}
    redactions = sum(len(v) for v in story.entities.values())
    payload = pb.StoryShared(
        story_id=story.id, framework_id=framework.id, framework_version=story.framework_version,
        title=story.anonymised_title or "", text=story.anonymised_text or "", language=story.language,
        channel=CHANNELS_BY_NAME[story.channel], consent_to_share=True, campaign_label=published_campaign_label,
        redaction_count=redactions, storyteller_role=story.storyteller_role,
        answers=[_answer(story.tenant, qid, a) for qid, a in sorted(story.answers.items()) if qid in shared_questions],
        # The municipality's random thread id (the federation replaces it by a keyed pseudonym); never the key.
        thread_id=story.thread_id or "", thread_number=story.thread_number or 0, wave_id=wave_id,
    )
    told_at = story.told_at or story.submitted_at
    assert told_at is not None
    payload.told_at.FromDatetime(told_at)
    envelope.story_shared.CopyFrom(payload)
    return envelope


def story_withdrawn(story: Story, reason: str) -> pb.Envelope:
    envelope = new_envelope(story.tenant)
    envelope.story_withdrawn.CopyFrom(pb.StoryWithdrawn(story_id=story.id, reason=reason))
    return envelope
