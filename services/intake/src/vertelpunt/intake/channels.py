"""How a story comes in. The names are the wire's (`vertelpunt.contracts.channels`); a client's channel is read
from the device, never chosen."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    WEB = "web"
    PHONE = "phone"
    TABLET = "tablet"
    ASSISTED = "assisted"
    API = "api"


# A client through a campaign link never chooses the channel: the server reads it from the device.
CLIENT_CHANNELS = frozenset({Channel.WEB, Channel.PHONE, Channel.TABLET})


def channel_from_user_agent(user_agent: str) -> Channel:
    agent = user_agent.lower()
    if "ipad" in agent or "tablet" in agent or ("android" in agent and "mobile" not in agent):
        return Channel.TABLET
    if "mobile" in agent or "iphone" in agent:
        return Channel.PHONE
    return Channel.WEB
