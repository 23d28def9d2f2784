"""Who may tell, review, read, list, withdraw and erase a story: the rules alone, before any validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vertelpunt.intake.actors import Actor
from vertelpunt.intake.stories import permissions
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.stories.schemas import StoryCreate
from vertelpunt.kit.auth import ROLE_STORYTELLER, ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST
from vertelpunt.kit.problem import Problem

pytestmark = pytest.mark.unit

TELLER = Actor("sub-teller", "ruud", frozenset({ROLE_STORYTELLER}))
COLLEAGUE = Actor("sub-collega", "noor", frozenset({ROLE_STORYTELLER}))
ANALYST = Actor("sub-analist", "sem", frozenset({ROLE_TENANT_ANALYST}))
ADMIN = Actor("sub-beheer", "lies", frozenset({ROLE_TENANT_ADMIN}))
NOBODY = Actor("sub-niemand", "kai", frozenset())
CLIENT = Actor("campaign:c-7", "klant", frozenset(), campaign_id="c-7")


def _command(**fields: object) -> StoryCreate:
    return StoryCreate.model_validate({"title": "Hulp bij de post", "text": "De brieven stapelden zich op.",
                                       **fields})


def _story(author: str | None = "sub-teller", entered_by: str | None = None, token: str | None = None) -> Story:
    return Story(id="s-1", tenant="GM0150", author_subject=author, entered_by=entered_by,
                 review_token_hash=permissions.token_hash(token) if token else None)


def _refused(code: str, check: object, *args: object) -> None:
    with pytest.raises(Problem) as refused:
        check(*args)  # type: ignore[operator]
    assert (refused.value.status, refused.value.type) == (403, code)


def test_storytellers_administrators_and_clients_tell_others_do_not() -> None:
    for actor in (TELLER, ADMIN, CLIENT):
        permissions.authorise_telling(_command(), actor)

    _refused("geen-verteller", permissions.authorise_telling, _command(), ANALYST)
    _refused("geen-verteller", permissions.authorise_telling, _command(), NOBODY)


def test_only_staff_enter_a_story_for_a_client() -> None:
    permissions.authorise_telling(_command(assisted=True), TELLER)

    _refused("geen-medewerker", permissions.authorise_telling, _command(assisted=True), CLIENT)


def test_only_administrators_import_earlier_stories_and_the_refusal_comes_before_the_date_is_checked() -> None:
    earlier = _command(toldAt=datetime(2026, 3, 2, 9, tzinfo=UTC))
    future = _command(toldAt=datetime.now(UTC) + timedelta(days=400))  # invalid, but refused for the role first

    permissions.authorise_telling(earlier, ADMIN)
    _refused("geen-beheerder", permissions.authorise_telling, earlier, TELLER)
    _refused("geen-beheerder", permissions.authorise_telling, future, CLIENT)


def test_a_review_needs_the_review_token_or_the_staff_member_who_told_or_entered_it() -> None:
    entered = _story(author=None, entered_by="sub-teller", token="rt-5kq")

    permissions.authorise_review(entered, None, "rt-5kq")
    permissions.authorise_review(entered, TELLER, None)
    permissions.authorise_review(_story(), TELLER, None)
    _refused("geen-toegang", permissions.authorise_review, entered, None, "rt-wrong")
    _refused("geen-toegang", permissions.authorise_review, entered, COLLEAGUE, None)
    _refused("geen-toegang", permissions.authorise_review, entered, ADMIN, None)  # not even an administrator
    # A client whose subject happens to equal the author still needs the token.
    _refused("geen-toegang", permissions.authorise_review, _story(author="campaign:c-7"), CLIENT, None)


def test_analysts_and_administrators_read_every_story_others_only_their_own() -> None:
    for actor in (ANALYST, ADMIN, TELLER):
        permissions.authorise_reading(_story(), actor)
    permissions.authorise_reading(_story(author=None, entered_by="sub-collega"), COLLEAGUE)

    _refused("geen-toegang", permissions.authorise_reading, _story(), COLLEAGUE)


def test_listing_is_everyones_for_readers_of_all_own_for_tellers_refused_otherwise() -> None:
    assert permissions.listed_author(ANALYST) is None and permissions.listed_author(ADMIN) is None
    assert permissions.listed_author(TELLER) == "sub-teller"

    _refused("geen-toegang", permissions.listed_author, NOBODY)
    _refused("geen-toegang", permissions.listed_author, CLIENT)


def test_withdrawing_and_erasing_is_for_administrators_and_whoever_told_or_entered_it() -> None:
    for actor in (ADMIN, TELLER):
        permissions.authorise_changing(_story(), actor)
    permissions.authorise_changing(_story(author=None, entered_by="sub-collega"), COLLEAGUE)

    _refused("geen-toegang", permissions.authorise_changing, _story(), ANALYST)
    _refused("geen-toegang", permissions.authorise_changing, _story(), COLLEAGUE)
