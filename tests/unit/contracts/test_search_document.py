"""One index contract: the indexer's documents, the mapping and every field the gateway queries agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from vertelpunt.cli.seed import generate, to_sector_envelope
from vertelpunt.contracts import core_questions as core
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.analytics import Analytics
from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.gateway.disclosure import DisclosurePolicy
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.release import Level, Release
from vertelpunt.gateway.schema import dimension_field
from vertelpunt.gateway.stories import ListFilter, StoryStore
from vertelpunt.intake.frameworks.service import core_framework
from vertelpunt.search.documents import to_document

pytestmark = pytest.mark.unit


class RecordingClient:
    """Stands in for OpenSearch: records every request body and answers with nothing."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def search(self, **kwargs: Any) -> dict[str, Any]:
        self.bodies.append(kwargs["body"])
        return {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}

    def msearch(self, **kwargs: Any) -> dict[str, Any]:
        searches = kwargs["body"][1::2]  # header, body, header, body, ...
        self.bodies += searches
        return {"responses": [{"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}} for _ in searches]}

    def mget(self, **kwargs: Any) -> dict[str, Any]:
        return {"docs": []}


def _fields(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "field" and isinstance(value, str):
                yield value
            elif key in ("term", "terms", "range", "exists") and isinstance(value, dict):
                # An aggregation names its field; a query is keyed by it.
                yield from [value["field"]] if "field" in value else list(value)
            elif key == "fields" and isinstance(value, list):
                yield from (f.split("^")[0] for f in value if isinstance(f, str))
            elif key == "sort" and isinstance(value, list):
                yield from (k for item in value if isinstance(item, dict) for k in item if k != "_score")
            else:
                yield from _fields(value)
    elif isinstance(node, list):
        for item in node:
            yield from _fields(item)


def _mapped(field: str) -> bool:
    top = field.split(".", 1)[0]
    return field in doc.MAPPING["properties"] or top in (doc.CHOICE, doc.TRIAD, doc.DYAD)


def test_every_document_field_is_mapped_and_every_mapped_field_is_written() -> None:
    story = next(iter(generate(1, seed=3)))
    document = to_document(to_sector_envelope(story, "Overijssel"))

    assert set(document) == set(doc.MAPPING["properties"])
    assert all(doc.triad_field(q, p) for q in document[doc.TRIAD] for p in document[doc.TRIAD][q])


def test_every_field_the_gateway_queries_is_in_the_contract() -> None:
    client = RecordingClient()
    analytics = Analytics(OpenSearchBackend(client, "alias"), DisclosurePolicy())  # type: ignore[arg-type]
    flt = StoryFilter(municipalities=("GM0193",), regions=("Overijssel",), roles=("client",), channels=("web",),
                      campaigns=("x",), waves=("lente-x7k2",), choices=((core.SITUATION, "schulden"),),
                      week_from=date(2026, 5, 1), week_to=date(2026, 6, 30))
    analytics.what_works("schulden", flt)
    analytics.cross_tab([dimension_field(name) for name in ("municipality", "channel")], flt)
    analytics.cross_tab([dimension_field("region"), dimension_field("campaign"), dimension_field("role")], flt)
    analytics.triad("verschil", flt, 5)
    analytics.backend.context_cells()  # type: ignore[attr-defined]
    release = Release(Level(), frozenset(), frozenset())
    StoryStore(client, "alias").search(ListFilter(("Overijssel",), ("client",), date(2026, 5, 1), None),  # type: ignore[arg-type]
                                       release, "schulden", 5, None)

    fields = {f for body in client.bodies for f in _fields(body)}
    assert {doc.TENANT, doc.CHANNEL, doc.CAMPAIGN, doc.WAVE, doc.WEEK_START, doc.QI_CELL} <= fields
    assert [f for f in fields if not _mapped(f)] == []


def test_the_core_questions_the_sector_analyses_use_are_in_the_core_framework() -> None:
    questions = {q.id: q for q in core_framework().questions}

    assert questions[core.SITUATION].category == "situation"
    assert questions[core.INTERVENTION].category == "intervention"
    assert questions[core.HELPED].category == "outcome"
    assert core.HELPED_POSITIVE in {o.id for o in questions[core.HELPED].options}
