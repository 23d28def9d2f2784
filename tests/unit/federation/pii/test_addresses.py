import pytest

from vertelpunt.federation.pii import check_text


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Ze woont sinds kort aan de Reigerstraat 14.",  # deduce's street pattern
    "het gezin zit nu op de merelhof 27b bij een tante",  # lower case compound
    "Het pakket ging naar Laan van de Helende Meesters 3-II.",  # multi-word, floor
    "Hij verhuisde naar de Professor Zernikedreef 88 hs.",
    "Ze woont aan de Havenkade 4 bis, driehoog.",
    "Post voor Rode Kruislaan 201A kwam terug.",
    "De woning aan de Markt 12 was te klein.",  # a bare street name: only deduce's BAG street list knows it
])
def test_street_addresses_are_found(text: str) -> None:
    assert "address" in check_text(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Op de snelweg 3 uur in de file, daarna naar het Werkplein.",
    "In de wijk waren 12 gezinnen met een huurachterstand.",
    "De kosten van de weg 2 keer heen en terug vergoedde de gemeente.",
    "Na zijn loopbaan van 30 jaar in de haven kwam hij thuis te zitten.",
    "Ze woont aan de [ADRES-1] in [PLAATS-1].",
    "Ze liep de Dorpsstraat 3 keer op en neer voordat ze aanbelde.",  # a quantity, not a house number
    "Elke zaterdag op de markt 2 uur vrijwilligerswerk.",
])
def test_quantities_and_ordinary_words_are_no_addresses(text: str) -> None:
    assert "address" not in check_text(text)
