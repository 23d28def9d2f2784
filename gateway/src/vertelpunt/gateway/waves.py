"""Sector listening waves (meetronden): a sector body names a period and the questions it listens for;
municipalities join a wave with a campaign (intake campaigns), their stories carry the wave's id, and the
analyses compare waves across municipalities (`Analytics.compare_waves`, every number under the usual rules).

The rules for a wave are pure (`check_wave`); `WaveStore` keeps waves in an OpenSearch index, like measures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConflictError, NotFoundError

from vertelpunt.contracts.question_ids import QUESTION_ID
from vertelpunt.contracts.waves import new_wave_id
from vertelpunt.gateway.errors import BadInput, NotFound
from vertelpunt.gateway.frameworks import Labels

MAPPING = {"properties": {"id": {"type": "keyword"}, "name": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
                          "starts_on": {"type": "date"}, "ends_on": {"type": "date"},
                          "questions": {"type": "keyword"}, "created_by": {"type": "keyword"},
                          "updated_at": {"type": "date"}}}
MAX_QUESTIONS = 12
MAX_DAYS = 366 * 2
# The question types a wave can compare (gateway/analytics.py: compare_groups, compare_triad).
COMPARABLE = {"single_choice": "choice", "multiple_choice": "choice", "triad": "triad"}


@dataclass(frozen=True)
class Wave:
    id: str
    name: str
    starts_on: date
    ends_on: date
    questions: tuple[str, ...]


def question_kinds(labels: Labels) -> dict[str, str]:
    """Question id -> "choice" or "triad" for every core question a wave can ask, as the sector's framework
    registry defines it. A wave spans municipalities: one municipality's own questions are not comparable there."""
    return {q.id: COMPARABLE[q.type] for q in labels.questions.values()
            if q.municipality is None and q.type in COMPARABLE}


def check_wave(name: str, starts_on: date, ends_on: date, questions: list[str],
               kinds: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """The name (trimmed) and questions (in the order given, without repeats) of a valid wave, or BadInput."""
    name = " ".join(name.split())
    if not 2 <= len(name) <= 120:
        raise BadInput("Geef de meetronde een naam van 2 tot 120 tekens.")
    if ends_on < starts_on:
        raise BadInput("De meetronde moet eindigen na de start.")
    if (ends_on - starts_on).days > MAX_DAYS:
        raise BadInput("Een meetronde duurt hoogstens twee jaar.")
    chosen = tuple(dict.fromkeys(questions))
    if not 1 <= len(chosen) <= MAX_QUESTIONS:
        raise BadInput(f"Kies 1 tot {MAX_QUESTIONS} vragen voor de meetronde.")
    unknown = [q for q in chosen if not QUESTION_ID.match(q) or q not in kinds]
    if unknown:
        raise BadInput(f"'{unknown[0][:64]}' is geen keuzevraag of driehoek uit het raamwerk van de sector.")
    return name, chosen


def _wave(source: dict[str, Any]) -> Wave:
    return Wave(source["id"], source["name"], date.fromisoformat(source["starts_on"][:10]),
                date.fromisoformat(source["ends_on"][:10]), tuple(source.get("questions") or ()))


class WaveStore:
    def __init__(self, client: OpenSearch, index: str) -> None:
        self.client = client
        self.index = index

    def _save(self, wave: Wave, by: str, create: bool) -> None:
        body = {"id": wave.id, "name": wave.name, "starts_on": wave.starts_on.isoformat(),
                "ends_on": wave.ends_on.isoformat(), "questions": list(wave.questions), "created_by": by,
                "updated_at": datetime.now(UTC).isoformat()}
        self.client.index(index=self.index, id=wave.id, body=body, refresh="wait_for",
                          **({"op_type": "create"} if create else {}))

    def define(self, name: str, starts_on: date, ends_on: date, questions: tuple[str, ...], by: str) -> Wave:
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(index=self.index, body={"mappings": MAPPING}, ignore=[400])
        for _ in range(5):  # a random suffix: a clash is rare, and then another suffix is drawn
            wave = Wave(new_wave_id(name), name, starts_on, ends_on, questions)
            try:
                self._save(wave, by, create=True)
                return wave
            except ConflictError:
                continue
        raise BadInput("Er ging iets mis bij het maken van een id. Probeer het opnieuw.")

    def update(self, wave_id: str, by: str, kinds: Mapping[str, str], name: str | None = None,
               starts_on: date | None = None, ends_on: date | None = None,
               questions: list[str] | None = None) -> Wave:
        """A new name, period or questions; the id never changes (stories and campaigns carry it)."""
        current = self.get(wave_id)
        if current is None:
            raise NotFound("Deze meetronde bestaat niet.")
        checked_name, checked_questions = check_wave(
            name if name is not None else current.name, starts_on or current.starts_on, ends_on or current.ends_on,
            questions if questions is not None else list(current.questions), kinds)
        wave = replace(current, name=checked_name, starts_on=starts_on or current.starts_on,
                       ends_on=ends_on or current.ends_on, questions=checked_questions)
        self._save(wave, by, create=False)
        return wave

    def get(self, wave_id: str) -> Wave | None:
        try:
            found = self.client.get(index=self.index, id=wave_id)
        except NotFoundError:
            return None
        return _wave(found["_source"])

    def all(self) -> list[Wave]:
        try:
            hits = self.client.search(index=self.index, body={"size": 500, "query": {"match_all": {}},
                                                              "sort": [{"starts_on": "desc"}, {"id": "asc"}]})
        except NotFoundError:
            return []
        return [_wave(h["_source"]) for h in hits["hits"]["hits"]]
