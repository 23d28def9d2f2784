"""People: one span per whole name, names of every origin, lower case after a cue, first names alone."""

import pytest

from vertelpunt.anonymisation import EntityType, anonymise, find_entities


def people(text: str) -> list[str]:
    return [text[e.start:e.end] for e in find_entities(text) if e.type is EntityType.PERSON]


@pytest.mark.parametrize(("text", "name"), [
    ("Vanochtend belde Annemiek Bakker over de huur.", "Annemiek Bakker"),
    ("Het gesprek met Joost van den Heuvel-Smit duurde lang.", "Joost van den Heuvel-Smit"),
    ("Daarna kwam W.J.M. ter Horst binnen.", "W.J.M. ter Horst"),
    ("Ik heb Mustafa El Ouahabi doorverwezen.", "Mustafa El Ouahabi"),
    ("Samen met Kübra Yıldırım-Öztürk ingevuld.", "Kübra Yıldırım-Öztürk"),
    ("Toen kwam Hendrik Jan de Groot erbij.", "Hendrik Jan de Groot"),
])
def test_a_whole_name_is_one_span(text: str, name: str) -> None:
    assert people(text) == [name]
    assert not any(part in anonymise(text).text for part in name.replace("-", " ").split() if len(part) > 3)


@pytest.mark.parametrize("text", [
    "Afspraak met Wiktoria Nowak gemaakt.",  # Polish
    "Wij spraken Abdirahman Warsame op het spreekuur.",  # Somali
    "De aanvraag van Tesfalem Ghebrehiwet ligt klaar.",  # Eritrean
    "Gisteren zag ik Nilufar Rahimi bij de balie.",  # Afghan
    "Ook Oleksii Bondarenko wacht op zijn uitkering.",  # Ukrainian
    "Er kwam een brief voor Wayan Setiawan.",  # Indonesian
    "Het dossier van Li Wei is overgedragen.",  # Chinese
    "Volgens Kwame Asante klopt de berekening niet.",  # Ghanaian
    "Mevrouw Pawirodirjo vertelde over haar werk.",  # Surinamese-Javanese
    "Ik sprak Sytske Wijbenga uit Friesland.",  # Frisian
    "De buurvrouw van Shurandy Martina hielp mee.",  # Antillean
])
def test_names_of_every_origin(text: str) -> None:
    assert people(text), text


@pytest.mark.parametrize(("text", "name"), [
    ("vanmiddag met kees gebeld over de achterstand", "kees"),
    ("meneer hasan demirci komt morgen langs", "hasan demirci"),
    ("vroeg zeynep of het formulier binnen was", "zeynep"),
    ("had het er met ilse over", "ilse"),
    ("mijn collega ruud zegt dat het klopt", "ruud"),
])
def test_lower_case_names_after_a_cue(text: str, name: str) -> None:
    assert people(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("Hanneke vertelde dat de huur omhoog ging.", "Hanneke"),
    ("Verder zei Rutger niets meer.", "Rutger"),
    ("Volgens Oyibo was het geld op.", "Oyibo"),  # in no list: a capital mid-sentence, not a Dutch word
    ("Het gesprek met Drieske Vlamings liep goed.", "Drieske Vlamings"),
])
def test_first_names_alone_and_names_in_no_list(text: str, name: str) -> None:
    assert people(text) == [name]


@pytest.mark.parametrize("text", [
    "Bij het UWV, de Voedselbank en het Leger des Heils kreeg ze hulp.",
    "De Participatiewet en de Wet gemeentelijke schuldhulpverlening gelden hier.",
    "Ze werkt bij Albert Heijn en regelt alles via DigiD en MijnOverheid.",
    "Bakker worden was zijn droom; Groen licht kwam van de Kredietbank.",
    "Tijdens de Ramadan en met Koningsdag is het druk.",
    "De Marokkaanse buurvrouw spreekt Arabisch en Nederlands.",
    "De POH-GGZ en de Wmo-consulent kwamen langs.",
    "hoi ff checken of de aanvraag bijzondere bijstand al is doorgezet thx",
])
def test_organisations_domain_terms_and_ordinary_words_survive(text: str) -> None:
    assert anonymise(text).text == text


def test_one_person_keeps_one_placeholder() -> None:
    result = anonymise("Meneer Wouter Dekker-Aydin belde. Later belde Wouter terug en Dekker-Aydin mailde.")

    assert result.text == "Meneer [PERSOON-1] belde. Later belde [PERSOON-1] terug en [PERSOON-1] mailde."


@pytest.mark.parametrize("text", [
    "Jongerenwerk-aanpak helpt hier.",
    "Schuldsanering-traject afgerond, daarna rust.",
    "Leerwerk-plek gevonden via het wijkteam.",
    "Kindpakket-aanvraag",  # a short label (a framework option) is one sentence-initial word
    "NT2-les",
])
def test_a_hyphenated_compound_at_the_start_of_a_sentence_is_no_name(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Bosman-de Graaf belde terug.", "Bosman-de Graaf"),
    ("Ilse-zorg was het niet.", "Ilse-zorg"),
    ("Yildiz-traject liep vast.", "Yildiz-traject"),
])
def test_a_name_before_the_hyphen_stays_a_name_at_the_start_of_a_sentence(text: str, name: str) -> None:
    assert people(text) == [name]
