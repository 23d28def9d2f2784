import pytest

from vertelpunt.federation.pii import check_text
from vertelpunt.federation.pii.structured import find_structured


@pytest.mark.unit
@pytest.mark.parametrize(("text", "kind"), [
    ("Ze noemde haar nummer 3076\u200b21\u200b418 aan de balie.", "bsn"),  # 11-test valid, split by zero-width
    ("Overmaken naar NL91\u200bABNA\u20600417\u200b1643\u200b00 graag.", "iban"),
    ("Bel haar op 06\u200b-\u200b4187\u00ad2290 na vijven.", "phone"),
    ("Mail naar k.ozturk\u200b@\u200bchello.nl met de stukken.", "email"),
    ("Het adres heeft postcode 8024\u200bGK.", "postcode"),
])
def test_identifiers_split_by_invisible_characters_are_found(text: str, kind: str) -> None:
    assert kind in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "schrijf naar gerrit punt hoeve at kpnmail punt nl",
    "zijn adres: m.tahiri [at] planet [dot] nl",
    "mailen kan via b_oduya apenstaartje outlook punt com",
    "het is jolanda.v{at}xs4all{dot}nl",
])
def test_written_out_email_addresses_are_found(text: str) -> None:
    assert "email" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Hij at om twaalf uur een boterham en dat was het punt.",
    "Op dit punt at ze bijna niets meer, punt uit.",
    "Hij at brood punt daarna ging hij slapen.",  # "at" and "punt" without a known top-level domain
    "De huur is € 845,50 per maand en de schuld € 12.300,-.",
    "Het gesprek was op 14-03-2026 om 10.30 uur, 3 van de 5 afspraken.",
    "In 2026 kregen 1200 huishoudens bijzondere bijstand.",
    "Ze werkt 32 uur, sinds 2019 bij dezelfde werkgever.",
])
def test_ordinary_numbers_and_words_are_no_identifiers(text: str) -> None:
    assert find_structured(text) == set()


@pytest.mark.unit
def test_numbers_that_fail_their_checksum_are_no_identifiers() -> None:
    assert find_structured("dossier 123456780 en NL12ABNA9123456789") == set()
