"""Measures (maatregelen) that analysts mark on the timeline, to compare before and after.

Who may add, change or remove one is declared in permissions.py (sector analysts: sector-wide measures; the
analysts of a municipality: its own). Every change keeps an audit trail on the measure: who made it and when, and
who changed it last and when. Removing a measure hides it from the timeline but keeps the record (and who removed
it) in the index.

Two people may edit the same measure at once. Every measure carries a version (OpenSearch's sequence number and
primary term, as an opaque string); a change or removal names the version the editor saw and OpenSearch applies it
only if the document is still at that version (`if_seq_no`/`if_primary_term`), so the check and the write are one
step and the later editor gets `StaleMeasure` with the measure as it is now instead of silently overwriting it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConflictError, NotFoundError

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
class Version:
    """Where a measure's document stood when it was read: OpenSearch's sequence number and primary term."""

    seq_no: int
    primary_term: int

    def __str__(self) -> str:
        return f"{self.primary_term}-{self.seq_no}"

    @staticmethod
    def parse(text: str) -> Version:
        """The version a client sent back; ValueError when it is not one this store handed out."""
        found = re.fullmatch(r"(\d{1,18})-(\d{1,18})", text.strip())
        if not found:
            raise ValueError(f"not a measure version: {text[:40]!r}")
        return Version(seq_no=int(found.group(2)), primary_term=int(found.group(1)))

    @staticmethod
    def of(hit: dict[str, Any]) -> Version:
        return Version(int(hit["_seq_no"]), int(hit["_primary_term"]))


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    on: date
    municipality: str | None
    audit: Audit | None = None
    version: Version | None = None


class StaleMeasure(Exception):
    """The measure changed or was removed after the editor read it. `current` is the measure as it is now (None
    when it was removed), so the editor can compare and decide again."""

    def __init__(self, measure_id: str, current: Measure | None) -> None:
        super().__init__(f"measure {measure_id} changed since it was read")
        self.current = current


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _measure(source: dict[str, Any], version: Version | None) -> Measure:
    audit = Audit(source.get("created_by_name") or source.get("created_by"), _moment(source.get("created_at")),
                  source.get("changed_by_name"), _moment(source.get("changed_at")))
    return Measure(source["id"], source["label"], date.fromisoformat(source["on"][:10]), source.get("municipality"),
                   audit, version)


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
        measure_id = str(uuid.uuid4())
        source = {"id": measure_id, "label": label, "on": on.isoformat(), "municipality": municipality,
                  "created_by": created_by, "created_by_name": created_by_name or created_by,
                  "created_at": datetime.now(UTC).isoformat(), "deleted": False}
        # op_type=create: a new id never overwrites anything, and the answer carries the first version.
        written = self.client.index(index=self.index, id=measure_id, refresh="wait_for", op_type="create",
                                    body=source)
        return _measure(source, Version.of(written))

    def get(self, measure_id: str) -> Measure | None:
        """A measure on the timeline; None when it does not exist or was removed."""
        try:
            found = self.client.get(index=self.index, id=measure_id)
        except NotFoundError:
            return None
        source = found.get("_source") or {}
        return None if not found.get("found") or source.get("deleted") else _measure(source, Version.of(found))

    def _change(self, measure_id: str, seen: Version, fields: dict[str, Any], by: str, by_name: str) -> Measure:
        """Apply the change only if the measure is still at the version the editor saw (one conditional write,
        no read-then-write race); otherwise StaleMeasure with how it is now."""
        self._ensure()
        try:
            written = self.client.update(
                index=self.index, id=measure_id, refresh="wait_for", if_seq_no=seen.seq_no,
                if_primary_term=seen.primary_term, _source=True,
                body={"doc": {**fields, "changed_by": by, "changed_by_name": by_name,
                              "changed_at": datetime.now(UTC).isoformat()}})
        except ConflictError:
            raise StaleMeasure(measure_id, self.get(measure_id)) from None
        except NotFoundError:
            raise StaleMeasure(measure_id, None) from None
        return _measure(written["get"]["_source"], Version.of(written))

    def update(self, measure_id: str, label: str, on: date, seen: Version, by: str, by_name: str) -> Measure:
        """The measure with its new name and date and its new version; StaleMeasure when someone else changed or
        removed it since `seen`."""
        return self._change(measure_id, seen, {"label": label, "on": on.isoformat()}, by, by_name)

    def remove(self, measure_id: str, seen: Version, by: str, by_name: str) -> None:
        """Off the timeline (the record stays); StaleMeasure when someone else changed it since `seen`."""
        self._change(measure_id, seen, {"deleted": True}, by, by_name)

    def between(self, start: date | None, end: date | None, municipalities: tuple[str, ...]) -> list[Measure]:
        """Sector-wide measures plus those of the given municipalities; removed ones are left out."""
        scope: list[dict[str, Any]] = [{"bool": {"must_not": {"exists": {"field": "municipality"}}}}]
        if municipalities:
            scope.append({"terms": {"municipality": list(municipalities)}})
        bounds = {k: v.isoformat() for k, v in (("gte", start), ("lte", end)) if v}
        query = {"bool": {"filter": [{"bool": {"should": scope}}] + ([{"range": {"on": bounds}}] if bounds else []),
                          "must_not": [{"term": {"deleted": True}}]}}
        try:
            hits = self.client.search(index=self.index, body={"size": 200, "query": query, "sort": [{"on": "asc"}],
                                                              "seq_no_primary_term": True})["hits"]["hits"]
        except NotFoundError:
            return []
        return [_measure(h["_source"], Version.of(h)) for h in hits]
