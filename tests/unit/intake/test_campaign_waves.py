"""The gateway's answer about sector waves, read by the intake (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from vertelpunt.intake.campaigns.waves import SectorWave, gateway_lookup, waves_from
from vertelpunt.kit.problem import Problem

pytestmark = pytest.mark.unit


def test_waves_are_read_from_the_answer_and_a_broken_answer_is_no_answer() -> None:
    answer = {"waves": [{"id": "wintermeting-r7kz", "name": "Wintermeting", "startsOn": "2028-01-03",
                         "endsOn": "2028-03-31"}]}

    assert waves_from(answer) == [SectorWave("wintermeting-r7kz", "Wintermeting", date(2028, 1, 3),
                                             date(2028, 3, 31))]
    assert waves_from({"waves": []}) == []
    for broken in (None, {}, {"waves": None}, {"waves": [{"id": "x"}]}, {"waves": [{"id": "x", "name": "y",
                                                                                   "startsOn": "gisteren",
                                                                                   "endsOn": "2028-01-01"}]}):
        assert waves_from(broken) is None


def test_an_unreachable_sector_is_a_problem_not_an_unknown_wave() -> None:
    find = gateway_lookup("http://127.0.0.1:9/graphql", "token")

    with pytest.raises(Problem) as raised:
        find("wintermeting-r7kz")
    assert raised.value.status == 503
