"""The labels of a framework extension, checked with the municipality's anonymiser before it is published
(intake/frameworks/labels.py): ordinary wording of the social domain passes, a name, address, phone number, BSN
and the like is named by its JSON pointer, and only wording that leaves the municipality is read."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest

from vertelpunt.anonymisation import AnonymiserConfig, EntityType
from vertelpunt.intake.frameworks.core import core_framework
from vertelpunt.intake.frameworks.labels import LabelFinding, identifiers_in_labels, travelling_labels
from vertelpunt.intake.frameworks.models import Question
from vertelpunt.intake.frameworks.service import identifying_labels

pytestmark = pytest.mark.unit

CONFIG = AnonymiserConfig(case_number_patterns=(r"\bZW\d{8}\b",))
NUMBERS = count(1)


def question(kind: str, label: str, parts: list[str], **extra: Any) -> Question:
    where = {"triad": "corners", "dyad": "poles"}.get(kind, "options")
    return Question.model_validate({
        "id": f"vraag-{next(NUMBERS)}", "type": kind, "category": "signification", "label": {"nl": label},
        where: [{"id": f"p{i}", "label": {"nl": text}} for i, text in enumerate(parts)], **extra})


# Wording a municipality writes for its own questions: none of it points at a person.
ORDINARY = [
    question("triad", "Wie droeg het meest bij aan de oplossing?",
             ["De klant zelf", "Mensen om de klant heen", "De professional"],
             clientLabel={"nl": "Wie hielp jou het meest?"}),
    question("triad", "Waar kwam de steun vandaan?", ["Eigen inzet", "Omgeving", "Professionele hulp"]),
    question("single_choice", "Welke regeling speelde een rol?",
             ["Bijzondere bijstand", "Kwijtschelding", "Individuele inkomenstoeslag", "Meedoenregeling",
              "Participatiewet-uitkering", "Jeugd-ggz", "Wmo-maatwerkvoorziening", "Stichting Leergeld",
              "Thuisadministratie van Humanitas"]),
    question("dyad", "Hoeveel tijd zat er tussen aanvraag en besluit?", ["Binnen een week", "Meer dan drie maanden"]),
    question("multiple_choice", "Langs welke weg had u contact?",
             ["Telefonisch", "Via de website", "Aan de balie van het stadskantoor", "Beeldbellen"]),
    question("single_choice", "Merkte u iets van de nieuwe regels sinds 1 juli?", ["Ja, duidelijk", "Nauwelijks"]),
    question("single_choice", "Wie was er bij het gesprek?",
             ["Mantelzorger", "Buurvrouw", "Iemand van de kerk of moskee", "Trainer van de sportclub"]),
    question("dyad", "Voelde u zich serieus genomen door de consulent?", ["Helemaal niet", "Volkomen"]),
]


def test_ordinary_labels_of_the_social_domain_pass() -> None:
    assert identifiers_in_labels(ORDINARY, CONFIG) == []


def test_every_dutch_label_of_the_sector_core_passes() -> None:
    core = core_framework().questions
    assert len(list(travelling_labels(core))) > 90
    assert identifiers_in_labels(core, CONFIG) == []


PLANTED = [
    ("question", "Hoe was het gesprek met mevrouw Dijkhuizen?", {EntityType.PERSON}),
    ("question", "Gesprek met Kees Brouwer", {EntityType.PERSON}),
    ("option", "Bellen met Sander (06 23456789)", {EntityType.PERSON, EntityType.PHONE}),
    ("option", "Bel +31 38 498 7654", {EntityType.PHONE}),
    ("corner", "Ingrid van het wijkteam", {EntityType.PERSON}),
    ("pole", "Langs op Vondellaan 23", {EntityType.ADDRESS}),
    ("option", "Bezoekadres 3512 JK", {EntityType.POSTCODE}),
    ("option", "BSN 270418301", {EntityType.BSN}),
    ("option", "Nummer 2704.18.313", {EntityType.BSN}),
    ("client", "Mail ons op hulp.wijk@example.nl", {EntityType.EMAIL}),
    ("option", "Storten op NL67INGB0006543210", {EntityType.IBAN}),
    ("option", "Dossier ZW20261234", {EntityType.CASE_NUMBER}),  # the municipality's own case-number pattern
]


def planted(where: str, text: str, questions: list[Question] | None = None) -> tuple[list[Question], str]:
    """The (ordinary) questions with one label replaced, and the JSON pointer of that label in the request."""
    questions = list(questions or ORDINARY)
    if where in ("question", "client"):
        field = "label" if where == "question" else "clientLabel"
        questions[3] = Question.model_validate({**questions[3].model_dump(by_alias=True), field: {"nl": text}})
        return questions, f"/questions/3/{field}/nl"
    index, kind = {"option": (2, "options"), "corner": (1, "corners"), "pole": (3, "poles")}[where]
    data = questions[index].model_dump(by_alias=True)
    data[kind] = [*data[kind][:1], {**data[kind][1], "label": {"nl": text}}, *data[kind][2:]]
    questions[index] = Question.model_validate(data)
    return questions, f"/questions/{index}/{kind}/1/label/nl"


@pytest.mark.parametrize(("where", "text", "kinds"), PLANTED)
def test_a_planted_identifier_is_named_by_its_pointer(where: str, text: str, kinds: set[EntityType]) -> None:
    questions, pointer = planted(where, text)
    [finding] = identifiers_in_labels(questions, CONFIG)
    assert finding.pointer == pointer and set(finding.types) == kinds


def test_every_offending_label_is_named_at_once() -> None:
    questions, corner = planted("corner", "Ingrid van het wijkteam")
    questions, pole = planted("pole", "Langs op Vondellaan 23", questions)
    assert [f.pointer for f in identifiers_in_labels(questions, CONFIG)] == [corner, pole]


def test_only_wording_that_leaves_the_municipality_is_read() -> None:
    named = {"nl": "Hoe was het gesprek met mevrouw Dijkhuizen?"}
    staying = question("single_choice", "Bij welk teamlid zat u?", ["Team Noord", "Team Zuid"], shared=False,
                       clientLabel=named)
    english = Question.model_validate({**ORDINARY[0].model_dump(by_alias=True),
                                       "label": {"nl": "Wie droeg bij?", "en": "Who helped Mrs Dijkhuizen?"}})
    assert identifiers_in_labels([staying, english], CONFIG) == []


def test_the_refusal_names_each_label_and_what_was_seen_never_the_text() -> None:
    findings = [LabelFinding("/questions/0/label/nl", (EntityType.PERSON, EntityType.PHONE)),
                LabelFinding("/questions/2/options/1/label/nl", (EntityType.BSN,))]
    dutch, english = identifying_labels(findings), identifying_labels(findings, "en")

    assert dutch.status == 400 and dutch.type == "persoonsgegevens-in-vragen"
    assert "Er is niets opgeslagen." in (dutch.detail or "") and "Nothing was stored." in (english.detail or "")
    params = dutch.extensions["invalidParams"]
    assert [p["pointer"] for p in params] == [p["name"] for p in params] == [f.pointer for f in findings]
    assert params[0]["reason"] == ("In deze tekst lijkt een naam en een telefoonnummer te staan. Haal dat weg of "
                                   "schrijf het algemener.")
    assert params[0]["types"] == ["PERSOON", "TELEFOON"] and params[1]["code"] == "persoonsgegeven"
    assert english.extensions["invalidParams"][1]["reason"] == (
        "This text seems to contain a citizen service number (BSN). Remove it or word it more generally.")
