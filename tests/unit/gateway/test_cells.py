"""Reading a pattern cell (gateway/cells.py) without servers: cell definitions, the reading pool, the request."""

from __future__ import annotations

import math
import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.cells import (
    POOL_SEED,
    RANK_SCRIPT,
    _combined,
    bin_cell,
    cross_cell,
    in_pool,
    pool_rank,
    sample_body,
    slider_cell,
    triad_cell,
)
from vertelpunt.gateway.errors import BadInput, NotFound
from vertelpunt.gateway.release import Level, Release
from vertelpunt.gateway.stories import ListFilter

pytestmark = pytest.mark.unit


def test_pool_rank_matches_javas_string_hash_and_murmur_finaliser() -> None:
    # Java: "abc".hashCode() == 96354; the rest is MurmurHash3's fmix32 on (hash ^ seed).
    h = 96354 ^ 7
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    assert pool_rank("abc", seed=7) == (h & 0xFFFFFF) / 2**24
    assert "0x85ebca6b" not in RANK_SCRIPT and str(0x85EBCA6B) in RANK_SCRIPT and str(0xC2B2AE35) in RANK_SCRIPT


def test_the_pool_is_about_the_configured_share_of_stories() -> None:
    ids = [uuid.UUID(int=i * 7919 + 13).hex for i in range(20_000)]
    share = sum(in_pool(i, 0.2) for i in ids) / len(ids)

    assert 0.19 < share < 0.21
    assert all(0 <= pool_rank(i) < 1 for i in ids[:100])


@given(st.text(min_size=1, max_size=40))
def test_pool_membership_depends_on_the_story_only(story_id: str) -> None:
    assert pool_rank(story_id) == pool_rank(story_id)
    assert in_pool(story_id, 0.2) == (pool_rank(story_id) >= 0.8)


def test_every_sample_request_uses_the_same_seed_and_pool_whatever_the_cell() -> None:
    bodies = [sample_body(list(cell.clauses), 5, 0.2) for cell in (
        cross_cell(["situatie"], ["wonen"]), triad_cell("verschil", 7, 3 / 7, 0.0), slider_cell("ruimte", 4, 0.5))]

    for body in bodies:
        assert body["min_score"] == pytest.approx(0.8) and body["size"] == 5
        assert body["query"]["script_score"]["script"] == {"source": RANK_SCRIPT, "params": {"seed": POOL_SEED}}
        assert "aggs" not in body and body["track_total_hits"] is False
        # What a list reads (the release needs the municipality to compute the context), no answers, no channel.
        assert not {doc.CHOICE, doc.TRIAD, doc.DYAD, doc.CHANNEL, doc.CAMPAIGN} & set(body["_source"])


def test_a_triad_bin_is_the_key_and_filter_of_the_histogram_it_came_from() -> None:
    cell = triad_cell("verschil", 3, 0.3333, 0.6667)

    assert cell.key == ("0.3333", "0.6667")
    assert [d.interval for d in cell.dims] == [1 / 3, 1 / 3]
    params = [c["script"]["script"]["params"] for c in cell.clauses]
    assert params == [{"f": "triad.verschil.a", "w": 1 / 3, "i": 1.0}, {"f": "triad.verschil.b", "w": 1 / 3, "i": 2.0}]
    # OpenSearch puts 0.6 in bin floor(0.6 / 0.2) = 2 (not 3): the filter uses the same arithmetic.
    assert math.floor(0.6 / 0.2) == 2


@pytest.mark.parametrize(("bins", "start"), [(5, 0.13), (5, -0.2), (5, 1.4), (1, 0.0), (21, 0.0)])
def test_a_start_off_the_grid_or_a_bad_number_of_bins_is_refused(bins: int, start: float) -> None:
    with pytest.raises(BadInput):
        bin_cell(["dyad.ruimte"], bins, [start])


@pytest.mark.parametrize("name", ["municipality", "channel", "campaign"])
def test_cells_of_municipality_channel_or_campaign_are_refused(name: str) -> None:
    with pytest.raises(BadInput, match="gemeente, kanaal of campagne"):
        cross_cell(["situatie", name], ["schulden", "x"])


def test_region_and_role_in_a_cell_become_list_filters() -> None:
    cell = cross_cell(["situatie", "region", "role"], ["taal", "Drenthe", "client"])

    assert cell.key == ("taal", "Drenthe", "client")
    assert cell.clauses == ({"term": {"choice.situatie": "taal"}},)
    assert _combined(ListFilter(roles=("client", "staff")), cell) == ListFilter(("Drenthe",), ("client",))
    with pytest.raises(NotFound):
        _combined(ListFilter(regions=("Limburg",)), cell)


@pytest.mark.parametrize(("fields", "keys"), [([], []), (["a", "b", "c", "d"], ["1", "2", "3", "4"]),
                                              (["situatie", "situatie"], ["x", "y"]), (["situatie"], []),
                                              (["Situatie!"], ["x"])])
def test_malformed_cross_table_cells_are_refused(fields: list[str], keys: list[str]) -> None:
    with pytest.raises(BadInput):
        cross_cell(fields, keys)


def test_the_filter_of_the_cell_check_rounds_periods_like_the_list() -> None:
    release = Release(Level("all", "quarter", "role"), frozenset(), frozenset())
    flt = ListFilter(roles=("staff",), period_from=date(2026, 5, 20), period_to=date(2026, 8, 2))

    story_filter = flt.story_filter(release)

    assert (story_filter.week_from, story_filter.week_to) == (date(2026, 4, 1), date(2026, 9, 30))
    assert story_filter.roles == ("staff",) and not story_filter.municipalities
