"""Story keys as people type them, and thread numbering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vertelpunt.intake.threads.keys import key_hash, new_key, next_number, normalise_key

pytestmark = pytest.mark.unit


@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=50)), max_size=12))
def test_the_next_number_follows_the_highest_and_never_repeats(numbers: list[int | None]) -> None:
    following = next_number(numbers)

    assert following not in numbers
    assert following == max([n for n in numbers if n] or [0]) + 1


@pytest.mark.parametrize("typed", ["vp-k7m2-x9qa-4hrt", " VP K7M2 X9QA 4HRT ", "k7m2x9qa4hrt", "VP-K7M2-X9QA-4HRT"])
def test_a_key_typed_in_other_ways_is_the_same_key(typed: str) -> None:
    assert normalise_key(typed) == "VP-K7M2-X9QA-4HRT"


@pytest.mark.parametrize("typed", ["", "VP-K7M2-X9QA", "VP-K7M2-X9QA-4HR0", "1234", "VP-IIII-OOOO-1111"])
def test_what_cannot_be_a_key_is_refused(typed: str) -> None:
    assert normalise_key(typed) is None


def test_a_new_key_is_valid_and_stored_only_as_a_hash() -> None:
    key = new_key()

    assert normalise_key(key) == key
    assert key not in key_hash(key) and len(key_hash(key)) == 64
