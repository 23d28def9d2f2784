"""Prometheus metrics of the federation layer."""

from prometheus_client import Counter, Gauge

EVENTS = Counter("vertelpunt_federation_events_total", "Events handled per municipality and outcome",
                 ["tenant", "outcome"])
QUARANTINED = Counter("vertelpunt_federation_quarantined_total", "Quarantined events per reason",
                      ["tenant", "reason"])
DROPPED_FIELDS = Counter("vertelpunt_federation_dropped_fields_total",
                         "Fields cleared from forwarded stories because they broke the sector format",
                         ["tenant", "field"])
CONSUMER_LAG = Gauge("vertelpunt_federation_consumer_lag", "Messages not yet handled per municipality topic",
                     ["topic"])
