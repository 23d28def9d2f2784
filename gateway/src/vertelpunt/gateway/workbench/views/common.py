"""What every view shares: Dutch number formatting with suppression spelled out, the filter form, CSV tables.

Pure functions over the GraphQL answers (dicts), so they are tested without a server.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vertelpunt.gateway.workbench.text import say

SUPPRESSED = say("value.suppressed")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
CODE = re.compile(r"^GM\d{4}$")
VALUE = re.compile(r"^[\w .'()-]{1,80}$")


# -- numbers ---------------------------------------------------------------------------------------------------
def count_value(count: Mapping[str, Any] | None) -> int | None:
    """The number of a Count, or None when it is withheld (never a zero in its place)."""
    if not count or count.get("suppressed") or count.get("value") is None:
        return None
    return int(count["value"])


def count_text(count: Mapping[str, Any] | None) -> str:
    value = count_value(count)
    return SUPPRESSED if value is None else thousands(value)


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def share_available(share: Mapping[str, Any] | None) -> bool:
    return bool(share) and not share.get("suppressed") and share.get("value") is not None  # type: ignore[union-attr]


def share_text(share: Mapping[str, Any] | None) -> str:
    """'75% (62 tot 85%)': the share and its 95% interval, or the suppression phrase."""
    if not share_available(share):
        return SUPPRESSED
    assert share is not None
    return say("share.interval", share=percent(share["value"]), lower=round(share["lower"] * 100),
               upper=percent(share["upper"]))


def csv_number(value: float | int | None, decimals: int = 0) -> str:
    """A number for a CSV cell: decimal comma (Dutch spreadsheets), the suppression phrase when withheld."""
    if value is None:
        return SUPPRESSED
    if decimals == 0:
        return str(int(value))
    return f"{value:.{decimals}f}".replace(".", ",")


def csv_percent(value: float | None) -> str:
    return csv_number(None if value is None else value * 100, 1)


def to_csv(header: Sequence[str], rows: Sequence[Sequence[str | int]]) -> str:
    """Semicolon-separated with a byte order mark: opens correctly in Dutch spreadsheet programs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


# -- the filter form -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What a person chose in the filter form (values as ids); `errors` explains what was ignored."""

    period_from: str = ""  # "2026-05"
    period_to: str = ""
    municipality: str = ""
    region: str = ""
    role: str = ""
    errors: tuple[str, ...] = field(default=())

    @classmethod
    def parse(cls, params: Mapping[str, str], prefix: str = "") -> Filters:
        errors: list[str] = []
        values: dict[str, str] = {}
        for name in ("period_from", "period_to"):
            raw = params.get(prefix + name, "").strip()
            if raw and not _month(raw):
                errors.append(say("filters.error.month", value=raw[:20]))
                raw = ""
            values[name] = raw
        municipality = params.get(prefix + "municipality", "").strip()
        if municipality and not CODE.match(municipality):
            errors.append(say("filters.error.municipality"))
            municipality = ""
        for name in ("region", "role"):
            raw = params.get(prefix + name, "").strip()
            if raw and not VALUE.match(raw):
                errors.append(say("filters.error.value"))
                raw = ""
            values[name] = raw
        if values["period_from"] and values["period_to"] and values["period_from"] > values["period_to"]:
            errors.append(say("filters.error.swapped"))
            values["period_from"], values["period_to"] = values["period_to"], values["period_from"]
        return cls(values["period_from"], values["period_to"], municipality, values["region"], values["role"],
                   tuple(errors))

    def story_filter(self) -> dict[str, Any] | None:
        """A StoryFilterInput for the analyses (None without any filter)."""
        result: dict[str, Any] = {**self._period()}
        if self.municipality:
            result["municipalities"] = [self.municipality]
        if self.region:
            result["regions"] = [self.region]
        if self.role:
            result["roles"] = [self.role]
        return result or None

    def list_filter(self) -> dict[str, Any] | None:
        """A StoryListFilter for story lists: released context only (region, role, period; docs/disclosure.md)."""
        result: dict[str, Any] = {**self._period()}
        if self.region:
            result["regions"] = [self.region]
        if self.role:
            result["roles"] = [self.role]
        return result or None

    def _period(self) -> dict[str, str]:
        result = {}
        if self.period_from:
            result["periodFrom"] = month_start(self.period_from).isoformat()
        if self.period_to:
            result["periodTo"] = month_end(self.period_to).isoformat()
        return result

    def query(self, prefix: str = "") -> dict[str, str]:
        """The form values as query parameters (for links that keep the filters)."""
        pairs = {"period_from": self.period_from, "period_to": self.period_to, "municipality": self.municipality,
                 "region": self.region, "role": self.role}
        return {prefix + k: v for k, v in pairs.items() if v}

    def describe(self, labels: Any) -> str:
        """The chosen filters in words, for captions and CSV headers."""
        parts = []
        if self.period_from or self.period_to:
            parts.append(say("filters.describe.period", start=self.period_from or say("filters.describe.start"),
                             end=self.period_to or say("filters.describe.end")))
        if self.municipality:
            parts.append(say("filters.describe.municipality", name=labels.municipality(self.municipality)))
        if self.region:
            parts.append(say("filters.describe.region", name=self.region))
        if self.role:
            parts.append(say("filters.describe.role", name=labels.value("role", self.role).lower()))
        return ", ".join(parts) if parts else say("filters.describe.all")


def _month(text: str) -> tuple[int, int] | None:
    match = MONTH.match(text)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def month_start(text: str) -> date:
    year, month = _month(text) or (2000, 1)
    return date(year, month, 1)


def month_end(text: str) -> date:
    year, month = _month(text) or (2000, 1)
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Facets:
    """The values the filter form offers: municipalities, regions, roles and months that have stories."""

    municipalities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    months: tuple[str, ...] = ()

    @classmethod
    def from_answer(cls, data: Mapping[str, Any]) -> Facets:
        keys: dict[str, list[str]] = {}
        for table in (data["places"], data["people"]):
            for margin in table["margins"]:
                keys[margin["field"]] = sorted({cell["keys"][0] for cell in margin["cells"]})
        months = sorted({point["period"][:7] for point in data["months"]["points"]})
        return cls(tuple(keys.get("municipality", ())), tuple(keys.get("region", ())), tuple(keys.get("role", ())),
                   tuple(months))
