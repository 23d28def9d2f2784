"""The framework in force on the hot path: telling a story may reuse the latest version number read in the last
seconds (no database round trip per story), yet a story answering a question published meanwhile by another
worker is checked against the newest version instead of refused."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from vertelpunt.anonymisation import AnonymiserConfig
from vertelpunt.cli.seed import generate
from vertelpunt.intake.actors import Actor
from vertelpunt.intake.database import Database
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.repository import FrameworkExtensionRepository
from vertelpunt.intake.frameworks.service import FrameworkService
from vertelpunt.intake.stories.permissions import ROLE_STORYTELLER
from vertelpunt.intake.stories.schemas import StoryCreate
from vertelpunt.intake.stories.service import StoryService

pytestmark = pytest.mark.unit

TENANT = "GM0307"
OPENING_HOURS = Question.model_validate({
    "id": "spreekuur", "type": "single_choice", "category": "situation", "label": {"nl": "Kwam u op het spreekuur?"},
    "options": [{"id": "ja", "label": {"nl": "Ja"}}, {"id": "nee", "label": {"nl": "Nee"}}],
})
WRITER = Actor(subject="consulent-7", name="Consulent", roles=frozenset({ROLE_STORYTELLER}))


def _count_version_lookups(database: Database) -> list[str]:
    lookups: list[str] = []

    @event.listens_for(database.engine, "before_cursor_execute")
    def remember(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if "max(framework_extensions.version)" in statement:
            lookups.append(statement)

    return lookups


def _story() -> StoryCreate:
    body = next(iter(generate(1, seed=41, tenants={TENANT: ("Hengelo", "")}))).story_create()
    body.pop("toldAt")
    body["answers"]["spreekuur"] = {"choices": ["nee"]}
    return StoryCreate.model_validate(body)


def test_recent_version_number_is_reused_within_max_age_and_read_again_without(database: Database) -> None:
    lookups = _count_version_lookups(database)
    with database.unit_of_work() as session:
        service = FrameworkService(session, TENANT)
        first = service.current(max_age=60)
        again = service.current(max_age=60)
        exact = service.current()

    assert first.version == again.version == exact.version == "1.0.0"
    assert len(lookups) == 2  # the second call reused the first read; max_age=0 always reads


def test_publishing_forgets_the_remembered_version_in_this_process(database: Database) -> None:
    with database.unit_of_work() as session:
        FrameworkService(session, TENANT).current(max_age=60)
    with database.unit_of_work() as session:
        FrameworkService(session, TENANT).publish_extension((OPENING_HOURS,), AnonymiserConfig())
    with database.unit_of_work() as session:
        assert FrameworkService(session, TENANT).current(max_age=60).version == f"1.0.0+{TENANT}.1"


def test_a_story_answering_a_question_another_worker_just_published_is_accepted(database: Database) -> None:
    with database.unit_of_work() as session:  # this worker remembers: no extension yet
        assert FrameworkService(session, TENANT).current(max_age=60).version == "1.0.0"
    with database.unit_of_work() as session:  # another worker publishes (straight to the table: no local forget)
        FrameworkExtensionRepository(session, TENANT).add(1, (OPENING_HOURS,))

    with database.unit_of_work() as session:
        answered = StoryService(session, TENANT, AnonymiserConfig()).tell(_story(), WRITER)

    assert answered.framework_version == f"1.0.0+{TENANT}.1"
