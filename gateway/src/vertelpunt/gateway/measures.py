"""Measures (maatregelen) that analysts mark on the timeline, to compare before and after.

Who may add, change or remove one is declared in permissions.py (sector analysts: sector-wide measures; the
analysts of a municipality: its own). Every change keeps an audit trail on the measure: who made it and when, and
who changed it last and when. Removing a measure hides it from the timeline but keeps the record (and who removed
it) in the index.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError

MAPPING = {"properties": {"id": {"type": "keyword"}, "label": {"type": "text"}, "on": {"type": "date"},
                          "municipality": {"type": "keyword"}, "created_by": {"type": "keyword"},
                          "created_by_name": {"type": "keyword"}, "created_at": {"type": "date"},
                          "changed_by": {"type": "keyword"}, "changed_by_name": {"type": "keyword"},
                          "changed_at": {"type": "date"}, "deleted": {"type": "boolean"}}}


@dataclass(frozen=True)
class Audit:
    """Who made a measure and when; who changed (or removed) it last and when (None when never changed)."""

    created_by: str | None
    created_at: datetime | None
    changed_by: str | None = None
    changed_at: datetime | None = None


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    on: date
    municipality: str | None
    audit: Audit | None = None


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _measure(source: dict[str, Any]) -> Measure:
    audit = Audit(source.get("created_by_name") or source.get("created_by"), _moment(source.get("created_at")),
                  source.get("changed_by_name"), _moment(source.get("changed_at")))
    return Measure(source["id"], source["label"], date.fromisoformat(source["on"][:10]), source.get("municipality"),
                   audit)


class MeasureStore:
    def __init__(self, client: OpenSearch, index: str) -> None:
        self.client = client
        self.index = index

    def _ensure(self) -> None:
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(index=self.index, body={"mappings": MAPPING}, ignore=[400])
        else:  # an index made before the audit fields existed: new fields are added in place
            self.client.indices.put_mapping(index=self.index, body=MAPPING)

    def add(self, label: str, on: date, municipality: str | None, created_by: str,
            created_by_name: str | None = None) -> Measure:
        self._ensure()
        measure = Measure(str(uuid.uuid4()), label, on, municipality)
        self.client.index(index=self.index, id=measure.id, refresh="wait_for", body={
            "id": measure.id, "label": label, "on": on.isoformat(), "municipality": municipality,
            "created_by": created_by, "created_by_name": created_by_name or created_by,
            "created_at": datetime.now(UTC).isoformat(), "deleted": False})
        return measure

    def get(self, measure_id: str) -> Measure | None:
        """A measure on the timeline; None when it does not exist or was removed."""
        try:
            found = self.client.get(index=self.index, id=measure_id)
        except NotFoundError:
            return None
        source = found.get("_source") or {}
        return None if not found.get("found") or source.get("deleted") else _measure(source)

    def _change(self, measure_id: str, fields: dict[str, Any], by: str, by_name: str) -> None:
        self._ensure()
        self.client.update(index=self.index, id=measure_id, refresh="wait_for", body={"doc": {
            **fields, "changed_by": by, "changed_by_name": by_name, "changed_at": datetime.now(UTC).isoformat()}})

    def update(self, measure_id: str, label: str, on: date, by: str, by_name: str) -> Measure:
        self._change(measure_id, {"label": label, "on": on.isoformat()}, by, by_name)
        changed = self.get(measure_id)
        assert changed is not None
        return changed

    def remove(self, measure_id: str, by: str, by_name: str) -> None:
        self._change(measure_id, {"deleted": True}, by, by_name)

    def between(self, start: date | None, end: date | None, municipalities: tuple[str, ...]) -> list[Measure]:
        """Sector-wide measures plus those of the given municipalities; removed ones are left out."""
        scope: list[dict[str, Any]] = [{"bool": {"must_not": {"exists": {"field": "municipality"}}}}]
        if municipalities:
            scope.append({"terms": {"municipality": list(municipalities)}})
        bounds = {k: v.isoformat() for k, v in (("gte", start), ("lte", end)) if v}
        query = {"bool": {"filter": [{"bool": {"should": scope}}] + ([{"range": {"on": bounds}}] if bounds else []),
                          "must_not": [{"term": {"deleted": True}}]}}
        try:
            hits = self.client.search(index=self.index, body={"size": 200, "query": query,
                                                              "sort": [{"on": "asc"}]})["hits"]["hits"]
        except NotFoundError:
            return []
        return [_measure(h["_source"]) for h in hits]
