"""Property tests against an in-memory backend: no visible count is small, and no two queries that differ by
one filter value reveal a suppressed cell by subtraction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from vertelpunt.gateway.analytics import Analytics
from vertelpunt.gateway.backend import Dim, MomentSums
from vertelpunt.gateway.disclosure import CellStats, DisclosurePolicy, Key
from vertelpunt.gateway.filters import StoryFilter

FIELDS = {"tenant": ["GM0001", "GM0002", "GM0003", "GM0004"], "role": ["staff", "client", "other"],
          "choice.situatie": ["schulden", "werk", "taal"], "choice.uitkomst-hielp": ["ja", "nee"]}


@dataclass(frozen=True)
class Doc:
    tenant: str
    role: str
    situatie: str
    helped: str

    def value(self, field: str) -> str:
        return {"tenant": self.tenant, "role": self.role, "choice.situatie": self.situatie,
                "choice.uitkomst-hielp": self.helped}[field]


class MemoryBackend:
    """Counts the same way OpenSearch does, for single-valued fields."""

    def __init__(self, docs: list[Doc]) -> None:
        self.docs = docs

    def _matches(self, doc: Doc, flt: StoryFilter) -> bool:
        return all(doc.value(field) in values for field, values in flt.categorical())

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        groups: dict[Key, list[Doc]] = {}
        for doc in self.docs:
            if self._matches(doc, flt):
                groups.setdefault(tuple(doc.value(d.field) for d in dims), []).append(doc)
        return {k: CellStats(len(v), len({d.tenant for d in v}), max(Counter(d.tenant for d in v).values()))
                for k, v in groups.items()}

    def moments(self, question: str, flt: StoryFilter) -> MomentSums:
        return MomentSums(0, 0, 0, 0, 0, 0)


docs = st.lists(st.builds(Doc, st.sampled_from(FIELDS["tenant"]), st.sampled_from(FIELDS["role"]),
                          st.sampled_from(FIELDS["choice.situatie"]), st.sampled_from(FIELDS["choice.uitkomst-hielp"])),
                min_size=20, max_size=400)
POLICY = DisclosurePolicy(min_cell=10, min_tenants=3)


def _filter(field: str | None, value: str | None) -> StoryFilter:
    if field is None or value is None:
        return StoryFilter()
    if field == "role":
        return StoryFilter(roles=(value,))
    if field == "tenant":
        return StoryFilter(municipalities=(value,))
    return StoryFilter(choices=((field.removeprefix("choice."), value),))


@settings(max_examples=150, deadline=None)
@given(docs, st.sampled_from(["role", "tenant", "choice.uitkomst-hielp"]))
def test_no_small_visible_count_and_no_differencing_by_one_filter_value(corpus: list[Doc], field: str) -> None:
    analytics = Analytics(MemoryBackend(corpus), POLICY)
    dims = [Dim("choice.situatie")]
    unfiltered = analytics.table(dims, StoryFilter())
    filtered = {value: analytics.table(dims, _filter(field, value)) for value in FIELDS[field]}

    for table in [unfiltered, *filtered.values()]:
        for key, stats in table.raw.items():
            if key not in table.hidden:
                assert stats.count >= 10 and stats.tenants >= 3
    for key in unfiltered.raw:
        hidden_values = [v for v, t in filtered.items() if key in t.raw and key in t.hidden]
        visible_unfiltered = key not in unfiltered.hidden
        # If the unfiltered cell and all but one filtered cell were visible, subtraction would reveal the one.
        if visible_unfiltered:
            assert len(hidden_values) != 1, (key, hidden_values)
