"""Pattern analytics. Every number leaves through `table`, which applies the disclosure rules, including along
every filter dimension of the question asked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from vertelpunt.contracts import core_questions as core
from vertelpunt.contracts import search_document as doc
from vertelpunt.gateway.backend import AggregationBackend, Dim
from vertelpunt.gateway.disclosure import CellStats, DisclosurePolicy, Key, complementary, protect
from vertelpunt.gateway.errors import BadInput
from vertelpunt.gateway.filters import MAY_BE_ABSENT, StoryFilter
from vertelpunt.gateway.stats import (
    Interval,
    TestResult,
    TriadSummary,
    chi_square,
    hotelling_two_sample,
    triad_summary,
    two_proportions,
    wilson,
)


@dataclass(frozen=True)
class Count:
    """A count that may be withheld: value None and suppressed True, never a misleading zero."""

    value: int | None
    suppressed: bool

    @staticmethod
    def of(stats: CellStats | None, hidden: bool) -> Count:
        if hidden:
            return Count(None, True)
        return Count(stats.count if stats else 0, False)


def part_of(part: Count, whole: Count) -> Count:
    """No part without its whole: how many of a withheld group gave an answer (even none of them) tells
    something about every member of it, so the part is withheld with the whole."""
    return Count(None, True) if whole.suppressed else part


@dataclass(frozen=True)
class Share:
    value: float | None
    lower: float | None
    upper: float | None
    suppressed: bool


@dataclass(frozen=True)
class ComparedOption:
    option: str
    a: Count
    b: Count
    share_a: Share
    share_b: Share
    difference: float | None
    test: TestResult | None


@dataclass(frozen=True)
class ChoiceGroups:
    question: str
    total_a: Count
    total_b: Count
    options: list[ComparedOption]
    test: TestResult | None


@dataclass(frozen=True)
class TriadGroups:
    question: str
    answered_a: Count
    answered_b: Count
    summary_a: TriadSummary | None
    summary_b: TriadSummary | None
    test: TestResult | None


@dataclass(frozen=True)
class WaveComparison:
    total_a: Count
    total_b: Count
    positive: ComparedOption  # the outcome helped (core.HELPED_POSITIVE) in both waves
    choices: list[ChoiceGroups]
    triads: list[TriadGroups]


@dataclass
class Table:
    dims: list[Dim]
    raw: dict[Key, CellStats]
    hidden: set[Key]
    total: Count

    def count(self, key: Key) -> Count:
        return Count.of(self.raw.get(key), key in self.hidden)

    def sorted_keys(self) -> list[Key]:
        return sorted(self.raw)


def _line(index_field: str) -> Dim:
    """The dimension a filter field is checked along: stories without a value (outside any wave) are a cell too."""
    return Dim(index_field, missing=index_field in MAY_BE_ABSENT)


def _wave_parts(dims: list[Dim], flt: StoryFilter) -> tuple[list[Dim], StoryFilter]:
    """The table the neighbour rule of a wave filter reads (Analytics._wave_neighbours)."""
    return [*dims, Dim(doc.WEEK_START, "month"), Dim(doc.CAMPAIGN), _line(doc.WAVE)], flt.without(
        doc.WAVE).without_period()


@dataclass
class Analytics:
    backend: AggregationBackend
    policy: DisclosurePolicy
    # The municipality whose own data this caller may see finer (tenant analysts), if any.
    own_policy: DisclosurePolicy | None = None
    own_tenant: str | None = None
    _cache: dict[tuple[object, ...], dict[Key, CellStats]] = field(default_factory=dict)

    def policy_for(self, flt: StoryFilter) -> DisclosurePolicy:
        if self.own_policy and self.own_tenant and flt.only_municipality() == self.own_tenant:
            return self.own_policy
        return self.policy

    def _cells(self, dims: list[Dim], flt: StoryFilter) -> dict[Key, CellStats]:
        key = (tuple(dims), flt)
        if key not in self._cache:
            self._cache[key] = self.backend.cells(dims, flt)
        return self._cache[key]

    def _needs(self, dims: list[Dim], flt: StoryFilter) -> list[tuple[list[Dim], StoryFilter]]:
        """Every table `table(dims, flt)` will read: itself, its total, and both without each filter (_hidden)."""
        needs = [(dims, flt), ([], flt)]
        policy = self.policy_for(flt)
        for index_field, _ in flt.categorical():
            if index_field == doc.TENANT and policy is self.own_policy:
                continue
            parent = flt.without(index_field)
            needs += [([*dims, _line(index_field)], parent), ([_line(index_field)], parent)]
        if flt.has_period():
            month = Dim(doc.WEEK_START, "month")
            needs += [([*dims, month], flt.without_period()), ([month], flt.without_period())]
        if flt.waves:
            needs += [_wave_parts(dims, flt), _wave_parts([], flt)]
        return needs

    def prefetch(self, *tables: tuple[list[Dim], StoryFilter]) -> None:
        """Fetch what these tables will read in one round trip, when the backend can batch."""
        batch = getattr(self.backend, "cells_many", None)
        wanted: dict[tuple[object, ...], tuple[list[Dim], StoryFilter]] = {}
        for dims, flt in tables:
            for need in self._needs(dims, flt):
                key = (tuple(need[0]), need[1])
                if key not in self._cache:
                    wanted.setdefault(key, need)
        if batch is None or len(wanted) < 2:
            return
        for wanted_key, cells in zip(wanted, batch(list(wanted.values())), strict=True):
            self._cache[wanted_key] = cells

    def _hidden(self, dims: list[Dim], flt: StoryFilter, raw: dict[Key, CellStats]) -> set[Key]:
        policy = self.policy_for(flt)
        hidden = protect(raw, policy)
        for index_field, values in flt.categorical():
            if index_field == doc.TENANT and policy is self.own_policy:
                continue  # the own municipality's data, seen by its own analyst
            parent = flt.without(index_field)
            extended = self._cells([*dims, _line(index_field)], parent)
            if len(values) == 1:
                # Query with the value vs. without the filter: the difference is the other values together, so
                # suppression must be complementary along this dimension too.
                extended_hidden = protect(extended, self.policy_for(parent))
                hidden |= {key for key in raw if (*key, values[0]) in extended_hidden}
            else:
                # Query with a set vs. the set minus one value: each value's part must not be small on its own.
                hidden |= {key for key in raw
                           if any(0 < extended.get((*key, v), CellStats(0, 0)).count < policy.min_cell
                                  for v in values)}
            hidden = complementary(raw, hidden)
        if flt.has_period():
            hidden = complementary(raw, hidden | self._small_months(dims, flt, raw, policy))
        if flt.waves:
            hidden = complementary(raw, hidden | self._wave_neighbours(dims, flt, raw, policy))
        return hidden

    def _wave_neighbours(self, dims: list[Dim], flt: StoryFilter, raw: dict[Key, CellStats],
                         policy: DisclosurePolicy) -> set[Key]:
        """A wave is made of campaigns in months: its stories share campaign label and month with stories that
        are not in it (a label another municipality also uses, stories told before a campaign joined). Two
        queries that differ in more than the wave filter (a campaign label or a period instead of the wave)
        would differ by exactly those neighbours. So a cell stays visible under a wave filter only when, for
        every month and campaign label holding stories of the chosen waves, the stories of that month and
        label outside those waves number 0 or at least `min_cell` (counted without the wave and period filter,
        like the month rule)."""
        parts = self._cells(*_wave_parts(dims, flt))
        inside: dict[Key, int] = defaultdict(int)
        outside: dict[Key, int] = defaultdict(int)
        for key, stats in parts.items():
            (inside if key[-1] in flt.waves else outside)[key[:-1]] += stats.count
        mixed = {group[:len(dims)] for group, count in inside.items()
                 if count and 0 < outside.get(group, 0) < policy.min_cell}
        return {key for key in raw if key in mixed}

    def _small_months(self, dims: list[Dim], flt: StoryFilter, raw: dict[Key, CellStats],
                      policy: DisclosurePolicy) -> set[Key]:
        """Periods are whole months. Two period filters differ by whole months, and a period filter differs from
        no filter by the months outside it; so a cell stays visible under a period filter only when every month
        of it, inside the range or outside, holds no stories or at least `min_cell`."""
        per_month = self._cells([*dims, Dim(doc.WEEK_START, "month")], flt.without_period())
        small = {key[:-1] for key, stats in per_month.items() if 0 < stats.count < policy.min_cell}
        return {key for key in raw if key in small}

    def table(self, dims: list[Dim], flt: StoryFilter) -> Table:
        flt.validate()
        if flt.text:
            raise BadInput("Vrije tekst kan alleen in zoeken, niet in tellingen: zo blijven kleine groepen "
                           "beschermd.")
        self.prefetch((dims, flt))
        raw = self._cells(dims, flt)
        total_raw = self._cells([], flt)
        total_hidden = self._hidden([], flt, total_raw)
        return Table(dims, raw, self._hidden(dims, flt, raw), Count.of(total_raw.get(()), () in total_hidden))

    def list_total(self, total: int, free_text: bool) -> Count:
        """The size of a story list. Without free text a list is a union of whole released classes
        (gateway/release.py), so its size is safe to show; free text selects by content, not by class: a count
        rounded down to tens, withheld below the minimum."""
        if not free_text:
            return Count(total, False)
        return Count(total // 10 * 10, False) if total >= self.policy.min_cell else Count(None, True)

    def share(self, numerator: Count, denominator: Count, flt: StoryFilter) -> Share:
        policy = self.policy_for(flt)
        if numerator.suppressed or denominator.suppressed or not denominator.value or \
                denominator.value < policy.min_denominator or numerator.value is None:
            return Share(None, None, None, True)
        interval: Interval = wilson(numerator.value, denominator.value)
        return Share(interval.value, interval.lower, interval.upper, False)

    # -- the questions analysts ask --------------------------------------------------------------------
    def what_works(self, situation: str, flt: StoryFilter) -> list[tuple[str, Count, Count, Share]]:
        """Per intervention in this situation: stories, stories with a positive outcome, the share (Wilson)."""
        scoped = flt.with_choice(core.SITUATION, situation)
        intervention = Dim(doc.choice_field(core.INTERVENTION))
        self.prefetch(([intervention], scoped), ([intervention, Dim(doc.choice_field(core.HELPED))], scoped))
        per_intervention = self.table([intervention], scoped)
        by_outcome = self.table([intervention, Dim(doc.choice_field(core.HELPED))], scoped)
        positive = core.HELPED_POSITIVE
        rows = []
        for (intervention,) in per_intervention.sorted_keys():
            stories = per_intervention.count((intervention,))
            positives = part_of(by_outcome.count((intervention, positive)), stories)
            rows.append((intervention, stories, positives, self.share(positives, stories, scoped)))
        return rows

    def cross_tab(self, fields: list[str], flt: StoryFilter) -> tuple[Table, list[Table]]:
        if not 2 <= len(fields) <= 3 or len(set(fields)) != len(fields):
            raise BadInput("Kies twee of drie verschillende vragen.")
        dims = [Dim(f) for f in fields]
        self.prefetch((dims, flt), *(([d], flt) for d in dims))
        margins = [self.table([d], flt) for d in dims]
        return self.table(dims, flt), margins

    def triad(self, question: str, flt: StoryFilter, bins: int) -> tuple[Table, TriadSummary | None, Count]:
        if not 2 <= bins <= 20:
            raise BadInput("Kies tussen 2 en 20 vakken.")
        width = 1 / bins
        grid_dims = [Dim(doc.triad_field(question, "a"), "histogram", width),
                     Dim(doc.triad_field(question, "b"), "histogram", width)]
        answered_dims = [Dim(doc.triad_field(question, "a"), "histogram", 2.0)]  # one bin: all answers
        self.prefetch((grid_dims, flt), (answered_dims, flt))
        grid = self.table(grid_dims, flt)
        moments = self.backend.moments(question, flt)
        answered = self.table(answered_dims, flt)
        n = Count.of(CellStats(moments.n, 0), any(answered.hidden) or not answered.raw)
        policy = self.policy_for(flt)
        if n.suppressed or moments.n < policy.min_denominator:
            return grid, None, n
        summary = triad_summary(moments.n, moments.sum1, moments.sum2, moments.sumsq1, moments.sumsq2, moments.sum12)
        return grid, summary, n

    def compare_choice(self, question: str, a: StoryFilter, b: StoryFilter) -> tuple[Table, Table, TestResult | None]:
        """Chi-square over the options visible in both groups plus one "rest" column (total minus those, which
        a reader can compute anyway); withheld cells never enter a test on their own."""
        dim = [Dim(doc.choice_field(question))]
        self.prefetch((dim, a), (dim, b))
        table_a, table_b = self.table(dim, a), self.table(dim, b)
        options = [k for k in sorted(set(table_a.raw) & set(table_b.raw))
                   if k not in table_a.hidden and k not in table_b.hidden]
        rows = [[table_a.raw[o].count for o in options], [table_b.raw[o].count for o in options]]
        if table_a.total.value is not None and table_b.total.value is not None:
            rest = [table_a.total.value - sum(rows[0]), table_b.total.value - sum(rows[1])]
            if min(rest) >= 0 and sum(rest) > 0:
                rows = [rows[0] + [rest[0]], rows[1] + [rest[1]]]
        try:
            return table_a, table_b, chi_square(rows)
        except ValueError:
            return table_a, table_b, None

    def compare_groups(self, question: str, a: StoryFilter, b: StoryFilter) -> tuple[
            Table, Table, list[ComparedOption], TestResult | None]:
        """Per option of a choice question: both counts and shares, their difference and a two-proportion test;
        overall the chi-square of `compare_choice`."""
        table_a, table_b, test = self.compare_choice(question, a, b)
        keys = sorted(set(table_a.raw) | set(table_b.raw))
        options = [self._compared(key[0], table_a, table_b, a, b) for key in keys]
        return table_a, table_b, options, test

    def wave_groups(self, a: str, b: str, flt: StoryFilter) -> tuple[StoryFilter, StoryFilter]:
        """The two groups of a wave comparison: the common filter narrowed to each wave."""
        if a == b:
            raise BadInput("Kies twee verschillende meetronden.")
        if flt.waves:
            raise BadInput("Kies de meetronden als A en B, niet ook in het filter.")
        return replace(flt, waves=(a,)), replace(flt, waves=(b,))

    def compare_waves(self, a: str, b: str, questions: list[tuple[str, str]], flt: StoryFilter) -> WaveComparison:
        """Two waves side by side: the share of positive outcomes, and per question (id, "choice" or "triad") the
        answer distributions or the triad means, each number through `table` like any comparison of groups."""
        group_a, group_b = self.wave_groups(a, b, flt)
        helped_a, helped_b, _ = self.compare_choice(core.HELPED, group_a, group_b)
        positive = self._compared(core.HELPED_POSITIVE, helped_a, helped_b, group_a, group_b)
        choices, triads = [], []
        for question, kind in questions:
            if kind == "triad":
                _, summary_a, answered_a = self.triad(question, group_a, 5)
                _, summary_b, answered_b = self.triad(question, group_b, 5)
                test = hotelling_two_sample(summary_a, summary_b) if summary_a and summary_b else None
                triads.append(TriadGroups(question, answered_a, answered_b, summary_a, summary_b, test))
            else:
                table_a, table_b, compared, chi = self.compare_groups(question, group_a, group_b)
                choices.append(ChoiceGroups(question, table_a.total, table_b.total, compared, chi))
        return WaveComparison(helped_a.total, helped_b.total, positive, choices, triads)

    def _compared(self, option: str, table_a: Table, table_b: Table, a: StoryFilter,
                  b: StoryFilter) -> ComparedOption:
        """One option of a comparison, also when no story in either group chose it."""
        ca, cb = table_a.count((option,)), table_b.count((option,))
        sa, sb = self.share(ca, table_a.total, a), self.share(cb, table_b.total, b)
        difference = sa.value - sb.value if sa.value is not None and sb.value is not None else None
        test = self.compare_option(ca, table_a.total, cb, table_b.total, a) if difference is not None else None
        return ComparedOption(option, ca, cb, sa, sb, difference, test)

    def compare_option(self, a_count: Count, a_total: Count, b_count: Count, b_total: Count,
                       flt: StoryFilter) -> TestResult | None:
        minimum = self.policy_for(flt).min_denominator
        values = (a_count.value, a_total.value, b_count.value, b_total.value)
        if any(v is None for v in values) or (a_total.value or 0) < minimum or (b_total.value or 0) < minimum:
            return None
        return two_proportions(*values)  # type: ignore[arg-type]

    def compare_triad(self, question: str, a: StoryFilter, b: StoryFilter) -> tuple[
            TriadSummary | None, TriadSummary | None, TestResult | None]:
        _, summary_a, _ = self.triad(question, a, 5)
        _, summary_b, _ = self.triad(question, b, 5)
        if summary_a is None or summary_b is None:
            return summary_a, summary_b, None
        return summary_a, summary_b, hotelling_two_sample(summary_a, summary_b)
