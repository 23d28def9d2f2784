"""Measure versions (gateway/measures.py): the opaque text a client gets and sends back, OpenSearch's sequence
number and primary term, and nothing else."""

from __future__ import annotations

import pytest

from vertelpunt.gateway.measures import Version

pytestmark = pytest.mark.unit


def test_a_version_travels_as_text_and_back() -> None:
    seen = Version.of({"_seq_no": 17, "_primary_term": 3})
    assert str(seen) == "3-17" and Version.parse(" 3-17 ") == seen


@pytest.mark.parametrize("text", ["", "17", "3-", "-3-17", "3-17-1", "a-b", "3_17", "1" * 19 + "-1"])
def test_text_that_was_never_a_version_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a measure version"):
        Version.parse(text)
