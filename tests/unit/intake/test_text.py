import pytest
from pydantic import ValidationError

from vertelpunt.intake.stories.schemas import StoryCreate
from vertelpunt.intake.text import field_label, first_forbidden, refused_character, without_forbidden


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ud800", "\udfff",
                                       "\ufdd0", "\ufffe", "\uffff", "\U0010ffff"])
def test_forbidden_characters_are_found(character: str) -> None:
    assert first_forbidden(f"Gesprek op dinsdag{character}middag") == character
    assert without_forbidden(f"a{character}b") == "ab"


@pytest.mark.parametrize("text", ["Regel één\nregel twee\r\n\tingesprongen", "Zoë, Ğül en Đorđe 😊", "€ 25,-"])
def test_ordinary_text_with_tabs_newlines_and_any_script_is_allowed(text: str) -> None:
    assert first_forbidden(text) is None


def test_a_story_with_nul_is_refused_with_the_field_and_the_code_point() -> None:
    with pytest.raises(ValidationError) as refused:
        StoryCreate(title="Titel", text="Het\x00verhaal")

    [error] = refused.value.errors()
    assert error["loc"] == ("text",) and refused_character(error) == "U+0000"  # type: ignore[arg-type]


@pytest.mark.parametrize(("location", "label"), [
    (("body", "title"), "titel"),
    (("body", "answers", "x-buurt", "other"), "eigen antwoord bij vraag 'x-buurt'"),
    (("body", "missed", 4), "woorden die je nog weg wilt halen"),
    (("path", "story_id"), "verhaalnummer"),
    (("body", "questions", 0, "options", 1, "label", "nl"), "tekst van de vraag"),
    (("body", "iets"), "iets"),
])
def test_fields_are_named_in_dutch(location: tuple[object, ...], label: str) -> None:
    assert field_label(location) == label
