"""Prometheus metrics of the federation layer."""

from prometheus_client import Counter, Gauge

EVENTS = Counter("vertelpunt_federation_events_total", "Events handled per municipality and outcome",
                 ["tenant", "outcome"])
QUARANTINED = Counter("vertelpunt_federation_quarantined_total", "Quarantined events per reason",
                      ["tenant", "reason"])
CONSUMER_LAG = Gauge("vertelpunt_federation_consumer_lag", "Messages not yet handled per municipality topic",
                     ["topic"])
RELAY_PUBLISHED = Counter("vertelpunt_relay_published_total", "Outbox events published", ["tenant"])
RELAY_PENDING = Gauge("vertelpunt_relay_pending", "Outbox rows not yet acknowledged by the broker", ["tenant"])
RELAY_ERRORS = Counter("vertelpunt_relay_errors_total", "Failed publish attempts", ["tenant"])
