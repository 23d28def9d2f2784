import pytest

from vertelpunt.federation.pii.normalise import normalise


@pytest.mark.unit
@pytest.mark.parametrize("hidden", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e"])
def test_format_characters_no_longer_split_a_number(hidden: str) -> None:
    assert normalise(f"BSN 2475{hidden}10{hidden}390") == "BSN 247510390"


@pytest.mark.unit
def test_compatibility_forms_and_other_scripts_become_plain_digits_and_spaces() -> None:
    assert normalise("０６\u00a0９８７６５４３２") == "06 98765432"
    assert normalise("٠٦١٢") == "0612"  # Arabic-Indic digits


@pytest.mark.unit
def test_ordinary_dutch_text_is_unchanged() -> None:
    text = "Café, reünie en ruïne: € 12,50 per week."
    assert normalise(text) == text
