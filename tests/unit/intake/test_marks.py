from vertelpunt.intake.stories.marks import MarkReason, find_marks


def _marks(text: str) -> dict[str, MarkReason]:
    return {m.text: m.reason for m in find_marks("text", text)}


def test_capitalised_words_mid_sentence_are_marked_but_not_at_the_start() -> None:
    marks = _marks("Daarna belde ik met Wendelien over de aanvraag. Toen was het goed.")

    assert marks == {"Wendelien": MarkReason.CAPITAL}


def test_numbers_of_four_or_more_digits_are_marked() -> None:
    marks = _marks("Het ging om 350 euro, dossier 20-4471 en flat 9012.")

    assert marks == {"20-4471": MarkReason.NUMBER, "9012": MarkReason.NUMBER}


def test_a_word_after_a_form_of_address_or_a_relation_is_marked_even_in_lower_case() -> None:
    marks = _marks("we spraken met buurman teun en zijn dochter ging mee. mevr. de [PERSOON-1] belde ook.")

    assert marks == {"teun": MarkReason.AFTER_CUE}


def test_a_capitalised_word_next_to_a_redacted_name_is_marked_even_at_the_start() -> None:
    marks = _marks("Gerdien [PERSOON-1] kwam binnen. [PERSOON-2] Smitshuijsen ook.")

    assert marks == {"Gerdien": MarkReason.NEXT_TO_NAME, "Smitshuijsen": MarkReason.NEXT_TO_NAME}


def test_placeholders_acronyms_and_sentence_starts_are_not_marked() -> None:
    text = "Via het UWV en de GGD kwam er hulp. [PLAATS-1] is ver weg. Op 3 mei ging het beter."

    assert find_marks("text", text) == []


def test_each_word_is_marked_once_with_its_context() -> None:
    [mark] = find_marks("text", "Ik zag Jorinde gisteren. Ook Jorinde was blij, en jorinde lachte.")

    assert mark.text == "Jorinde" and mark.field == "text" and "zag Jorinde gisteren" in mark.context
