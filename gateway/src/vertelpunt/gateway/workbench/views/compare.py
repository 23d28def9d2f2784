"""Vergelijken: two periods or groups, or two sector waves (meetronden), side by side on a choice question or a
triad, with the test result and the effect size explained in Dutch (the explanation comes from the gateway's
statistics)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vertelpunt.gateway.workbench import charts
from vertelpunt.gateway.workbench.labels import LabelBook
from vertelpunt.gateway.workbench.text import say
from vertelpunt.gateway.workbench.views.common import (
    SUPPRESSED,
    count_text,
    count_value,
    csv_number,
    csv_percent,
    share_available,
    share_text,
)

GROUP_COLOURS = ((charts.ACCENT, "A"), (charts.SECOND, "B"))


@dataclass(frozen=True)
class Test:
    name: str
    p_value: str
    effect: str
    explanation: str


def test_of(raw: Mapping[str, Any] | None) -> Test | None:
    if not raw:
        return None
    p = raw["pValue"]
    return Test(raw["name"], say("compare.p_small") if p < 0.001 else f"{p:.3f}".replace(".", ","),
                f"{raw['effectName']} = {raw['effectSize']:.2f}".replace(".", ","), raw["explanation"])


@dataclass(frozen=True)
class OptionRow:
    option: str
    label: str
    a: str
    b: str
    share_a: str
    share_b: str
    difference: str
    values: tuple[int | None, int | None, float | None, float | None, float | None]
    test: Test | None


@dataclass(frozen=True)
class ChoiceComparison:
    question: str
    total_a: str
    total_b: str
    rows: list[OptionRow]
    test: Test | None
    spec: dict[str, Any]


def choice_comparison(answer: Mapping[str, Any], question: str, names: tuple[str, str],
                      labels: LabelBook) -> ChoiceComparison:
    rows = []
    bars = []
    for item in answer["categories"]:
        label = labels.value(question, item["option"])
        difference = item["difference"]
        sa, sb = item["shareA"], item["shareB"]
        rows.append(OptionRow(
            item["option"], label, count_text(item["a"]), count_text(item["b"]), share_text(sa), share_text(sb),
            SUPPRESSED if difference is None else say("compare.points", difference=round(difference * 100)),
            (count_value(item["a"]), count_value(item["b"]), sa["value"] if share_available(sa) else None,
             sb["value"] if share_available(sb) else None, difference), test_of(item["test"])))
        for name, share in ((names[0], sa), (names[1], sb)):
            available = share_available(share)
            bars.append({"label": label, "group": name, "share": share["value"] if available else None,
                         "lower": share["lower"] if available else None,
                         "upper": share["upper"] if available else None})
    spec = charts.share_bars(
        say("compare.chart.choice", a=names[0], b=names[1]), bars, say("compare.chart.choice_axis"),
        groups=[(names[0], charts.ACCENT), (names[1], charts.SECOND)])
    return ChoiceComparison(question, count_text(answer["totalA"]), count_text(answer["totalB"]), rows,
                            test_of(answer["test"]), spec)


def choice_csv(view: ChoiceComparison, names: tuple[str, str]) -> tuple[list[str], list[list[str]]]:
    header = ["antwoord", f"verhalen_{names[0]}", f"verhalen_{names[1]}", f"aandeel_{names[0]}_procent",
              f"aandeel_{names[1]}_procent", "verschil_procentpunt", "p_waarde"]
    rows = []
    for row in view.rows:
        a, b, sa, sb, difference = row.values
        rows.append([row.option, csv_number(a), csv_number(b), csv_percent(sa), csv_percent(sb),
                     csv_percent(difference), row.test.p_value if row.test else ""])
    return header, rows


@dataclass(frozen=True)
class TriadComparison:
    question: str
    corners: tuple[str, str, str]
    means: list[tuple[str, tuple[float, float, float] | None, str]]  # group name, mean, answered (text)
    answered: list[int | None]
    test: Test | None
    spec: dict[str, Any]


def triad_comparison(answer: Mapping[str, Any], question: str, names: tuple[str, str],
                     labels: LabelBook) -> TriadComparison:
    corners = labels.corners(question)
    comparison = answer["compareTriads"]
    groups, means, answered = [], [], []
    for name, mean, pattern, colour in ((names[0], comparison["meanA"], answer["groupA"], charts.ACCENT),
                                        (names[1], comparison["meanB"], answer["groupB"], charts.SECOND)):
        mean_tuple = (mean["a"], mean["b"], mean["c"]) if mean else None
        groups.append({"name": name, "mean": mean_tuple, "colour": colour,
                       "region": [(p["a"], p["b"], p["c"]) for p in pattern["confidenceRegion"]]})
        means.append((name, mean_tuple, count_text(pattern["answered"])))
        answered.append(count_value(pattern["answered"]))
    spec = charts.ternary(
        say("compare.chart.triad", question=labels.question(question), a=names[0], b=names[1]),
        corners, [], groups)
    return TriadComparison(question, corners, means, answered, test_of(comparison["test"]), spec)


def triad_csv(view: TriadComparison) -> tuple[list[str], list[list[str]]]:
    header = ["groep", "verhalen", *(f"gemiddelde_{c}_procent" for c in view.corners)]
    rows = []
    for (name, mean, _), answered in zip(view.means, view.answered, strict=True):
        shares = [csv_percent(v) for v in mean] if mean else [SUPPRESSED] * 3
        rows.append([name, csv_number(answered), *shares])
    return header, rows


# -- two sector waves ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WaveOption:
    id: str
    name: str
    starts_on: str
    ends_on: str

    @property
    def label(self) -> str:
        return str(say("compare.waves.option", name=self.name, start=_day(self.starts_on), end=_day(self.ends_on)))


def _day(iso: str) -> str:
    """2027-03-01 -> 1-3-2027 (how dates are written in Dutch)."""
    year, month, day = iso[:10].split("-")
    return f"{int(day)}-{int(month)}-{year}"


def wave_options(answer: Mapping[str, Any]) -> list[WaveOption]:
    return [WaveOption(w["id"], w["name"], w["startsOn"], w["endsOn"]) for w in answer["waves"]]


@dataclass(frozen=True)
class WaveOutcome:
    share_a: str
    share_b: str
    total_a: str
    total_b: str
    explanation: str


def wave_outcome(answer: Mapping[str, Any]) -> WaveOutcome:
    """The share of stories in which it helped, in both waves, and the gateway's explanation."""
    positive = answer["positiveOutcome"]
    sa, sb = positive["shareA"], positive["shareB"]
    return WaveOutcome(share_text(sa), share_text(sb), count_text(answer["totalA"]), count_text(answer["totalB"]),
                       answer["explanation"])


def wave_triad_answer(triad: Mapping[str, Any]) -> dict[str, Any]:
    """A wave comparison's triad in the shape `triad_comparison` reads (compareTriads plus both patterns)."""
    return {"compareTriads": {"meanA": triad["meanA"], "meanB": triad["meanB"], "test": triad["test"]},
            "groupA": {"answered": triad["answeredA"], "confidenceRegion": triad["confidenceRegionA"]},
            "groupB": {"answered": triad["answeredB"], "confidenceRegion": triad["confidenceRegionB"]}}
