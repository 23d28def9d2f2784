"""Building, encoding and decoding envelopes. Nothing outside the edges depends on the wire format."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from google.protobuf.message import DecodeError

from vertelpunt.contracts.v1 import events_pb2 as pb

SCHEMA_VERSION = 1


class UndecodableEvent(ValueError):
    """The bytes are not an Envelope of a known schema version; the reason goes to quarantine."""


def new_envelope(tenant: str, occurred_at: datetime | None = None, event_id: str | None = None) -> pb.Envelope:
    envelope = pb.Envelope(event_id=event_id or str(uuid.uuid4()), tenant=tenant, schema_version=SCHEMA_VERSION)
    envelope.occurred_at.FromDatetime(occurred_at or datetime.now(UTC))
    return envelope


def encode(envelope: pb.Envelope) -> bytes:
    return envelope.SerializeToString(deterministic=True)


def decode(data: bytes | None) -> pb.Envelope:
    if not data:
        raise UndecodableEvent("empty message")
    envelope = pb.Envelope()
    try:
        envelope.ParseFromString(data)
    except DecodeError as error:
        raise UndecodableEvent(f"not a protobuf Envelope: {error}") from None
    if not envelope.event_id or not envelope.tenant:
        raise UndecodableEvent("envelope without event_id or tenant")
    if envelope.schema_version != SCHEMA_VERSION:
        raise UndecodableEvent(f"unknown schema version {envelope.schema_version}")
    if envelope.WhichOneof("payload") is None:
        raise UndecodableEvent("envelope without payload")
    return envelope
