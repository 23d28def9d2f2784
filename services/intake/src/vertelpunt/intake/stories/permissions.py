"""Who may do what with a story: pure rules on the actor (and the story), checked before anything that was sent
is validated, so whether a request is refused never depends on its content. Each rule raises the Problem the
API answers."""

from __future__ import annotations

import hashlib
import secrets

from vertelpunt.intake.actors import Actor
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.stories.schemas import StoryCreate
from vertelpunt.kit.auth import ROLE_STORYTELLER, ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST
from vertelpunt.kit.problem import Problem


def forbidden() -> Problem:
    return Problem(403, "geen-toegang", "Je hebt geen toegang tot dit verhaal.")


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def authorise_telling(command: StoryCreate, actor: Actor) -> None:
    """Storytellers and administrators tell, clients through a campaign link; only staff enter a client's story
    (assisted); only administrators import stories told earlier."""
    if not actor.is_client and not actor.roles & {ROLE_STORYTELLER, ROLE_TENANT_ADMIN}:
        raise Problem(403, "geen-verteller", "Alleen vertellers kunnen een verhaal vertellen.")
    if command.assisted and actor.is_client:
        raise Problem(403, "geen-medewerker", "Alleen een medewerker kan een verhaal invoeren voor een klant.")
    if command.told_at is not None and ROLE_TENANT_ADMIN not in actor.roles:
        raise Problem(403, "geen-beheerder", "Alleen een beheerder kan eerder vertelde verhalen importeren.")


def authorise_review(story: Story, actor: Actor | None, review_token: str | None) -> None:
    """The storyteller reviews: with the review token (a client, or a story entered for one), or as the staff
    member who told or entered it."""
    if review_token and story.review_token_hash and secrets.compare_digest(token_hash(review_token),
                                                                             story.review_token_hash):
        return
    if actor is not None and not actor.is_client and (
            story.author_subject == actor.subject or story.entered_by == actor.subject):
        return
    raise forbidden()


def may_read_all(actor: Actor) -> bool:
    return bool(actor.roles & {ROLE_TENANT_ANALYST, ROLE_TENANT_ADMIN})


def authorise_reading(story: Story, actor: Actor) -> None:
    """Analysts and administrators read every story (logged); others only what they told or entered."""
    if not (may_read_all(actor) or story.author_subject == actor.subject or story.entered_by == actor.subject):
        raise forbidden()


def listed_author(actor: Actor) -> str | None:
    """Whose stories the actor may list: everyone's (None), or only their own; refused for anyone else."""
    if may_read_all(actor):
        return None
    if not actor.roles & {ROLE_STORYTELLER, ROLE_TENANT_ADMIN}:
        raise forbidden()
    return actor.subject


def authorise_changing(story: Story, actor: Actor) -> None:
    """Withdrawing and erasing: an administrator, or whoever told or entered the story."""
    if not (ROLE_TENANT_ADMIN in actor.roles or story.author_subject == actor.subject
            or story.entered_by == actor.subject):
        raise forbidden()
