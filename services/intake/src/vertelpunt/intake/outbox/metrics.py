"""Prometheus metrics of the outbox relay."""

from prometheus_client import Counter, Gauge

RELAY_PUBLISHED = Counter("vertelpunt_relay_published_total", "Outbox events published", ["tenant"])
RELAY_PENDING = Gauge("vertelpunt_relay_pending", "Outbox rows not yet acknowledged by the broker", ["tenant"])
RELAY_ERRORS = Counter("vertelpunt_relay_errors_total", "Failed publish attempts", ["tenant"])
