"""StoryService.tell on the embedded database (SQLite keeps no time zone offset)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.cli.seed import generate
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.database import Database
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.stories.events import story_shared
from vertelpunt.intake.stories.permissions import ROLE_TENANT_ADMIN
from vertelpunt.intake.stories.repository import StoryRepository
from vertelpunt.intake.stories.schemas import StoryCreate
from vertelpunt.intake.stories.service import StoryService

pytestmark = pytest.mark.unit

TENANT = "GM0268"
ADMIN = Actor(subject="beheer-nijmegen", name="Beheer", roles=frozenset({ROLE_TENANT_ADMIN}))


@pytest.mark.parametrize(("told", "in_utc"), [
    ("2026-03-28T23:45:00+01:00", datetime(2026, 3, 28, 22, 45, tzinfo=UTC)),  # winter time, late evening
    ("2026-07-05T00:30:00+02:00", datetime(2026, 7, 4, 22, 30, tzinfo=UTC)),   # summer time: the day before in UTC
    ("2026-10-12T08:00:00-04:00", datetime(2026, 10, 12, 12, 0, tzinfo=UTC)),
])
def test_the_moment_told_travels_as_the_same_instant_after_a_round_trip_through_the_database(
        database: Database, told: str, in_utc: datetime) -> None:
    body = next(iter(generate(1, seed=61, tenants={TENANT: ("Nijmegen", "")}))).story_create()
    body["toldAt"] = told
    with database.unit_of_work() as session:
        story_id = StoryService(session, TENANT, AnonymiserConfig()).tell(StoryCreate.model_validate(body), ADMIN).id

    with database.unit_of_work() as session:  # a later request reads the story back
        story = StoryRepository(session, TENANT).get(story_id)
        assert story is not None
        story.submitted_at = datetime(2026, 11, 1, tzinfo=UTC)
        envelope = story_shared(story, FrameworkService(session, TENANT).current(), "")

    assert envelope.story_shared.told_at.ToDatetime(tzinfo=UTC) == in_utc
