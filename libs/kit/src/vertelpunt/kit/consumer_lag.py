"""Consumer lag per topic: how many messages the assigned partitions still hold after the consumer's position.

Measured at most every `interval` seconds: `end_offsets` is a broker round trip, and lag is a gauge for
dashboards, not a control signal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


class LagMeter:
    def __init__(self, record: Callable[[str, int], None], interval: float = 10.0) -> None:
        self.record = record
        self.interval = interval
        self._measured = float("-inf")

    def measure(self, consumer: Any) -> None:
        """`consumer` is a kafka-python KafkaConsumer (assignment, end_offsets, position)."""
        if time.monotonic() - self._measured < self.interval:
            return
        self._measured = time.monotonic()
        assigned = list(consumer.assignment())
        if not assigned:
            return
        ends = consumer.end_offsets(assigned)
        per_topic: dict[str, int] = {}
        for tp in assigned:
            per_topic[tp.topic] = per_topic.get(tp.topic, 0) + max(0, ends[tp] - consumer.position(tp))
        for topic, lag in per_topic.items():
            self.record(topic, lag)
