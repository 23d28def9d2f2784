import pytest

from vertelpunt.anonymisation import EntityType, anonymise, find_entities, normalise_for_detection
from vertelpunt.anonymisation.normalise import to_original

ZWSP, ZWJ, SOFT_HYPHEN, WORD_JOINER = "\u200b", "\u200d", "\u00ad", "\u2060"


def test_format_characters_are_removed_and_offsets_point_back() -> None:
    text = f"nr 8{ZWSP}7{ZWJ}6 en Ｑ"

    normalised, offsets = normalise_for_detection(text)

    assert normalised == "nr 876 en Q"
    assert len(offsets) == len(normalised) + 1
    assert offsets[-1] == len(text)
    assert all(text[offsets[i]] in (normalised[i], "Ｑ") for i in range(len(normalised)))


def test_nfkc_composes_and_expands() -> None:
    text = "Zoe\u0308 ﬂat"  # e + combining diaeresis; the fl ligature

    normalised, offsets = normalise_for_detection(text)

    assert normalised == "Zoë flat"
    start = normalised.index("fl")
    assert to_original(offsets, start, start + 1) == (text.index("ﬂ"), text.index("ﬂ") + 1)
    assert to_original(offsets, 0, 3) == (0, 4)  # "Zoë" covers the combining mark


@pytest.mark.parametrize(("label", "value", "kind"), [
    ("BSN", f"2{ZWSP}4{ZWSP}0{ZWSP}5{ZWSP}1{ZWSP}7{ZWSP}7{ZWSP}3{ZWSP}8", EntityType.BSN),
    ("tel", f"06{WORD_JOINER}4381{SOFT_HYPHEN}2290", EntityType.PHONE),
    ("rekening", f"NL02{ZWSP}ABNA{ZWSP}0123{ZWSP}4567{ZWSP}89", EntityType.IBAN),
    ("mail", f"r.okkerse{ZWSP}@{ZWSP}planet.nl", EntityType.EMAIL),
])
def test_identifiers_split_by_invisible_characters_are_found_in_the_original(label: str, value: str,
                                                                            kind: EntityType) -> None:
    text = f"Zijn {label} is {value}, klopt dat?"

    entities = find_entities(text)

    assert [(text[e.start:e.end], e.type) for e in entities] == [(value, kind)]
    assert value not in anonymise(text).text


def test_fullwidth_digits_are_read_as_digits() -> None:
    text = "bel ０６－４３８１２２９０ maar"

    assert [e.type for e in find_entities(text)] == [EntityType.PHONE]
