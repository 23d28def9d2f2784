"""Sector listening waves (meetronden) a campaign can join. The sector defines them in its gateway; the intake
only asks which exist (with the administrator's own token) and keeps the id of the one a campaign joined."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from vertelpunt.intake.sector_gateway import ask_gateway
from vertelpunt.kit.problem import Problem

WAVES_QUERY = "query SectorWaves { waves { id name startsOn endsOn } }"


@dataclass(frozen=True)
class SectorWave:
    id: str
    name: str
    starts_on: date
    ends_on: date


# A wave by its id; None when the sector does not know it. Raises a Problem when the sector cannot be asked.
WaveLookup = Callable[[str], SectorWave | None]


def waves_from(data: dict[str, Any] | None) -> list[SectorWave] | None:
    """Pure: the gateway's answer as waves, or None when there is no usable answer."""
    if data is None or not isinstance(data.get("waves"), list):
        return None
    try:
        return [SectorWave(str(w["id"]), str(w["name"]), date.fromisoformat(w["startsOn"]),
                           date.fromisoformat(w["endsOn"])) for w in data["waves"]]
    except (KeyError, TypeError, ValueError):
        return None


def gateway_lookup(url: str, token: str) -> WaveLookup:
    def find(wave_id: str) -> SectorWave | None:
        waves = waves_from(ask_gateway(url, token, WAVES_QUERY))
        if waves is None:
            raise Problem(503, "sector-niet-bereikbaar", "We kunnen de sectorrondes nu niet ophalen. Probeer het "
                          "later opnieuw.")
        return next((w for w in waves if w.id == wave_id), None)

    return find
