from __future__ import annotations

from collections import namedtuple

import pytest

from vertelpunt.kit.consumer_lag import LagMeter

pytestmark = pytest.mark.unit
TP = namedtuple("TP", "topic partition")


class FakeConsumer:
    def __init__(self, ends: dict[TP, int], positions: dict[TP, int]) -> None:
        self.ends, self.positions, self.calls = ends, positions, 0

    def assignment(self) -> set[TP]:
        return set(self.ends)

    def end_offsets(self, partitions: list[TP]) -> dict[TP, int]:
        self.calls += 1
        return {tp: self.ends[tp] for tp in partitions}

    def position(self, tp: TP) -> int:
        return self.positions[tp]


def test_lag_is_summed_per_topic_and_measured_at_most_once_per_interval() -> None:
    recorded: dict[str, int] = {}
    consumer = FakeConsumer({TP("a", 0): 10, TP("a", 1): 5, TP("b", 0): 7},
                            {TP("a", 0): 4, TP("a", 1): 5, TP("b", 0): 9})
    meter = LagMeter(recorded.__setitem__, interval=3600)

    meter.measure(consumer)
    meter.measure(consumer)

    assert recorded == {"a": 6, "b": 0} and consumer.calls == 1
