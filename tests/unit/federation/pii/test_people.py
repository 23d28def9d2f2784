"""Names the anonymiser may leave behind, in the forms seen leaking: every origin, lower case, first names alone,
titles, initials, next to a placeholder. Test data of our own, not the issue's examples."""

import pytest

from vertelpunt.federation.pii import check_text


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Gisteren kwam Wendelien Kooistra langs met haar post.",  # Dutch, listed
    "Het gesprek met Dilan Aydoğan verliep rustig.",  # Turkish, a letter Dutch does not use
    "Kofi Boateng vroeg om uitstel van de betaling.",  # Ghanaian, in no list
    "Volgens Marisol ging het thuis beter.",  # a first name alone
    "We spraken Abdikarim Nuur over zijn uitkering.",  # Somali
    "Ze vertelde dat Solomiia haar dochter was.",  # Ukrainian
    "De aanvraag van Sharvani Bhagwandin lag nog open.",  # Surinamese Hindustani
    "Rodney Girigorie belde over de huurachterstand.",  # Antillean
    "Met Meseret Gebremedhin is een plan gemaakt.",  # Eritrean
])
def test_names_of_every_origin_are_found(text: str) -> None:
    assert "person" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Vanmorgen heb ik Roos en Bas gesproken over de huur.",
    "Daarna sprak ik nog met Rik Boer.",
])
def test_listed_names_that_are_also_dutch_words_are_found_by_deduce(text: str) -> None:
    assert "person" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "vanmiddag nog met ingrid gebeld over de aanvraag",  # listed, lower case, after a contact word
    "haar broer jesse kwam ook mee",  # listed name that is also a Dutch word? no: after a relation word
    "eerst even met tesfaye afgestemd",  # unknown, lower case, after a contact word
    "wubet gebru wil graag werken",  # two unknown words in a row
    "die middag belde hatice nog",  # listed, lower case
    "ik sprak mevrouw ghebrezgi na afloop",  # unknown after a title
    "meneer van der linden kwam langs",  # title, interfix, surname
    "daarna kwam bram visser nog langs",  # first name and surname that are both Dutch words
])
def test_names_in_lower_case_are_found(text: str) -> None:
    assert "person" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Ik heb mw. Okonkwo uitgelegd hoe de regeling werkt.",
    "De brief ging naar dhr. Kaya.",
    "R.J. Doornbos van de woningcorporatie reageerde snel.",
    "Haar buurvrouw Ayesha hielp met de formulieren.",
])
def test_names_after_titles_relations_and_initials_are_found(text: str) -> None:
    assert "person" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Petronella [PERSOON-1] kwam op het spreekuur.",  # listed first name left before a redacted surname
    "Gisteren belde Yordanos [PERSOON-2] over de brief.",  # unknown first name left
    "[PERSOON-1] Hoekema vroeg om een gesprek.",  # surname left after a redacted first name
    "[PERSOON-1] van der velde belde terug.",  # interfix and surname left
    "Het liep goed af. Hemel [PERSOON-2] kwam weer op het spreekuur.",  # a first name that is a Dutch word
])
def test_a_name_left_next_to_a_person_placeholder_is_found(text: str) -> None:
    assert "person" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Mevrouw [PERSOON-1] woont sinds kort aan de [ADRES-1] in [PLAATS-1].",
    "Dhr. [PERSOON-2] en [PERSOON-1] belden op [DATUM-1] vanaf [TELEFOON-1].",
    "Ik sprak mevrouw [PERSOON-1]. Daarna ging het beter met de administratie.",
    "Haar zoon [PERSOON-3] ging mee naar [PLAATS-2], het gesprek duurde een uur.",
    "Het UWV stopte de WW; de Voedselbank en de budgetcoach hielpen de eerste weken.",
    "Door de Participatiewet en de Wmo kreeg ze in oktober € 250 bijzondere bijstand.",
    "Visser was hij vroeger, nu zit hij thuis met rugklachten.",  # a surname that is a word, at sentence start
    "Groen licht van de Kredietbank kwam pas in december.",
    "Via WhatsApp stuurde hij foto's, want DigiD lukte niet.",
    "ze appte dat het weer niet lukte met de huur en de energie",
    "Hij werkte als orderpicker bij een distributiecentrum in ploegendienst.",
    "Met Kerst en Pasen is het wijkteam beperkt bereikbaar, maar in januari weer volop.",
    "Haar man werkt 24 uur per week bij Albert Heijn.",
    "Een collega van Stichting Humanitas nam het over.",
    "[PERSOON-1] van de gemeente belde terug.",
    "Volgens [PERSOON-1] was de brief onduidelijk. Klantmanager [PERSOON-2] nam het over.",
])
def test_placeholders_and_ordinary_social_domain_text_are_no_names(text: str) -> None:
    assert "person" not in check_text(text)
