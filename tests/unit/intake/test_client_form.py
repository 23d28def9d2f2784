"""The client form's pure parts: which questions a client sees, in which words, and validation errors turned into
Dutch messages named by the question's label (never an internal id, never pydantic's English)."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from vertelpunt.intake.frameworks.models import Framework
from vertelpunt.intake.frameworks.service import core_framework
from vertelpunt.intake.stories.schemas import StoryCreate
from vertelpunt.intake.web.forms import (
    AGAIN_PATH,
    answer_errors,
    answers_from_form,
    framework_problems,
    label,
    questions_for,
    validation_errors,
)

pytestmark = pytest.mark.unit
MESSAGES = Path(resources.files("vertelpunt.intake").joinpath("messages/nl.json"))  # type: ignore[arg-type]
# Words a client may read that are not in the common-Dutch list, each reviewed: the product's name, the code a
# client keeps for a follow-up story (explained in the same sentence), "verhaalnummer" (verhaal + nummer, both
# common) and an abbreviation every client knows.
ALLOWED = {"vertelpunt", "verhaalcode", "verhaalnummer", "bsn"}
# Words in the common list that are still above B1 for a client (staff jargon): never in client wording.
JARGON = {"regie", "maatwerk", "voorzieningen", "voorziening", "interventie", "re-integratie", "professional",
          "doorverwijzing", "significatie", "duiden", "casus", "participatie", "zelfredzaamheid", "eigen kracht",
          "keukentafelgesprek", "taalondersteuning", "budgetcoaching", "lange adem", "netwerk"}
# Catalogue entries a client can see on the form, the review and the thanks page.
CLIENT_PAGES = ("app.", "nav.skip", "home.", "form.", "review.", "thanks.", "answers.", "input.", "progress",
                "draft.", "type.", "error.", "field.")


@cache
def common_dutch() -> frozenset[str]:
    """The lower-case entries of the OpenTaal word list (the anonymiser's list of ordinary Dutch)."""
    data = resources.files("vertelpunt.anonymisation").joinpath("data/dutch_words.txt.gz").read_bytes()
    return frozenset(w for w in gzip.decompress(data).decode("utf-8").splitlines() if w and not w.startswith("#"))


def client_texts(framework: Framework) -> list[str]:
    texts = [framework.prompts[1].label["nl"]]
    for question in questions_for(framework, client=True):
        texts.append(label(question, "nl", client=True))
        texts += [label(o, "nl", client=True) for o in (*question.options, *question.corners, *question.poles)]
    catalogue = json.loads(MESSAGES.read_text(encoding="utf-8"))
    texts += [text for key, text in catalogue.items()
              if key.startswith(CLIENT_PAGES) and not key.startswith(("form.assisted", "form.channel"))]
    return texts


def uncommon_words(texts: list[str]) -> set[str]:
    words = common_dutch()
    found = set()
    for text in texts:
        for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.sub(r"\{\w+\}", " ", text)):
            if word.lower() not in words and word not in words and word.lower() not in ALLOWED:
                found.add(word)
    return found


def jargon_in(texts: list[str]) -> set[str]:
    joined = " ".join(texts).lower()
    return {term for term in JARGON if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", joined)}


def test_every_word_a_client_reads_is_common_dutch_or_reviewed() -> None:
    texts = client_texts(core_framework())

    assert len(texts) > 100
    assert uncommon_words(texts) == set()


def test_no_staff_jargon_in_client_wording() -> None:
    assert jargon_in(client_texts(core_framework())) == set()


def test_the_checks_catch_jargon_and_rare_words() -> None:
    core = core_framework()
    staff_wording = [label(q, "nl", client=False) for q in core.questions] + [
        label(o, "nl", client=False) for q in core.questions for o in (*q.options, *q.corners, *q.poles)]

    assert {"regie", "maatwerk", "voorzieningen"} <= jargon_in(staff_wording)
    assert uncommon_words(["Wij hebben uw aanvraag geëxpediteerd via het omnichannelportaal."]) == {
        "geëxpediteerd", "omnichannelportaal"}


def test_clients_see_only_client_questions_and_a_campaign_narrows_the_optional_ones() -> None:
    core = core_framework()
    staff = [q.id for q in questions_for(core, client=False)]
    client = [q.id for q in questions_for(core, client=True)]
    narrowed = [q.id for q in questions_for(core, client=True, campaign_choice={"tempo", "team"})]
    required = [q.id for q in core.questions if q.required]

    assert {"ervaring", "team"} <= set(staff) and not {"ervaring", "team"} & set(client)
    assert set(client) < set(staff)
    assert narrowed == [q for q in client if q in {*required, "tempo"}]


def test_a_client_reads_the_plain_variant_and_staff_the_original() -> None:
    regie = core_framework().question("regie")
    assert regie is not None

    assert label(regie, "nl", client=True) == "Wie besliste er over wat er gebeurde?"
    assert label(regie, "nl", client=False) == "Wie had de regie?"
    assert label(regie.poles[0], "nl", client=True) == "De medewerker"
    assert label(regie.poles[0], "en", client=True) == "The staff member"


def test_a_client_cannot_answer_a_question_they_were_not_shown() -> None:
    shown = questions_for(core_framework(), client=True)
    form = {"q.team.na": "", "q.ervaring": "3-5", "q.tempo.num": "65", "q.houvast.na": "1"}
    many = {"q.team": ["jeugd"], "q.ervaring": ["3-5"], "q.uitkomst-gevoel": ["opgelucht"]}

    answers = answers_from_form(shown, form, many)

    assert answers == {"uitkomst-gevoel": {"choices": ("opgelucht",), "other": None},
                       "houvast": {"notApplicable": True}, "tempo": {"dyad": 0.65}}


def _pydantic_errors(**body: object) -> list[dict[str, object]]:
    with pytest.raises(ValidationError) as caught:
        StoryCreate.model_validate(body)
    return caught.value.errors()  # type: ignore[return-value]


def test_pydantic_errors_become_dutch_and_labelled() -> None:
    items = _pydantic_errors(title="", text="x" * 20001, answers={"tempo": {"dyad": "heel lang"},
                                                                   "verschil": {"triad": [0.5, "veel", 0.2]}})
    questions = questions_for(core_framework(), client=True)

    errors = validation_errors(items, questions, "nl", client=True)
    shown = [f"{e.label}: {e.message}" for e in errors]

    assert shown == ["Geef je verhaal een korte titel: Dit veld is verplicht.",
                     "Wat gebeurde er?: Deze tekst is te lang.",
                     "Hoeveel tijd was er nodig?: Dit antwoord klopt niet.",
                     "Wat hielp het meest?: Dit antwoord klopt niet."]
    assert [e.target for e in errors] == ["title", "text", "q.tempo.num", "q.verschil.a"]
    assert not any(re.search(r"[Ss]tring|should|Input|valid number|\btempo\b|verschil", s) for s in shown)


def test_framework_answer_errors_name_the_question_in_the_storytellers_words() -> None:
    params = [{"name": "answers.regie", "code": "answers.dyad_range"},
              {"name": "answers.interventie", "code": "answers.required"},
              {"name": "answers.interventie", "code": "answers.choice_unknown"},
              {"name": "answers.bestaat-niet", "code": "answers.unknown_question"}]
    questions = questions_for(core_framework(), client=True)

    client = answer_errors(params, questions, "nl", client=True)
    staff = answer_errors(params[:1], questions_for(core_framework(), client=False), "nl", client=False)

    assert [(e.label, e.message, e.target) for e in client] == [
        ("Wie besliste er over wat er gebeurde?", "Kies een getal van 0 tot 100.", "q.regie.num"),
        ("Wat is er gedaan?", "Deze vraag is verplicht.", "q.interventie-budgetcoaching"),
        ("een veld", "Deze vraag kennen we niet.", "inhoud")]
    assert [e.element_id for e in client] == ["fout-regie", "fout-interventie", "fout-formulier"]
    assert staff[0].label == "Wie had de regie?"


def test_english_storytellers_get_english_labels_and_messages() -> None:
    errors = answer_errors([{"name": "answers.verschil", "code": "answers.triad_sum"}],
                           questions_for(core_framework(), client=True), "en", client=True)

    assert [(e.label, e.message) for e in errors] == [
        ("What helped most?", "The three percentages must add up to 100.")]


@pytest.mark.parametrize(("path", "allowed"), [
    ("/vertel/Ab3_x-Yz90kLmNoPq", True), ("/vertel", False), ("https://elders.example/vertel/abcdefgh", False),
    ("//elders.example/vertel/abcdefgh", False), ("/vertel/abcdefgh/../../login", False), ("/vertel/kort", False),
])
def test_the_way_back_is_only_a_campaign_link(path: str, allowed: bool) -> None:
    assert bool(AGAIN_PATH.match(path)) is allowed


def test_the_framework_verdict_comes_with_the_field_errors_not_after_them() -> None:
    answers = {"tempo": {"dyad": "heel lang"}, "verschil": {"triad": (0.6, 0.3, 0.3)},
               "situatie": {"choices": ("wonen",), "other": None}}

    problems = framework_problems(core_framework(), answers)

    assert {"name": "answers.verschil", "code": "answers.triad_sum"} in problems
    assert {"name": "answers.rol", "code": "answers.required"} in problems
    assert not any(p["name"] in ("answers.tempo", "answers.situatie") for p in problems)  # tempo: pydantic's turn
