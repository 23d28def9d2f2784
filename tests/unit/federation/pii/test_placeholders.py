import pytest

from vertelpunt.federation.pii.placeholders import mask_placeholders


@pytest.mark.unit
def test_placeholders_are_blanked_with_their_positions_kept() -> None:
    text = "Mw. [PERSOON-2] verhuisde naar [PLAATS-1], [ADRES-3]."
    masked = mask_placeholders(text)

    assert len(masked.text) == len(text)
    assert "PERSOON" not in masked.text and "PLAATS" not in masked.text and "ADRES" not in masked.text
    assert masked.person_spans == ((4, 15),)
    assert [text[s:e] for s, e in masked.other_spans] == ["[PLAATS-1]", "[ADRES-3]"]


@pytest.mark.unit
def test_text_that_only_looks_like_a_placeholder_stays() -> None:
    assert mask_placeholders("[NAAM-1] en [persoon-1]").text == "[NAAM-1] en [persoon-1]"
