"""Finding anonymised stories: full-text search in Dutch, a story by id, similar stories."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import TransportError

from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.backend import call_opensearch
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.release import Release, snap_period

# What a story view needs: its text and the fields its released context is computed from. Answers, channel
# and campaign never leave the gateway story by story.
SOURCE_FIELDS = [doc.STORY_ID, doc.TENANT, doc.REGION, doc.TITLE, doc.TEXT, doc.ROLE, doc.WEEK_START]
LIST_FILTER_HELP = ("In een verhalenlijst kun je zoeken op tekst en filteren op {allowed}. Tellen per gemeente, "
                    "kanaal, campagne of antwoord kan in de analyses; daar worden kleine groepen beschermd.")


@dataclass(frozen=True)
class ListFilter:
    """Filters a story list accepts: the released context only (gateway/release.py)."""

    regions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    period_from: date | None = None
    period_to: date | None = None

    def is_empty(self) -> bool:
        return not (self.regions or self.roles or self.period_from or self.period_to)

    def clauses(self, release: Release) -> list[dict[str, Any]]:
        """OpenSearch filters on released values; only stories from releasable classes can ever match."""
        if self.is_empty():
            return []
        allowed = release.filterable()
        asked = {"regions": bool(self.regions), "roles": bool(self.roles),
                 "period": bool(self.period_from or self.period_to)}
        refused = [name for name, used in asked.items() if used and not allowed[name]]
        if refused:
            names = {"regions": "regio", "roles": "rol", "period": "periode"}
            usable = [names[n] for n, ok in allowed.items() if ok] or ["niets anders"]
            raise BadInput(LIST_FILTER_HELP.format(allowed=", ".join(usable)) + " Nu niet beschikbaar: "
                           + ", ".join(names[n] for n in refused) + " (te weinig verhalen om dat veilig te tonen).")
        if self.period_from and self.period_to and self.period_from > self.period_to:
            raise BadInput("De begindatum ligt na de einddatum.")
        clauses: list[dict[str, Any]] = [{"terms": {doc.QI_CELL: release.releasable_cells()}}]
        if self.regions:
            clauses.append({"terms": {doc.REGION: list(self.regions)}})
        if self.roles:
            clauses.append({"terms": {doc.ROLE: list(self.roles)}})
        if self.period_from or self.period_to:
            bounds = {}
            if self.period_from:
                bounds["gte"] = snap_period(self.period_from, release.level.period, end=False).isoformat()
            if self.period_to:
                bounds["lte"] = snap_period(self.period_to, release.level.period, end=True).isoformat()
            clauses.append({"range": {doc.WEEK_START: bounds}})
        return clauses

    def story_filter(self, release: Release) -> StoryFilter:
        """The same stories as an analytics filter, periods rounded to whole released periods as in `clauses`
        (whose checks run first)."""
        level = release.level.period
        return StoryFilter(regions=self.regions, roles=self.roles,
                           week_from=snap_period(self.period_from, level, end=False) if self.period_from else None,
                           week_to=snap_period(self.period_to, level, end=True) if self.period_to else None)


@dataclass(frozen=True)
class StoryHit:
    source: dict[str, Any]
    highlights: list[str]
    cursor: str


def encode_cursor(sort: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(sort).encode()).decode()


def decode_cursor(cursor: str) -> list[Any]:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except ValueError:
        raise BadInput("Deze cursor klopt niet; begin opnieuw zonder 'after'.") from None
    if not isinstance(value, list) or len(value) != 2:
        raise BadInput("Deze cursor klopt niet; begin opnieuw zonder 'after'.")
    return value


# A free-text search counts its matches exactly up to this number and says "more than" beyond it: a common word
# matches a fifth of a million stories, and scoring every match only to count it took longer than the search
# (docs/benchmarks.md). A list without free text counts exactly (it is cheap: no scoring).
FREE_TEXT_COUNT_LIMIT = 1000


def search_body(filters: list[dict[str, Any]], text: str | None, first: int, after: str | None) -> dict[str, Any]:
    """The OpenSearch request of one story list (also what `vertelpunt bench` sends straight to OpenSearch)."""
    query: dict[str, Any] = {"bool": {"filter": filters}}
    if text:
        query["bool"]["must"] = [{"multi_match": {"query": text, "fields": [f"{doc.TITLE}^2", doc.TEXT]}}]
    body: dict[str, Any] = {
        "size": first + 1, "query": query, "_source": SOURCE_FIELDS,
        "track_total_hits": FREE_TEXT_COUNT_LIMIT if text else True,
        "sort": [{"_score": "desc"}, {doc.STORY_ID: "asc"}],
        "highlight": {"fields": {doc.TITLE: {"number_of_fragments": 0},
                                 doc.TEXT: {"fragment_size": 160, "number_of_fragments": 3}},
                      # encoder html: OpenSearch escapes the story text (<, >, &, quotes) and only our own
                      # <mark> tags stay markup, so a story's <script> comes back as &lt;script&gt;.
                      "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"},
    }
    if after:
        body["search_after"] = decode_cursor(after)
    return body


class StoryStore:
    def __init__(self, client: OpenSearch, alias: str) -> None:
        self.client = client
        self.alias = alias

    def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        try:
            return call_opensearch(getattr(self.client, method), {}, index=self.alias, **kwargs)
        except TransportError:
            raise BadInput("Deze zoekvraag kunnen we niet uitvoeren.") from None

    def search(self, flt: ListFilter, release: Release, text: str | None, first: int,
               after: str | None) -> tuple[list[StoryHit], int, bool, bool]:
        """The page of stories, the number of matches, whether there are more matches than that number (a
        free-text count stops at FREE_TEXT_COUNT_LIMIT), and whether another page follows."""
        body = search_body(flt.clauses(release), text, first, after)
        result = self._call("search", body=body)
        hits = result.get("hits", {}).get("hits", [])
        counted = result.get("hits", {}).get("total", {})
        total, at_least = int(counted.get("value", 0)), counted.get("relation") == "gte"
        stories = [StoryHit(h["_source"], [*h.get("highlight", {}).get("title", []),
                                           *h.get("highlight", {}).get("text", [])],
                            encode_cursor([h["sort"][0] if h["sort"][0] is not None else 0, h["sort"][1]]))
                   for h in hits[:first]]
        return stories, total, at_least, len(hits) > first

    def sample(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """The stories of a cell sample (gateway/cells.py builds the request)."""
        return [h["_source"] for h in self._call("search", body=body).get("hits", {}).get("hits", [])]

    def get_many(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        result = self._call("mget", body={"ids": ids}, _source=SOURCE_FIELDS)
        return {d["_id"]: d["_source"] for d in result.get("docs", []) if d.get("found")}

    def similar(self, story_id: str, first: int) -> list[dict[str, Any]]:
        body = {"size": first, "_source": SOURCE_FIELDS, "query": {"more_like_this": {
            "fields": ["title", "text"], "like": [{"_index": self.alias, "_id": story_id}],
            "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": 40, "minimum_should_match": "10%"}}}
        result = self._call("search", body=body)
        return [h["_source"] for h in result.get("hits", {}).get("hits", []) if h["_id"] != story_id]
