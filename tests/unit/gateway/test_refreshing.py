"""A shared value recomputed in the background only when what it reads has changed."""

from __future__ import annotations

import time

import pytest

from vertelpunt.gateway.refreshing import Refreshing

pytestmark = pytest.mark.unit


class Index:
    def __init__(self) -> None:
        self.stories = 1200
        self.aggregations = 0

    def count(self) -> int:
        self.aggregations += 1
        return self.stories

    def visible_state(self) -> tuple[int, str]:
        return self.stories, "2026-10-03T08:15:00Z"


def _settle(value: Refreshing[int]) -> int | None:
    """Ask once (a stale value starts a background check), then wait until that check has finished."""
    value.current()
    for _ in range(500):
        if not value._refreshing:
            break
        time.sleep(0.005)
    return value._value


def test_an_unchanged_index_is_not_aggregated_again() -> None:
    index = Index()
    value = Refreshing(index.count, ttl_seconds=0.0, name="telling", version=index.visible_state)

    for _ in range(5):
        _settle(value)

    assert value.current() == 1200
    assert index.aggregations == 1


def test_a_changed_index_is_aggregated_again() -> None:
    index = Index()
    value = Refreshing(index.count, ttl_seconds=0.0, name="telling", version=index.visible_state)
    _settle(value)

    index.stories = 1201
    settled = _settle(value)

    assert settled == 1201 and index.aggregations == 2


def test_without_a_version_every_stale_value_is_computed_again() -> None:
    index = Index()
    value = Refreshing(index.count, ttl_seconds=0.0, name="telling")

    for _ in range(3):
        _settle(value)

    assert index.aggregations == 3
