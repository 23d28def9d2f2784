"""The sector gateway's GraphQL, asked on behalf of a logged-in person with their own token (so the gateway's
roles and disclosure rules apply to them): reflection after telling, and the sector waves a campaign can join."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

TIMEOUT_SECONDS = 5


def ask_gateway(url: str, token: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """One GraphQL call; its `data`, or None when the gateway is unreachable, slow or answers with errors only."""
    if not url.startswith(("http://", "https://")):  # never file:// or other schemes urllib would open
        return None
    request = urllib.request.Request(url, data=json.dumps({"query": query, "variables": variables or {}}).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {token}"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body: dict[str, Any] = json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        return None
    data: dict[str, Any] | None = body.get("data")
    return data
