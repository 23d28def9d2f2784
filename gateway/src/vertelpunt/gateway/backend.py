"""Aggregations over the stories index: counts and distinct municipalities per cell. All OpenSearch access
of the analytics lives here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.disclosure import CellStats, Key
from vertelpunt.gateway.errors import Unavailable
from vertelpunt.gateway.filters import StoryFilter


@dataclass(frozen=True)
class Dim:
    """A dimension of a table: a keyword field, a calendar interval over weeks, or a numeric histogram."""

    field: str
    kind: str = "terms"  # terms | week | month | histogram
    interval: float = 0.1
    # Terms only: stories without the field form a cell of their own, keyed "" (a story outside any wave).
    missing: bool = False

    def source(self) -> dict[str, Any]:
        if self.kind in ("week", "month"):
            return {"date_histogram": {"field": self.field, "calendar_interval": self.kind, "format": "yyyy-MM-dd"}}
        if self.kind == "histogram":
            return {"histogram": {"field": self.field, "interval": self.interval}}
        return {"terms": {"field": self.field, **({"missing_bucket": True} if self.missing else {})}}


@dataclass(frozen=True)
class MomentSums:
    n: int
    sum1: float
    sum2: float
    sumsq1: float
    sumsq2: float
    sum12: float


class AggregationBackend(Protocol):
    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]: ...

    def moments(self, question: str, flt: StoryFilter) -> MomentSums: ...


def _key_part(value: Any) -> str:
    if value is None:  # the bucket of stories without the field (Dim.missing)
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _stats(count: int, aggs: dict[str, Any]) -> CellStats:
    top = aggs.get("top", {}).get("buckets", [])
    return CellStats(count, int(aggs.get("tenants", {}).get("value", 0)), int(top[0]["doc_count"]) if top else 0)


PER_CELL = {"tenants": {"cardinality": {"field": doc.TENANT, "precision_threshold": 3000}},
            "top": {"terms": {"field": doc.TENANT, "size": 1}}}
PAGE = 1000


def call_opensearch(method: Any, missing: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """One OpenSearch call: a missing index gives `missing`, an outage a typed Unavailable error."""
    try:
        result: dict[str, Any] = method(**kwargs)
        return result
    except NotFoundError:
        return missing
    except (OpenSearchConnectionError, TransportError) as error:
        if isinstance(error, TransportError) and isinstance(error.status_code, int) and error.status_code < 500:
            raise
        raise Unavailable("De zoekdienst is even niet bereikbaar. Probeer het zo opnieuw.") from None


class OpenSearchBackend:
    def __init__(self, client: OpenSearch, alias: str) -> None:
        self.client = client
        self.alias = alias

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        return call_opensearch(self.client.search, {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}},
                               index=self.alias, body=body)

    @staticmethod
    def _cells_body(dims: list[Dim], flt: StoryFilter, after: dict[str, Any] | None = None) -> dict[str, Any]:
        if not dims:
            return {"size": 0, "track_total_hits": True, "query": flt.to_query(), "aggs": PER_CELL}
        composite: dict[str, Any] = {"size": PAGE, "sources": [{f"d{i}": d.source()} for i, d in enumerate(dims)]}
        if after:
            composite["after"] = after
        return {"size": 0, "query": flt.to_query(), "aggs": {"cells": {"composite": composite, "aggs": PER_CELL}}}

    @staticmethod
    def _parse_cells(dims: list[Dim], result: dict[str, Any]) -> tuple[dict[Key, CellStats], dict[str, Any] | None]:
        """The cells in one answer, and where the next page starts (None when this was the last)."""
        if not dims:
            n = int(result.get("hits", {}).get("total", {}).get("value", 0))
            return ({(): _stats(n, result.get("aggregations", {}))} if n else {}), None
        aggregation = result.get("aggregations", {}).get("cells")
        if not aggregation:
            return {}, None
        cells = {tuple(_key_part(bucket["key"][f"d{i}"]) for i in range(len(dims))): _stats(int(bucket["doc_count"]),
                                                                                            bucket)
                 for bucket in aggregation["buckets"]}
        after = aggregation.get("after_key")
        return cells, after if after and len(aggregation["buckets"]) >= PAGE else None

    def _rest(self, dims: list[Dim], flt: StoryFilter, cells: dict[Key, CellStats],
              after: dict[str, Any] | None) -> dict[Key, CellStats]:
        while after:
            page, after = self._parse_cells(dims, self._search(self._cells_body(dims, flt, after)))
            cells.update(page)
        return cells

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        first, after = self._parse_cells(dims, self._search(self._cells_body(dims, flt)))
        return self._rest(dims, flt, first, after)

    def cells_many(self, wanted: list[tuple[list[Dim], StoryFilter]]) -> list[dict[Key, CellStats]]:
        """Several tables in one round trip (_msearch): the disclosure control needs a table, its total and the
        same table without each filter, which one after the other cost a round trip each."""
        lines: list[dict[str, Any]] = []
        for dims, flt in wanted:
            lines += [{}, self._cells_body(dims, flt)]
        answers = call_opensearch(self.client.msearch, {"responses": [{} for _ in wanted]}, index=self.alias,
                                  body=lines)["responses"]
        tables = []
        for (dims, flt), answer in zip(wanted, answers, strict=True):
            if "error" in answer:  # this one again on its own: a missing index gives no cells, an outage a typed error
                tables.append(self.cells(dims, flt))
                continue
            first, after = self._parse_cells(dims, answer)
            tables.append(self._rest(dims, flt, first, after))
        return tables

    def visible_state(self) -> tuple[int, float | None]:
        """What a search sees now, in one cheap request: the number of stories and the latest indexing time. A new,
        changed (indexed again) or removed story changes it."""
        result = self._search({"size": 0, "track_total_hits": True,
                               "aggs": {"latest": {"max": {"field": doc.INDEXED_AT}}}})
        total = int(result.get("hits", {}).get("total", {}).get("value", 0))
        return total, result.get("aggregations", {}).get("latest", {}).get("value")

    def context_cells(self) -> dict[tuple[str, str, str, str], int]:
        """Stories per finest released context (municipality, region, month, role), over the whole index."""
        sources = [{"tenant": {"terms": {"field": doc.TENANT}}}, {"region": {"terms": {"field": doc.REGION}}},
                   {"month": {"date_histogram": {"field": doc.WEEK_START, "calendar_interval": "month",
                                                 "format": "yyyy-MM"}}},
                   {"role": {"terms": {"field": doc.ROLE}}}]
        cells: dict[tuple[str, str, str, str], int] = {}
        after: dict[str, Any] | None = None
        while True:
            composite: dict[str, Any] = {"size": 5000, "sources": sources}
            if after:
                composite["after"] = after
            result = self._search({"size": 0, "aggs": {"cells": {"composite": composite}}})
            aggregation = result.get("aggregations", {}).get("cells")
            if not aggregation:
                return cells
            for bucket in aggregation["buckets"]:
                key = bucket["key"]
                cells[(key["tenant"], key["region"], key["month"], key["role"])] = int(bucket["doc_count"])
            after = aggregation.get("after_key")
            if not after or len(aggregation["buckets"]) < 5000:
                return cells

    def moments(self, question: str, flt: StoryFilter) -> MomentSums:
        query = flt.to_query()
        query["bool"]["filter"].append({"exists": {"field": doc.triad_field(question, "ilr1")}})
        aggs = {name: {"extended_stats": {"field": doc.triad_field(question, name)}} for name in ("ilr1", "ilr2")}
        aggs["ilr12"] = {"sum": {"field": doc.triad_field(question, "ilr12")}}
        result = self._search({"size": 0, "track_total_hits": True, "query": query, "aggs": aggs})
        a = result.get("aggregations", {})
        if not a or not a["ilr1"]["count"]:
            return MomentSums(0, 0, 0, 0, 0, 0)
        return MomentSums(int(a["ilr1"]["count"]), a["ilr1"]["sum"], a["ilr2"]["sum"], a["ilr1"]["sum_of_squares"],
                          a["ilr2"]["sum_of_squares"], a["ilr12"]["value"])
