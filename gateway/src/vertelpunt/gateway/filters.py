"""Story filters: what analysts narrow a question down to. Pure; translated to OpenSearch in `backend`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from vertelpunt.contracts import search_document as doc
from vertelpunt.contracts.question_ids import QUESTION_ID
from vertelpunt.contracts.waves import is_wave_id

TENANT = re.compile(r"^GM\d{4}$")

# Categorical filter fields and their index field.
FIELDS = {"municipalities": doc.TENANT, "regions": doc.REGION, "roles": doc.ROLE, "channels": doc.CHANNEL,
          "campaigns": doc.CAMPAIGN, "waves": doc.WAVE}
# Fields a story may lack (a story outside any wave): their "none" is a value of its own wherever a line of a
# table must be complete, or the stories without one could be found by subtraction (analytics.py).
MAY_BE_ABSENT = frozenset({doc.WAVE})


@dataclass(frozen=True)
class StoryFilter:
    municipalities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()  # sector wave ids (contracts/waves.py)
    # (question id, option id) pairs: stories that chose that option
    choices: tuple[tuple[str, str], ...] = ()
    week_from: date | None = None
    week_to: date | None = None
    text: str | None = None

    def validate(self) -> None:
        from vertelpunt.gateway.errors import BadInput

        for code in self.municipalities:
            if not TENANT.match(code):
                raise BadInput(f"'{code}' is geen gemeentecode zoals GM0193.")
        for wave in self.waves:
            if not is_wave_id(wave):
                raise BadInput(f"'{wave[:64]}' is geen meetronde van de sector.")
        for question, _ in self.choices:
            if not QUESTION_ID.match(question):
                raise BadInput(f"'{question}' is geen vraag-id.")
        if self.week_from and self.week_to and self.week_from > self.week_to:
            raise BadInput("De begindatum ligt na de einddatum.")

    def categorical(self) -> list[tuple[str, tuple[str, ...]]]:
        """(index field, values) of every categorical restriction: the dimensions differencing could use."""
        items = [(FIELDS[name], values) for name, values in self._named() if values]
        grouped: dict[str, list[str]] = {}
        for question, option in self.choices:
            grouped.setdefault(doc.choice_field(question), []).append(option)
        items += [(f, tuple(v)) for f, v in grouped.items()]
        return items

    def _named(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(name, getattr(self, name)) for name in FIELDS]

    def without(self, index_field: str) -> StoryFilter:
        for name, mapped in FIELDS.items():
            if mapped == index_field:
                return replace(self, **{name: ()})
        question = index_field.removeprefix(doc.choice_field(""))
        return replace(self, choices=tuple(c for c in self.choices if c[0] != question))

    def without_period(self) -> StoryFilter:
        return replace(self, week_from=None, week_to=None)

    def has_period(self) -> bool:
        return self.week_from is not None or self.week_to is not None

    def with_choice(self, question: str, option: str) -> StoryFilter:
        return replace(self, choices=(*self.choices, (question, option)))

    def to_query(self) -> dict[str, Any]:
        clauses: list[dict[str, Any]] = []
        for index_field, values in self.categorical():
            if index_field.startswith(doc.choice_field("")):
                clauses += [{"term": {index_field: v}} for v in values]  # every chosen option must be present
            else:
                clauses.append({"terms": {index_field: list(values)}})
        if self.week_from or self.week_to:
            bounds = {}
            if self.week_from:
                bounds["gte"] = self.week_from.isoformat()
            if self.week_to:
                bounds["lte"] = self.week_to.isoformat()
            clauses.append({"range": {doc.WEEK_START: bounds}})
        query: dict[str, Any] = {"bool": {"filter": clauses}}
        if self.text:
            query["bool"]["must"] = [{"multi_match": {"query": self.text, "fields": ["title^2", "text"]}}]
        return query

    def only_municipality(self) -> str | None:
        return self.municipalities[0] if len(self.municipalities) == 1 else None
