"""Measures (maatregelen) that analysts mark on the timeline, to compare before and after."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError

MAPPING = {"properties": {"id": {"type": "keyword"}, "label": {"type": "text"}, "on": {"type": "date"},
                          "municipality": {"type": "keyword"}, "created_by": {"type": "keyword"},
                          "created_at": {"type": "date"}}}


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    on: date
    municipality: str | None


class MeasureStore:
    def __init__(self, client: OpenSearch, index: str) -> None:
        self.client = client
        self.index = index

    def add(self, label: str, on: date, municipality: str | None, created_by: str) -> Measure:
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(index=self.index, body={"mappings": MAPPING}, ignore=[400])
        measure = Measure(str(uuid.uuid4()), label, on, municipality)
        self.client.index(index=self.index, id=measure.id, refresh="wait_for", body={
            "id": measure.id, "label": label, "on": on.isoformat(), "municipality": municipality,
            "created_by": created_by, "created_at": datetime.now(UTC).isoformat()})
        return measure

    def between(self, start: date | None, end: date | None, municipalities: tuple[str, ...]) -> list[Measure]:
        """Sector-wide measures plus those of the given municipalities."""
        scope: list[dict[str, Any]] = [{"bool": {"must_not": {"exists": {"field": "municipality"}}}}]
        if municipalities:
            scope.append({"terms": {"municipality": list(municipalities)}})
        bounds = {k: v.isoformat() for k, v in (("gte", start), ("lte", end)) if v}
        query = {"bool": {"filter": [{"bool": {"should": scope}}] + ([{"range": {"on": bounds}}] if bounds else [])}}
        try:
            hits = self.client.search(index=self.index, body={"size": 200, "query": query,
                                                              "sort": [{"on": "asc"}]})["hits"]["hits"]
        except NotFoundError:
            return []
        return [Measure(h["_source"]["id"], h["_source"]["label"], date.fromisoformat(h["_source"]["on"][:10]),
                        h["_source"].get("municipality")) for h in hits]
