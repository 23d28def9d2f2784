"""Prometheus metrics of the federation layer."""

from prometheus_client import Counter, Gauge

EVENTS = Counter("vertelpunt_federation_events_total", "Events handled per municipality and outcome",
                 ["tenant", "outcome"])
QUARANTINED = Counter("vertelpunt_federation_quarantined_total", "Quarantined events per reason",
                      ["tenant", "reason"])
CONSUMER_LAG = Gauge("vertelpunt_federation_consumer_lag", "Messages not yet handled per municipality topic",
                     ["topic"])
