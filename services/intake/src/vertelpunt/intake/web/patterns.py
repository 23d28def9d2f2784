"""The municipality's patterns in "Mijn verhalen": for the situations a storyteller told about, what works in
their own municipality (per intervention: stories, how often it helped, the share with its interval), and where
the municipality's answers to the triad lie (mean and 95% region), next to the storyteller's own answers.

Asked of the sector gateway with the storyteller's token and a filter on their own municipality: the gateway
applies its rules for staff looking at their own municipality (at least 10 stories per number, 30 behind a
share; gateway/context.py: own_view), so what one colleague told is never visible on its own."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from vertelpunt.contracts import core_questions as core
from vertelpunt.intake.frameworks.models import Framework
from vertelpunt.intake.sector_gateway import ask_gateway
from vertelpunt.intake.stories.models import Story
from vertelpunt.intake.web.forms import label
from vertelpunt.intake.web.sector import composition, percentages, triad_point

MAX_SITUATIONS = 4  # one whatWorks each; the gateway's cost and alias limits stay far away
TRIAD_QUESTION = "verschil"
_ROW = ("intervention stories { value suppressed } positive { value suppressed } "
        "positiveShare { value lower upper suppressed }")
BAR_WIDTH = 240.0  # the width of 100% in the bar chart (SVG units)


@dataclass(frozen=True)
class InterventionRow:
    intervention: str
    label: str
    stories: int | None       # None: withheld
    positive: int | None
    share: tuple[float, float, float] | None  # value, lower, upper; None: withheld

    @property
    def percent(self) -> tuple[int, int, int] | None:
        return None if self.share is None else (round(self.share[0] * 100), round(self.share[1] * 100),
                                                round(self.share[2] * 100))

    @property
    def bar(self) -> tuple[float, float, float] | None:
        """Bar length and the interval's ends in SVG units."""
        if self.share is None:
            return None
        value, lower, upper = self.share
        return round(value * BAR_WIDTH, 1), round(lower * BAR_WIDTH, 1), round(upper * BAR_WIDTH, 1)


@dataclass(frozen=True)
class SituationPattern:
    situation: str
    label: str
    rows: list[InterventionRow]

    @property
    def shown(self) -> list[InterventionRow]:
        """The rows with a share to draw (the table lists them all)."""
        return [r for r in self.rows if r.share is not None]


@dataclass
class MunicipalityPatterns:
    available: bool
    situations: list[SituationPattern] = field(default_factory=list)
    triad_mean: tuple[float, float, float] | None = None
    triad_region: list[tuple[float, float, float]] = field(default_factory=list)
    triad_answers: int | None = None

    @property
    def mean_point(self) -> tuple[float, float] | None:
        return triad_point(self.triad_mean)

    @property
    def mean_percent(self) -> tuple[int, int, int] | None:
        return percentages(self.triad_mean)

    @property
    def region_points(self) -> str:
        return " ".join(f"{x},{y}" for x, y in filter(None, map(triad_point, self.triad_region)))


def situations_of(stories: Iterable[Story], limit: int = MAX_SITUATIONS) -> list[str]:
    """The situations a storyteller told about, most recent story first, each once."""
    seen: list[str] = []
    for story in stories:
        for situation in (story.answers.get(core.SITUATION) or {}).get("choices") or []:
            if situation not in seen:
                seen.append(str(situation))
    return seen[:limit]


def own_points(stories: Iterable[Story], limit: int = 5) -> list[tuple[tuple[float, float, float], str]]:
    """The storyteller's own triad answers (most recent first) with the story's title."""
    points = []
    for story in stories:
        triad = (story.answers.get(TRIAD_QUESTION) or {}).get("triad")
        if triad and story.status != "erased":
            points.append(((float(triad[0]), float(triad[1]), float(triad[2])),
                           story.anonymised_title or story.title or ""))
    return points[:limit]


def patterns_query(situations: Sequence[str]) -> str:
    """One query: an aliased whatWorks per situation and the triad pattern, all inside the own municipality."""
    variables = "".join(f", $s{i}: String!" for i in range(len(situations)))
    fields = "\n".join(f"  s{i}: whatWorks(situation: $s{i}, filter: $own) {{ {_ROW} }}"
                       for i in range(len(situations)))
    return (f"query($own: StoryFilterInput!{variables}) {{\n{fields}\n"
            f'  triad: triadPattern(question: "{TRIAD_QUESTION}", filter: $own) {{\n'
            "    answered { value suppressed } geometricMean { a b c } confidenceRegion { a b c } }\n}")


def _row(item: dict[str, Any], labels: dict[str, str]) -> InterventionRow:
    share = item.get("positiveShare") or {}
    stories = (item.get("stories") or {}).get("value")
    # "0 of a withheld number" would still say something about a small group: no part without its whole.
    positive = (item.get("positive") or {}).get("value") if stories is not None else None
    return InterventionRow(
        intervention=str(item["intervention"]), label=labels.get(str(item["intervention"]), str(item["intervention"])),
        stories=stories, positive=positive,
        share=None if share.get("suppressed") or share.get("value") is None else
        (float(share["value"]), float(share["lower"]), float(share["upper"])))


def patterns_from(data: dict[str, Any] | None, situations: Sequence[str], situation_labels: dict[str, str],
                  intervention_labels: dict[str, str]) -> MunicipalityPatterns:
    """Pure: the gateway's answer as the page shows it. Rows with a share first (highest first), then the rest;
    a situation without a single visible number is left out."""
    if data is None:
        return MunicipalityPatterns(available=False)
    result = MunicipalityPatterns(available=True)
    for index, situation in enumerate(situations):
        rows = [_row(item, intervention_labels) for item in data.get(f"s{index}") or []]
        if any(r.stories is not None for r in rows):
            rows.sort(key=lambda r: (r.share is None, -(r.share[0] if r.share else 0), r.label))
            result.situations.append(SituationPattern(situation, situation_labels.get(situation, situation), rows))
    triad = data.get("triad") or {}
    result.triad_mean = composition(triad.get("geometricMean"))
    result.triad_region = [c for c in map(composition, triad.get("confidenceRegion") or []) if c]
    result.triad_answers = (triad.get("answered") or {}).get("value") if result.triad_mean else None
    return result


def option_labels(framework: Framework, question_id: str, locale: str) -> dict[str, str]:
    question = framework.question(question_id)
    return {o.id: label(o, locale, False) for o in question.options} if question else {}


def municipality_patterns(gateway_url: str, token: str, tenant: str, situations: Sequence[str],
                          framework: Framework, locale: str) -> MunicipalityPatterns:
    variables: dict[str, Any] = {"own": {"municipalities": [tenant]}}
    variables.update({f"s{i}": s for i, s in enumerate(situations)})
    data = ask_gateway(gateway_url, token, patterns_query(situations), variables)
    return patterns_from(data, situations, option_labels(framework, core.SITUATION, locale),
                         option_labels(framework, core.INTERVENTION, locale))
