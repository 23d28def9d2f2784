import pytest

from vertelpunt.anonymisation import AnonymiserConfig, Entity, EntityType, anonymise, apply_review


def types_found(text: str, config: AnonymiserConfig | None = None) -> dict[str, str]:
    result = anonymise(text, config)
    return {text[e.start:e.end]: e.type.value for e in result.entities}


@pytest.mark.parametrize("bsn", ["123456782", "1234.56.782", "123 456 782", "123-45-6782", "12.34.56.782"])
def test_bsn_with_and_without_separators(bsn: str) -> None:
    assert types_found(f"Haar BSN is {bsn}, zei ze.") == {bsn: "BSN"}


def test_number_failing_11_test_is_not_a_bsn() -> None:
    assert types_found("Er staat 123456789 op de brief.") == {}


@pytest.mark.parametrize("phone", [
    "06-12345678", "06 12345678", "06 1234 5678", "0612345678", "+31 6 12345678", "+316 12345678",
    "0031 6 12345678", "06 12 34 56 78", "+31 (0)6 12345678", "020-1234567", "020 123 4567", "(0570) 123456",
    "+31 20 123 4567", "0800-1234", "038-4567890",
])
def test_dutch_phone_formats(phone: str) -> None:
    assert types_found(f"Bel {phone} voor een afspraak.") == {phone: "TELEFOON"}


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("Mail naar jan.de.vries@ziggo.nl graag.", "jan.de.vries@ziggo.nl", "EMAIL"),
    ("Kijk op https://www.zwolle.nl/schulden voor meer.", "https://www.zwolle.nl/schulden", "URL"),
    ("Overmaken naar NL91 ABNA 0417 1643 00 alstublieft.", "NL91 ABNA 0417 1643 00", "IBAN"),
    ("Haar postcode is 8011 AB.", "8011 AB", "POSTCODE"),
    ("De auto met kenteken 12-ABC-3 stond voor de deur.", "12-ABC-3", "KENTEKEN"),
    ("Hij is geboren op 12-03-1985.", "12-03-1985", "DATUM"),
    ("Hij is geboren op 12 maart 1985.", "12 maart 1985", "DATUM"),
    ("Zaaknummer Z-2024-001234 is gesloten.", "Z-2024-001234", "ZAAKNUMMER"),
    ("Ze woont op de Assendorperstraat 12a.", "Assendorperstraat 12a", "ADRES"),
])
def test_structured_identifiers(text: str, value: str, kind: str) -> None:
    assert types_found(text)[value] == kind


def test_municipality_case_number_pattern() -> None:
    config = AnonymiserConfig(case_number_patterns=(r"\bZW\d{8}\b",))

    # "dossier" is a case-number keyword now, so the text names the number without a keyword.
    assert types_found("Stuk ZW20240017 is afgehandeld.", config) == {"ZW20240017": "ZAAKNUMMER"}
    assert types_found("Stuk ZW20240017 is afgehandeld.") == {}


@pytest.mark.parametrize("text", [
    "Mevrouw Oyelaran kwam op het spreekuur.",
    "Ik sprak met Fatima over de huur.",
    "J. de Vries had een brief van het CJIB.",
    "Dhr. Dzhabrailov belde terug.",
    "Mehmet Yılmaz kreeg hulp.",
])
def test_names_from_a_diverse_population(text: str) -> None:
    assert "PERSOON" in types_found(text).values()


def test_organisations_and_domain_terms_survive() -> None:
    text = ("Via het UWV, de Voedselbank, de Kredietbank en het Werkplein kwam er hulp. De Participatiewet en "
            "budgetcoaching hielpen. In maart 2024 was de schuld € 12.450. Bakker worden was haar droom.")
    assert anonymise(text).text == text


def test_placeholders_are_consistent_within_a_story() -> None:
    result = anonymise("Mevrouw Fatima El Amrani belde. Later kwam Fatima langs met haar zoon Bilal. "
                       "Fatima was blij.")

    assert result.text == ("Mevrouw [PERSOON-1] belde. Later kwam [PERSOON-1] langs met haar zoon [PERSOON-2]. "
                           "[PERSOON-1] was blij.")


def test_offsets_point_into_the_input() -> None:
    text = "Bel 06-12345678 of mail a@b.nl."
    result = anonymise(text)

    assert [(text[e.start:e.end], e.type) for e in result.entities] == [
        ("06-12345678", EntityType.PHONE), ("a@b.nl", EntityType.EMAIL)]


def test_review_marks_missed_and_restores_over_redacted() -> None:
    text = "Ik sprak Kim bij de bakkerij van tante Truus."
    first = anonymise(text)
    kim = text.index("Kim")
    bakkerij = text.index("bakkerij")

    reviewed = apply_review(text, first.entities, missed=[Entity(bakkerij, bakkerij + 8, EntityType.OTHER)],
                            restored=[(kim, kim + 3)])

    assert "Kim" in reviewed.text
    assert "[ANDERS-1]" in reviewed.text
    assert "Truus" not in reviewed.text
