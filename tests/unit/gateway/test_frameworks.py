"""Labels from the sector's framework registry: every version keeps its ids labelled, the newest wording wins,
and an id without a definition is answered with the id itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.framework_definitions import registry_document
from vertelpunt.gateway.frameworks import Labels, definition_of
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import core_framework, extend

pytestmark = pytest.mark.unit


def _choice(local_id: str, label: str, *options: tuple[str, str]) -> Question:
    return Question.model_validate({"id": local_id, "type": "single_choice", "category": "outcome",
                                    "label": {"nl": label},
                                    "options": [{"id": o, "label": {"nl": t}} for o, t in options]})


def _definition(tenant: str, version: int, *questions: Question, days: int = 0) -> dict[str, object]:
    document = registry_document(tenant, extend(core_framework(), tenant, version, questions))
    document["published_at"] = (datetime(2026, 3, 2, tzinfo=UTC) + timedelta(days=days)).isoformat()
    return document


def test_every_version_keeps_its_questions_and_the_newest_wording_wins() -> None:
    v1 = _definition("GM0518", 1, _choice("nazorg", "Was er nazorg?", ("ja", "Ja"), ("nee", "Nee")), days=0)
    v2 = _definition("GM0518", 2, _choice("nazorg", "Kwam er nazorg?", ("ja", "Ja, zeker"), ("nee", "Nee")),
                     _choice("wijkteam", "Was het wijkteam erbij?", ("ja", "Ja"), ("nee", "Nee")), days=7)
    labels = Labels.of([definition_of(v2), definition_of(v1)])  # order of arrival does not matter

    assert labels.question_label("gm0518.nazorg") == "Kwam er nazorg?"
    assert labels.part_label("gm0518.nazorg", "ja") == "Ja, zeker"
    assert labels.question_label("gm0518.wijkteam") == "Was het wijkteam erbij?"
    assert [d.version for d in labels.defined_in["gm0518.nazorg"]] == ["1.0.0+GM0518.1", "1.0.0+GM0518.2"]
    assert labels.question_label("verschil") == "Wat maakte het verschil?"
    assert [p.label for p in labels.questions["verschil"].corners][2] == "Regels en voorzieningen"


def test_the_same_local_id_of_two_municipalities_keeps_two_sets_of_labels() -> None:
    one = _definition("GM0518", 1, _choice("nazorg", "Was er nazorg?", ("ja", "Ja"), ("nee", "Nee")))
    other = _definition("GM0344", 1, _choice("nazorg", "Hoeveel nazorg?", ("veel", "Veel"), ("weinig", "Weinig")))
    labels = Labels.of([definition_of(one), definition_of(other)])

    assert labels.question_label("gm0518.nazorg") == "Was er nazorg?"
    assert labels.question_label("gm0344.nazorg") == "Hoeveel nazorg?"
    assert labels.questions["gm0344.nazorg"].municipality == "GM0344"
    assert labels.questions["situatie"].municipality is None


def test_an_id_without_a_definition_is_its_own_label() -> None:
    labels = Labels.of([])
    assert labels.question_label("gm0344.onbekend") == "gm0344.onbekend"
    assert labels.part_label("situatie", "schulden") == "schulden"
