"""How a story came in: the wire enum and the names the intake, the index and the API use. One map for all."""

from __future__ import annotations

from vertelpunt.contracts.v1 import events_pb2 as pb

CHANNEL_NAMES = {pb.CHANNEL_WEB: "web", pb.CHANNEL_PHONE: "phone", pb.CHANNEL_TABLET: "tablet",
                 pb.CHANNEL_ASSISTED: "assisted", pb.CHANNEL_API: "api"}
CHANNELS_BY_NAME = {name: value for value, name in CHANNEL_NAMES.items()}
