"""The workbench's labels come from the sector's framework registry (FrameworkPublished definitions); an id whose
definition has not arrived is shown as the id itself."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.framework_definitions import core_label_book
from vertelpunt.gateway.frameworks import Definition, Labels, Part, Question
from vertelpunt.gateway.workbench.labels import LabelBook


def test_ids_get_dutch_labels_for_questions_options_corners_and_poles() -> None:
    labels = core_label_book()
    assert labels.question("interventie") == "Wat is er gedaan?"
    assert labels.value("interventie", "bijzondere-bijstand") == "Bijzondere bijstand"
    assert labels.corners("verschil") == ("De eigen kracht van de klant", "De aanpak van de professional",
                                          "Regels en voorzieningen")
    assert labels.poles("ruimte") == ("Precies volgens de regels", "Met ruimte voor maatwerk")
    assert labels.value("municipality", "GM0193") == "Zwolle"
    assert labels.value("role", "client") == "Klant"


def test_ids_without_a_definition_are_shown_as_they_are() -> None:
    labels = LabelBook()
    assert labels.question("gm0150.vervoer") == "gm0150.vervoer"
    assert labels.value("gm0150.vervoer", "fiets-en-ov") == "fiets-en-ov"
    assert labels.options("situatie") == [] and labels.of_type("triad") == []
    assert labels.corners("onbekend") == ("Hoek A", "Hoek B", "Hoek C")
    assert labels.value("municipality", "GM9999") == "GM9999"


def test_a_municipal_question_has_its_own_labels_next_to_the_core() -> None:
    own = Question("gm0150.vervoer", "dyad", "signification", "Hoe kwam je bij het loket?",
                   poles=(Part("lopend", "Te voet"), Part("auto", "Met de auto")))
    definition = Definition("GM0150", "sector-core", "1.0.0+GM0150.1", "1.0.0", "Vertelpunt", datetime.now(UTC),
                            (own,))
    labels = LabelBook(Labels.of([definition]))
    assert labels.question("gm0150.vervoer") == "Hoe kwam je bij het loket?"
    assert labels.poles("gm0150.vervoer") == ("Te voet", "Met de auto")
    assert labels.of_type("dyad") == [("gm0150.vervoer", "Hoe kwam je bij het loket?")]
