"""Labels come from a copy of the sector core framework until framework definitions travel (issue 11 item 1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vertelpunt.gateway.workbench.labels import FRAMEWORKS, LabelBook, humanise, label_book

INTAKE_CORE = Path(__file__).parents[4] / "services/intake/src/vertelpunt/intake/frameworks/core_framework.json"


def _labels(path: Path) -> dict[str, Any]:
    """What the workbench reads of a framework: per question its type, Dutch label and its parts' Dutch labels."""
    framework = json.loads(path.read_text(encoding="utf-8"))
    parts = ("options", "corners", "poles")
    return {q["id"]: (q["type"], q["label"]["nl"],
                      [(p["id"], p["label"]["nl"]) for key in parts for p in q.get(key) or []])
            for q in framework["questions"]}


def test_the_copy_of_the_core_framework_has_the_intakes_labels() -> None:
    assert _labels(FRAMEWORKS / "sector-core.json") == _labels(INTAKE_CORE)


def test_ids_get_dutch_labels_for_questions_options_corners_and_poles() -> None:
    labels = label_book()
    assert labels.question("interventie") == "Wat is er gedaan?"
    assert labels.value("interventie", "bijzondere-bijstand") == "Bijzondere bijstand"
    assert labels.corners("verschil") == ("De eigen kracht van de klant", "De aanpak van de professional",
                                          "Regels en voorzieningen")
    assert labels.poles("ruimte") == ("Precies volgens de regels", "Met ruimte voor maatwerk")
    assert labels.value("municipality", "GM0193") == "Zwolle"
    assert labels.value("role", "client") == "Klant"


def test_unknown_ids_stay_readable_instead_of_failing() -> None:
    labels = LabelBook.from_frameworks([{"questions": [{"id": "gm0363.wachttijd", "type": "single_choice",
                                                         "label": {"nl": "Hoe lang moest je wachten?"},
                                                         "options": [{"id": "kort", "label": {"nl": "Kort"}}]}]}])
    assert labels.question("gm0363.wachttijd") == "Hoe lang moest je wachten?"
    assert labels.value("gm0363.wachttijd", "lang") == "Lang"
    assert labels.value("municipality", "GM9999") == "GM9999"
    assert labels.corners("onbekend") == ("Hoek A", "Hoek B", "Hoek C")
    assert humanise("schuld-hulp_verlening") == "Schuld hulp verlening"
