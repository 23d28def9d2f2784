"""Trajectories: how outcomes and answers change from the first story of a thread to its latest follow-up.

A thread is the sector's pseudonym for the stories one client (or storyteller) told with one story key
(federation/policy.py: sector_thread_id). Threads are quasi-identifiers: one person with five follow-ups could
fill a "cell of ten stories" alone. So here the unit of every count is the **thread**, never the story:

- each thread with a first story (number 1) and at least one follow-up gives exactly two *stage records*: the
  first story (stage "eerste") and its latest follow-up (stage "later", with the weeks since the first);
- `ThreadBackend` counts distinct threads per cell (municipalities and the dominant municipality in threads too)
  and is handed to an ordinary `Analytics`, so every number passes `Analytics.table`: minimum cell, three
  municipalities, dominance, complementary suppression, the one-filter and whole-month differencing rules, all
  counted in threads;
- means (slider positions, weeks between stories) are shown only when their group of threads is visible and
  reaches the minimum denominator;
- the thread id itself is never a dimension, a filter or an output (`THREAD` is not in `doc.DIMENSIONS`, and
  stories.py's SOURCE_FIELDS never return it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vertelpunt.contracts import core_questions as core
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.analytics import Analytics, Count, Share, part_of
from vertelpunt.gateway.backend import Dim, MomentSums, call_opensearch
from vertelpunt.gateway.disclosure import CellStats, Key
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.filters import StoryFilter

# Synthetic fields of a stage record (not in the index).
STAGE = "stage"
GAP_WEEKS = "gap_weeks"
FIRST, LATER = "eerste", "later"
STAGES = (FIRST, LATER)
GAP_BAND_WEEKS = 4.0  # time between stories is shown in bands of four weeks

_RECORD_FIELDS = (doc.TENANT, doc.REGION, doc.ROLE, doc.CHANNEL, doc.CAMPAIGN, doc.WAVE)


@dataclass(frozen=True)
class ThreadStory:
    """One story of a thread as the sector index holds it (anonymised answers, week, coarse context)."""

    thread: str
    number: int
    week_start: date
    context: Mapping[str, str]  # tenant, region, role, channel, campaign, wave
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    dyads: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class StageRecord:
    thread: str
    stage: str
    story: ThreadStory
    gap_weeks: int | None  # weeks from the first story to this one; None for the first story

    def values(self, index_field: str) -> tuple[str | float, ...]:
        """The record's values of a field, as a terms or histogram aggregation would see them."""
        if index_field == STAGE:
            return (self.stage,)
        if index_field == GAP_WEEKS:
            return () if self.gap_weeks is None else (float(self.gap_weeks),)
        if index_field == doc.WEEK_START:
            return (self.story.week_start.isoformat(),)
        if index_field.startswith(doc.choice_field("")):
            return self.story.choices.get(index_field.removeprefix(doc.choice_field("")), ())
        if index_field.startswith(doc.dyad_field("")):
            value = self.story.dyads.get(index_field.removeprefix(doc.dyad_field("")))
            return () if value is None else (value,)
        if index_field in _RECORD_FIELDS:
            value_of = self.story.context.get(index_field)
            return () if value_of is None else (value_of,)
        raise BadInput("Dit kenmerk kan niet in een verloop.")


def stage_records(stories: Iterable[ThreadStory]) -> list[StageRecord]:
    """Two records per thread that has its first story and a follow-up; threads without either give none (a
    withdrawn first story takes its thread out of every trajectory)."""
    threads: dict[str, list[ThreadStory]] = defaultdict(list)
    for story in stories:
        threads[story.thread].append(story)
    records: list[StageRecord] = []
    for thread, told in sorted(threads.items()):
        first = next((s for s in told if s.number == 1), None)
        latest = max(told, key=lambda s: (s.number, s.week_start))
        if first is None or latest.number < 2:
            continue
        gap = max(0, (latest.week_start - first.week_start).days // 7)
        records += [StageRecord(thread, FIRST, first, None), StageRecord(thread, LATER, latest, gap)]
    return records


def _matches(record: StageRecord, flt: StoryFilter) -> bool:
    for index_field, wanted in flt.categorical():
        have = set(record.values(index_field))
        if index_field.startswith(doc.choice_field("")):
            if not set(wanted) <= have:
                return False
        elif not have & set(wanted):
            return False
    week = record.story.week_start
    return not ((flt.week_from and week < flt.week_from) or (flt.week_to and week > flt.week_to))


def _bucket(dim: Dim, value: str | float) -> str:
    if dim.kind == "histogram":
        number = float(value)
        start = (number // dim.interval) * dim.interval
        return f"{start:.4f}"
    if dim.kind in ("week", "month"):
        day = date.fromisoformat(str(value))
        return day.replace(day=1).isoformat() if dim.kind == "month" else \
            date.fromordinal(day.toordinal() - day.weekday()).isoformat()
    return str(value)


class ThreadBackend:
    """An aggregation backend over stage records whose unit is the thread: a cell's count is the number of
    distinct threads in it, its municipalities and dominant municipality are counted in threads as well."""

    def __init__(self, load: Callable[[], Iterable[ThreadStory]]) -> None:
        self._load = load
        self._records: list[StageRecord] | None = None

    def records(self) -> list[StageRecord]:
        if self._records is None:
            self._records = stage_records(self._load())
        return self._records

    def cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        if flt.text:
            raise BadInput("Vrije tekst kan niet in een verloop.")
        threads: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for record in self.records():
            if not _matches(record, flt):
                continue
            keys: list[Key] = [()]
            for dim in dims:
                values = record.values(dim.field) or (("",) if dim.missing else ())
                keys = [(*k, _bucket(dim, v)) for k in keys for v in values]
            tenant = str(record.story.context.get(doc.TENANT, ""))
            for key in keys:
                threads[key][tenant].add(record.thread)
        cells = {}
        for key, per_tenant in threads.items():
            everyone = set().union(*per_tenant.values())
            cells[key] = CellStats(len(everyone), len(per_tenant), max(len(t) for t in per_tenant.values()))
        return cells

    def moments(self, question: str, flt: StoryFilter) -> MomentSums:
        raise BadInput("Driehoeken zijn er nog niet in een verloop; kies een keuzevraag of schuif.")

    def mean(self, index_field: str, stage: str, flt: StoryFilter) -> tuple[int, float | None]:
        """(threads with a value, their mean) for one stage; each thread has one record per stage."""
        values = [float(v) for r in self.records() if r.stage == stage and _matches(r, flt)
                  for v in r.values(index_field)[:1]]
        return len(values), (sum(values) / len(values) if values else None)


# -- the questions a trajectory answers ----------------------------------------------------------------------
@dataclass(frozen=True)
class StageOutcome:
    stage: str
    threads: Count
    positive: Count
    share: Share


@dataclass(frozen=True)
class StageMean:
    stage: str
    threads: Count
    mean: float | None  # None when withheld


@dataclass(frozen=True)
class GapBand:
    weeks_from: int
    weeks_to: int
    threads: Count


@dataclass(frozen=True)
class Trajectory:
    outcome: list[StageOutcome]
    sliders: dict[str, list[StageMean]]
    gaps: list[GapBand]
    mean_gap_weeks: float | None
    threads: Count


class Trajectories:
    """Trajectory questions, every number through `Analytics.table` over a `ThreadBackend`."""

    def __init__(self, analytics: Analytics, backend: ThreadBackend) -> None:
        self.analytics = analytics
        self.backend = backend

    @classmethod
    def like(cls, story_analytics: Analytics, backend: ThreadBackend) -> Trajectories:
        """The same disclosure rules (and own-municipality rules) as the caller's story analytics."""
        return cls(Analytics(backend, story_analytics.policy, story_analytics.own_policy,
                             story_analytics.own_tenant), backend)

    def outcome(self, question: str, option: str, flt: StoryFilter) -> list[StageOutcome]:
        per_stage = self.analytics.table([Dim(STAGE)], flt)
        by_option = self.analytics.table([Dim(STAGE), Dim(doc.choice_field(question))], flt)
        rows = []
        for stage in STAGES:
            threads = per_stage.count((stage,))
            positive = part_of(by_option.count((stage, option)), threads)
            rows.append(StageOutcome(stage, threads, positive, self.analytics.share(positive, threads, flt)))
        return rows

    def slider(self, question: str, flt: StoryFilter) -> list[StageMean]:
        answered = self.analytics.table([Dim(STAGE), Dim(doc.dyad_field(question), "histogram", 2.0)], flt)
        minimum = self.analytics.policy_for(flt).min_denominator
        rows = []
        for stage in STAGES:
            count = answered.count((stage, "0.0000"))
            n, mean = self.backend.mean(doc.dyad_field(question), stage, flt)
            visible = not count.suppressed and count.value == n and n >= minimum
            rows.append(StageMean(stage, count, mean if visible else None))
        return rows

    def gaps(self, flt: StoryFilter) -> tuple[list[GapBand], float | None]:
        table = self.analytics.table([Dim(STAGE), Dim(GAP_WEEKS, "histogram", GAP_BAND_WEEKS)], flt)
        bands = [GapBand(int(float(k[1])), int(float(k[1]) + GAP_BAND_WEEKS) - 1, table.count(k))
                 for k in table.sorted_keys() if k[0] == LATER]
        bands.sort(key=lambda b: b.weeks_from)
        later = self.analytics.table([Dim(STAGE)], flt).count((LATER,))
        n, mean = self.backend.mean(GAP_WEEKS, LATER, flt)
        minimum = self.analytics.policy_for(flt).min_denominator
        return bands, (mean if not later.suppressed and later.value == n and n >= minimum else None)

    def trajectory(self, flt: StoryFilter, question: str = core.HELPED, option: str = core.HELPED_POSITIVE,
                   sliders: tuple[str, ...] = ()) -> Trajectory:
        bands, mean_gap = self.gaps(flt)
        total = self.analytics.table([], flt).total
        return Trajectory(self.outcome(question, option, flt), {q: self.slider(q, flt) for q in sliders}, bands,
                          mean_gap, total)


# -- loading thread stories from the index ---------------------------------------------------------------------
_SOURCE = [doc.THREAD, doc.THREAD_NUMBER, doc.WEEK_START, doc.CHOICE, doc.DYAD, *_RECORD_FIELDS]


def thread_story(source: Mapping[str, Any]) -> ThreadStory:
    return ThreadStory(
        thread=str(source[doc.THREAD]), number=int(source[doc.THREAD_NUMBER]),
        week_start=date.fromisoformat(str(source[doc.WEEK_START])[:10]),
        context={f: str(source[f]) for f in _RECORD_FIELDS if source.get(f)},
        choices={q: tuple(v) for q, v in (source.get(doc.CHOICE) or {}).items()},
        dyads={q: float(v) for q, v in (source.get(doc.DYAD) or {}).items()})


def opensearch_loader(client: Any, alias: str, page: int = 2000) -> Callable[[], list[ThreadStory]]:
    """Every story that belongs to a thread, paged with search_after (read inside the gateway only)."""

    def load() -> list[ThreadStory]:
        stories: list[ThreadStory] = []
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"size": page, "_source": _SOURCE, "sort": [{doc.STORY_ID: "asc"}],
                                    "query": {"bool": {"filter": [{"exists": {"field": doc.THREAD}},
                                                                  {"exists": {"field": doc.THREAD_NUMBER}}]}}}
            if after:
                body["search_after"] = after
            result = call_opensearch(client.search, {"hits": {"hits": []}}, index=alias, body=body)
            hits = result.get("hits", {}).get("hits", [])
            stories += [thread_story(h["_source"]) for h in hits]
            if len(hits) < page:
                return stories
            after = hits[-1]["sort"]

    return load
