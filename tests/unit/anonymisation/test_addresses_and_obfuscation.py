"""Compound and numbered street names; e-mail and phone numbers written to dodge a pattern."""

import pytest

from vertelpunt.anonymisation import EntityType, anonymise, find_entities


def found(text: str) -> list[tuple[str, EntityType]]:
    return [(text[e.start:e.end], e.type) for e in find_entities(text)]


@pytest.mark.parametrize("street", [
    "Laan van Meerdervoort 112",
    "Burgemeester van Roijensingel 7b",
    "Professor Kamerlingh Onneslaan 3-III",
    "Hoge Nieuwstraat 41 bis",
    "Tweede Schuytstraat 18 huis",
    "Van Heutszstraat 2-4",
    "Plein 1813 nr. 9",
    "2e Kostverlorenkade 77-hs",
])
def test_compound_and_numbered_streets(street: str) -> None:
    text = f"Het nieuwe adres is {street}, vlak bij de markt."

    assert found(text) == [(street, EntityType.ADDRESS)]


def test_lower_case_street_in_a_chat() -> None:
    text = "ze zit nu op de kastanjelaan 14a bij haar zus"

    assert found(text) == [("kastanjelaan 14a", EntityType.ADDRESS)]


@pytest.mark.parametrize("email", [
    "anke punt de wit at gmail punt com",
    "j.hofman(at)kpnmail(dot)nl",
    "r.benali [at] outlook [dot] com",
    "fam.ozturk apenstaartje ziggo punt nl",
    "m.kok @ hotmail . com",
])
def test_obfuscated_email(email: str) -> None:
    text = f"Haar mailadres: {email} (zegt ze)."

    assert found(text) == [(email, EntityType.EMAIL)]


def test_the_word_at_alone_is_no_email() -> None:
    text = "Ze was at home, zei ze in het Engels, en het was punt uit."

    assert found(text) == []


@pytest.mark.parametrize("phone", [
    "nul zes drie acht vier twee een nul negen zes",
    "06 - 38 42 10 96",
    "0 6 3 8 4 2 1 0 9 6",
    "+31 (0) 50 - 318 44 20",
])
def test_phone_numbers_with_wide_separators_or_in_words(phone: str) -> None:
    text = f"Bereikbaar op {phone} na vijf uur."

    assert found(text) == [(phone, EntityType.PHONE)]


def test_numbers_that_are_no_phone_or_bsn_survive() -> None:
    text = "Ze betaalt 12 34 56 euro per maand en woont er 3 jaar; factuur 2024 00 17."

    assert anonymise(text).text == text


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("kenteken tz-481-f staat op haar naam", "tz-481-f", EntityType.LICENCE_PLATE),
    ("postcode 7512cw klopt niet", "7512cw", EntityType.POSTCODE),
    ("zie dossier D202400817 in het systeem", "D202400817", EntityType.CASE_NUMBER),
    ("zaaknr. 2025-0041177 is dicht", "2025-0041177", EntityType.CASE_NUMBER),
])
def test_informal_structured_identifiers(text: str, value: str, kind: EntityType) -> None:
    assert found(text) == [(value, kind)]
