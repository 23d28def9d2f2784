"""Who acts in the intake: a logged-in staff member (roles from the token), or a client through a campaign link."""

from __future__ import annotations

from dataclasses import dataclass

from vertelpunt.intake.channels import Channel


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in staff member, or a client through a campaign link."""

    subject: str
    name: str
    roles: frozenset[str]
    campaign_id: str | None = None
    # For a client, the channel the server read from their device; a client never chooses it.
    device_channel: Channel = Channel.WEB

    @property
    def is_client(self) -> bool:
        return self.campaign_id is not None
