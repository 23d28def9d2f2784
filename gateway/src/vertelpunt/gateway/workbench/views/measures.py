"""Trends: the form to add, change or remove a measure (maatregel), checked before the gateway is asked, with
errors in Dutch per field for the error summary; and who made or changed a measure, in words. The form carries the
version of the measure the person saw, so a save or removal after someone else's change is refused (gateway
measures.py) and explained with the measure as it is now (`stale_text`), without losing what was typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from vertelpunt.gateway.workbench.text import say
from vertelpunt.kit.auth import ROLE_SECTOR_ANALYST, ROLE_TENANT_ADMIN, ROLE_TENANT_ANALYST

LABEL = "measure-label"  # ids of the form fields: the error summary links to them
ON = "measure-on"
CONFIRM = "measure-confirm"
# Query flags the Trends page gets back after a change, and the notice each one shows.
NOTICES = {"opgeslagen": "measure.saved", "gewijzigd": "measure.changed", "verwijderd": "measure.removed"}


@dataclass(frozen=True)
class MeasureForm:
    """What a person typed, the version of the measure it started from (empty when adding), and per field id what
    is wrong with it (empty when nothing is)."""

    label: str = ""
    on: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    version: str = ""

    def with_error(self, field_id: str, message: str) -> MeasureForm:
        return replace(self, errors={**self.errors, field_id: message})


def check(label: str, on: str, version: str = "") -> MeasureForm:
    """The form's values, checked the way the gateway checks them (2 to 200 characters, a real date)."""
    label, on, version = label.strip()[:300], on.strip()[:40], version.strip()[:40]
    errors = {}
    if not label:
        errors[LABEL] = say("measure.error.label_empty")
    elif not 2 <= len(label) <= 200:
        errors[LABEL] = say("measure.error.label_length")
    if not on:
        errors[ON] = say("measure.error.date_empty")
    else:
        try:
            day = date.fromisoformat(on)
        except ValueError:
            errors[ON] = say("measure.error.date_invalid")
        else:
            if not 2000 <= day.year <= 2100:
                errors[ON] = say("measure.error.date_range")
    return MeasureForm(label, on, errors, version)


def stale_text(now: Mapping[str, Any], removing: bool = False) -> str:
    """Someone else changed the measure after this person opened it: say so, with its name and date as they are
    now, and what to do (the form keeps what this person typed)."""
    day = date.fromisoformat(str(now["on"]))
    return say("measure.error.stale_remove" if removing else "measure.error.stale", label=now["label"],
               day=f"{day.day}-{day.month}-{day.year}")


def may_change(roles: frozenset[str], tenant: str | None, municipality: str | None) -> bool:
    """Whether to offer "change" for a measure (the gateway checks again): sector analysts the sector-wide ones,
    the analysts of a municipality its own (gateway/permissions.py, MayChangeMeasure)."""
    if municipality is None:
        return ROLE_SECTOR_ANALYST in roles
    return tenant == municipality and bool(roles & {ROLE_TENANT_ANALYST, ROLE_TENANT_ADMIN})


def _moment(value: str | None) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    return f"{moment.day}-{moment.month}-{moment.year}"


def audit_text(audit: Mapping[str, Any] | None) -> str:
    """'Toegevoegd door analist.zwolle op 3-9-2026. Gewijzigd door beheer.zwolle op 5-9-2026.'"""
    if not audit:
        return ""
    parts = []
    if audit.get("createdBy"):
        parts.append(say("measure.audit.created", who=audit["createdBy"], day=_moment(audit.get("createdAt"))))
    if audit.get("changedBy"):
        parts.append(say("measure.audit.changed", who=audit["changedBy"], day=_moment(audit.get("changedAt"))))
    return " ".join(parts)
