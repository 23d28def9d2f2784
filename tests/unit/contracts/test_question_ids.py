"""Question ids in the sector: core ids as they are, a municipality's own questions namespaced."""

from __future__ import annotations

import pytest

from vertelpunt.contracts.core_questions import CORE_QUESTION_IDS
from vertelpunt.contracts.question_ids import QUESTION_ID, namespaced, owner
from vertelpunt.intake.frameworks.service import core_framework

pytestmark = pytest.mark.unit


def test_a_municipal_id_gets_the_lower_case_cbs_code_and_can_be_traced_back() -> None:
    assert namespaced("GM0150", "eerste-contact") == "gm0150.eerste-contact"
    assert owner("gm0150.eerste-contact") == "GM0150"
    assert owner("interventie") is None
    assert QUESTION_ID.match("gm0150.eerste-contact") and QUESTION_ID.match("interventie")


@pytest.mark.parametrize("bad", ["GM0150.x", "gm150.x", "gm0150.", "gm0150.a.b", "a b", "", "gm0150.Hoi"])
def test_ids_outside_the_pattern_are_refused(bad: str) -> None:
    assert not QUESTION_ID.match(bad)


def test_namespacing_refuses_what_would_not_be_a_question_id() -> None:
    with pytest.raises(ValueError):
        namespaced("gm0150", "eerste-contact")
    with pytest.raises(ValueError):
        namespaced("GM0150", "al.genamespaced")


def test_the_core_ids_of_the_contract_are_those_of_the_core_framework() -> None:
    assert frozenset(q.id for q in core_framework().questions) == CORE_QUESTION_IDS
