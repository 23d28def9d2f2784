"""The backend's fingerprint of what a search sees, on real OpenSearch: the release is computed again only when it
changes, so it must change with every new, re-indexed or removed story, and only then."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from opensearchpy import OpenSearch

from vertelpunt.cli.seed import MUNICIPALITIES, generate, to_sector_envelope
from vertelpunt.gateway.backend import OpenSearchBackend
from vertelpunt.search.documents import to_document
from vertelpunt.search.index import ensure_alias

pytestmark = pytest.mark.integration


def test_visible_state_changes_with_each_new_reindexed_or_removed_story(opensearch_url: str) -> None:
    client = OpenSearch(hosts=[opensearch_url], timeout=30)
    alias = f"backend-state-{uuid.uuid4().hex[:8]}"
    index = ensure_alias(client, alias)
    backend = OpenSearchBackend(client, alias)
    envelopes = [to_sector_envelope(s, MUNICIPALITIES[s.tenant][1]) for s in generate(2, seed=23)]
    moment = datetime(2026, 10, 5, 9, 30, tzinfo=UTC)

    def put(n: int, at: datetime) -> str:
        envelope = envelopes[n]
        story_id = envelope.story_shared.story_id
        client.index(index=alias, id=story_id, body=json.dumps(to_document(envelope, indexed_at=at)), refresh=True)
        return story_id

    try:
        empty = backend.visible_state()
        first = put(0, moment)
        one = backend.visible_state()
        put(1, moment + timedelta(seconds=5))
        two = backend.visible_state()
        unchanged = backend.visible_state()
        put(0, moment + timedelta(seconds=9))  # the same story indexed again (changed answers, say)
        reindexed = backend.visible_state()
        client.delete(index=alias, id=first, refresh=True)
        removed = backend.visible_state()
    finally:
        client.indices.delete(index=index)

    assert empty[0] == 0 and one[0] == 1 and two[0] == 2
    assert unchanged == two
    assert reindexed[0] == 2 and reindexed != two
    assert removed[0] == 1 and removed != reindexed
