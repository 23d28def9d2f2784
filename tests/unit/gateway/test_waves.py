"""Sector waves in the analyses, against an in-memory backend: a wave filter is checked against the stories
outside the wave (its own line, and its neighbours of the same campaign label and month), so neither "all
stories minus the wave" nor "a campaign label minus the wave" reveals a small group; and the rules of a wave."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest

from tests.framework_definitions import core_labels
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.analytics import Analytics
from vertelpunt.gateway.backend import Dim, MomentSums
from vertelpunt.gateway.disclosure import CellStats, DisclosurePolicy, Key
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.filters import StoryFilter
from vertelpunt.gateway.waves import check_wave, question_kinds

pytestmark = pytest.mark.unit

POLICY = DisclosurePolicy(min_cell=10, min_tenants=3)
HERFST, LENTE = "herfstronde-q7x2", "lenteronde-b4k8"
HELPED = doc.choice_field("uitkomst-hielp")
CORE_KINDS = question_kinds(core_labels())  # what the sector's registry knows once a municipality published the core


@dataclass(frozen=True)
class Told:
    tenant: str
    campaign: str = ""
    wave: str | None = None
    month: date = date(2027, 10, 1)
    helped: str = "ja"

    def values(self, field: str, missing: bool) -> tuple[str, ...]:
        if field == doc.WAVE:
            return (self.wave,) if self.wave else (("",) if missing else ())
        return ({doc.TENANT: self.tenant, doc.CAMPAIGN: self.campaign, doc.WEEK_START: self.month.isoformat(),
                 HELPED: self.helped}[field],)


class MemoryBackend:
    """Counts like OpenSearch: a story without a wave is in no wave bucket unless the dimension asks for it."""

    def __init__(self, stories: list[Told]) -> None:
        self.stories = stories
        self.calls = 0

    def _matches(self, story: Told, flt: StoryFilter) -> bool:
        inside = (flt.week_from is None or story.month >= flt.week_from) and (
            flt.week_to is None or story.month <= flt.week_to)
        return inside and all(set(story.values(f, False)) & set(v) for f, v in flt.categorical())

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        self.calls += 1
        groups: dict[Key, list[Told]] = {}
        for story in self.stories:
            if not self._matches(story, flt):
                continue
            keys: list[Key] = [()]
            for dim in dims:
                keys = [(*k, v) for k in keys for v in story.values(dim.field, dim.missing)]
            for key in keys:
                groups.setdefault(key, []).append(story)
        return {k: CellStats(len(v), len({s.tenant for s in v}), max(Counter(s.tenant for s in v).values()))
                for k, v in groups.items()}

    def moments(self, question: str, flt: StoryFilter) -> MomentSums:
        return MomentSums(0, 0, 0, 0, 0, 0)


def _many(count: int, **fields: object) -> list[Told]:
    return [Told(**fields) for _ in range(count)]  # type: ignore[arg-type]


def _herfst(per_tenant: int, tenants: tuple[str, ...] = ("GM0014", "GM0106", "GM0200")) -> list[Told]:
    return [s for t in tenants for s in _many(per_tenant, tenant=t, campaign="Herfst", wave=HERFST)]


def test_the_stories_outside_a_wave_are_part_of_its_line() -> None:
    """Everything minus the wave would be four stories: the wave's own count must go too."""
    stories = _herfst(15) + _many(4, tenant="GM0014")
    analytics = Analytics(MemoryBackend(stories), POLICY)

    everything = analytics.table([], StoryFilter()).total
    wave = analytics.table([], StoryFilter(waves=(HERFST,))).total

    assert everything.value == 49
    assert wave.suppressed and wave.value is None


def test_a_campaign_label_another_municipality_also_uses_cannot_be_subtracted_from_the_wave() -> None:
    """"Herfst" in three municipalities that joined the wave, and four "Herfst" stories of one that did not:
    label minus wave would single those four out, so the wave (not the label) is withheld."""
    stories = _herfst(15) + _many(4, tenant="GM0307", campaign="Herfst") + \
        [s for t in ("GM0014", "GM0106", "GM0200", "GM0307") for s in _many(40, tenant=t)]
    analytics = Analytics(MemoryBackend(stories), POLICY)

    label = analytics.table([], StoryFilter(campaigns=("Herfst",))).total
    wave = analytics.table([], StoryFilter(waves=(HERFST,))).total

    assert label.value == 49  # the label alone passes its own checks
    assert wave.suppressed


def test_a_large_neighbour_leaves_the_wave_visible() -> None:
    stories = _herfst(15) + _many(12, tenant="GM0307", campaign="Herfst") + \
        [s for t in ("GM0014", "GM0106", "GM0200", "GM0307") for s in _many(40, tenant=t)]
    analytics = Analytics(MemoryBackend(stories), POLICY)

    assert analytics.table([], StoryFilter(waves=(HERFST,))).total.value == 45


def test_neighbours_count_per_cell_so_a_small_answer_group_is_withheld() -> None:
    stories = _herfst(15) + _many(12, tenant="GM0307", campaign="Herfst", helped="ja") + \
        _many(3, tenant="GM0307", campaign="Herfst", helped="nee") + \
        [s for t in ("GM0014", "GM0106", "GM0200", "GM0307") for h in ("ja", "nee", "deels")
         for s in _many(20, tenant=t, helped=h)] + \
        [s for t in ("GM0014", "GM0106", "GM0200") for s in _many(12, tenant=t, campaign="Herfst", wave=HERFST,
                                                                    helped="nee")] + \
        [s for t in ("GM0014", "GM0106", "GM0200") for s in _many(5, tenant=t, campaign="Herfst", wave=HERFST,
                                                                    helped="deels")]
    table = Analytics(MemoryBackend(stories), POLICY).table([Dim(HELPED)], StoryFilter(waves=(HERFST,)))

    assert table.count(("nee",)).suppressed  # three "nee" neighbours of the same label and month
    assert table.count(("deels",)).suppressed  # and the smallest other answer with it (complementary)
    assert table.count(("ja",)).value == 45


def test_waves_are_compared_through_the_same_rules() -> None:
    stories = _herfst(15) + [s for t in ("GM0014", "GM0106", "GM0200", "GM0307")
                             for s in _many(12, tenant=t, campaign="Lente", wave=LENTE, helped="nee")] + \
        _many(2, tenant="GM0307", campaign="Lente", wave=LENTE, helped="ja") + \
        [s for t in ("GM0014", "GM0106", "GM0200") for s in _many(30, tenant=t)] + \
        [s for t in ("GM0014", "GM0106", "GM0200", "GM0307") for s in _many(5, tenant=t, campaign="Zomer",
                                                                              wave="zomerronde-m3n5")]
    # The two "ja" of the spring wave are withheld, and with them the smallest other wave's "ja" (the summer
    # wave's 20), never the autumn wave's 45.
    analytics = Analytics(MemoryBackend(stories), POLICY)

    result = analytics.compare_waves(HERFST, LENTE, [("uitkomst-hielp", "choice")], StoryFilter())

    assert (result.total_a.value, result.total_b.value) == (45, 50)
    assert result.positive.a.value == 45 and result.positive.b.suppressed  # two "ja" in the spring wave
    assert result.positive.share_b.suppressed and result.positive.difference is None
    [helped] = result.choices
    assert {o.option: o.a.value for o in helped.options}["ja"] == 45


def test_a_comparison_needs_two_different_waves_outside_the_filter() -> None:
    analytics = Analytics(MemoryBackend([]), POLICY)

    with pytest.raises(BadInput):
        analytics.wave_groups(HERFST, HERFST, StoryFilter())
    with pytest.raises(BadInput):
        analytics.wave_groups(HERFST, LENTE, StoryFilter(waves=(HERFST,)))
    assert analytics.wave_groups(HERFST, LENTE, StoryFilter(roles=("client",))) == (
        StoryFilter(roles=("client",), waves=(HERFST,)), StoryFilter(roles=("client",), waves=(LENTE,)))


def test_a_wave_filter_takes_only_sector_wave_ids() -> None:
    with pytest.raises(BadInput):
        StoryFilter(waves=("Herfst bij Jansen",)).validate()
    StoryFilter(waves=(HERFST,)).validate()


def test_a_wave_needs_a_name_a_period_and_comparable_questions() -> None:
    name, questions = check_wave("  Herfstronde   2027 ", date(2027, 9, 1), date(2027, 11, 30),
                                 ["uitkomst-hielp", "verschil", "uitkomst-hielp"], CORE_KINDS)

    assert name == "Herfstronde 2027" and questions == ("uitkomst-hielp", "verschil")
    for bad in (("H", date(2027, 9, 1), date(2027, 9, 2), ["verschil"]),
                ("Herfst", date(2027, 9, 2), date(2027, 9, 1), ["verschil"]),
                ("Herfst", date(2027, 1, 1), date(2030, 1, 1), ["verschil"]),
                ("Herfst", date(2027, 9, 1), date(2027, 9, 2), []),
                ("Herfst", date(2027, 9, 1), date(2027, 9, 2), ["ruimte"]),  # a slider: not comparable yet
                ("Herfst", date(2027, 9, 1), date(2027, 9, 2), ["bestaat-niet"])):
        with pytest.raises(BadInput):
            check_wave(*bad, CORE_KINDS)


class BatchingBackend(MemoryBackend):
    def __init__(self, stories: list[Told]) -> None:
        super().__init__(stories)
        self.single_reads = 0

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        self.single_reads += 1
        return super().cells(dims, flt)

    def cells_many(self, wanted: list[tuple[list[Dim], StoryFilter]]) -> list[dict[Key, CellStats]]:
        return [MemoryBackend.cells(self, dims, flt) for dims, flt in wanted]


def test_a_wave_comparison_reads_its_tables_in_batches_with_the_same_answers() -> None:
    stories = _herfst(15) + _many(4, tenant="GM0307", campaign="Herfst") + \
        [s for t in ("GM0014", "GM0106", "GM0200", "GM0307") for s in _many(12, tenant=t, campaign="Lente",
                                                                             wave=LENTE, helped="nee")]
    batching = BatchingBackend(stories)

    batched = Analytics(batching, POLICY).compare_waves(HERFST, LENTE, [("uitkomst-hielp", "choice")], StoryFilter())

    assert batched == Analytics(MemoryBackend(stories), POLICY).compare_waves(
        HERFST, LENTE, [("uitkomst-hielp", "choice")], StoryFilter())
    assert batching.single_reads == 0
