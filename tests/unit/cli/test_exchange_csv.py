"""The CSV adapter (a SenseMaker-like export: triads as three 0..100 columns, sliders 0..100) and how the CLI
splits a document into parts."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from vertelpunt.cli.exchange import parts, shift_pointer
from vertelpunt.cli.exchange_csv import CsvMapping, csv_to_document
from vertelpunt.intake.exchange.document import Document, schema_errors
from vertelpunt.intake.exchange.mapping import map_answers
from vertelpunt.intake.frameworks.service import core_framework

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "exchange" / "example.json"
FRAMEWORK: dict[str, Any] = core_framework().model_dump(mode="json", by_alias=True)
MAPPING = CsvMapping.model_validate({
    "source": "sensemaker:meedoen-2025", "id": "FragmentID", "text": "Fragment", "title": "Titel",
    "toldAt": "Datum", "dateFormat": "%d-%m-%Y %H:%M", "consent": "Delen", "role": "Wie",
    "roleValues": {"Consulent": "staff", "Inwoner": "client"},
    "triads": {"verschil": {"eigen-kracht": "T1 Zelf", "aanpak": "T1 Aanpak", "regels": "T1 Regels"}},
    "dyads": {"tempo": {"column": "S1", "reversed": True}},
    "choices": {"situatie": {"column": "Onderwerp", "separator": "|",
                             "values": {"Geld": "schulden", "Werk": "werk"}, "other": "Onderwerp anders"},
                "interventie": {"column": "Aanpak", "values": {"Coach": "werkcoaching"}},
                "uitkomst-verandering": {"column": "Verandering"}, "uitkomst-hielp": {"column": "Hielp"}},
})
HEADER = ("FragmentID,Titel,Fragment,Datum,Delen,Wie,T1 Zelf,T1 Aanpak,T1 Regels,S1,Onderwerp,Onderwerp anders,"
          "Aanpak,Verandering,Hielp")


def convert(*rows: str) -> tuple[dict[str, Any], list[str]]:
    return csv_to_document(io.StringIO("\n".join([HEADER, *rows]) + "\n"), MAPPING, FRAMEWORK)


def test_a_sensemaker_like_row_becomes_a_valid_story() -> None:
    document, problems = convert(
        'sm-88,,"Via de coach kon Ilse weer aan de slag bij de bakker, eerst twee ochtenden.",'
        "07-10-2025 13:45,ja,Inwoner,60,30,10,25,Werk|Geld,,Coach,beter,ja")

    assert problems == [] and schema_errors(document) == []
    [story] = document["stories"]
    assert story["title"] == "Via de coach kon Ilse weer aan de …"  # no title: the first words
    assert story["toldAt"] == "2025-10-07T13:45:00+02:00" and story["consentToShare"] is True
    assert story["answers"]["verschil"] == {"triad": [0.6, 0.3, 0.1]}
    assert story["answers"]["tempo"] == {"dyad": 0.75}  # the slider runs the other way in this tool
    assert story["answers"]["situatie"] == {"choices": ["werk", "schulden"]}
    assert story["storytellerRole"] == "client"
    parsed = Document.model_validate(document)
    mapped = map_answers(parsed.stories[0].answers, parsed.frameworks[0], core_framework(),
                         storyteller_role=parsed.stories[0].storyteller_role)
    assert (mapped.errors, mapped.rejected) == ([], [])


def test_empty_triad_and_slider_cells_are_not_applicable_and_consent_is_never_assumed() -> None:
    document, problems = convert("sm-89,Thuis,Het huis was op orde.,08-10-2025 09:00,,Consulent,,,,,Werk,,Coach,"
                                 "gelijk,nee")

    assert problems == []
    answers = document["stories"][0]["answers"]
    assert answers["verschil"] == answers["tempo"] == {"notApplicable": True}
    assert document["stories"][0]["consentToShare"] is False


def test_rows_that_cannot_be_stories_are_named_and_nothing_is_converted_silently() -> None:
    _, problems = convert("sm-90,T,Tekst.,08-10-2025 09:00,ja,Inwoner,50,50,,,Werk,,Coach,beter,ja",
                          "sm-91,T,Tekst.,gisteren,ja,Inwoner,,,,,Werk,,Coach,beter,ja",
                          "sm-92,T,Tekst.,08-10-2025 09:00,ja,Inwoner,,,,140,Werk,,Coach,beter,ja",
                          ",T,,08-10-2025 09:00,ja,Inwoner,,,,,Werk,,Coach,beter,ja")

    assert [p.split(":")[0] for p in problems] == ["rij 2", "rij 3", "rij 4", "rij 5"]
    assert "driehoek verschil" in problems[0] and "gisteren" in problems[1] and "140" in problems[2]


def test_a_mapping_with_other_corners_than_the_framework_is_refused() -> None:
    wrong = MAPPING.model_copy(update={"triads": {"verschil": {"a": "T1 Zelf", "b": "T1 Aanpak", "c": "T1 Regels"}}})

    _, problems = csv_to_document(io.StringIO(HEADER + "\n"), wrong, FRAMEWORK)

    assert problems and problems[0].startswith("mapping: driehoek verschil")


def test_a_document_is_sent_in_parts_that_fit_and_pointers_are_mapped_back() -> None:
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    stories = [dict(example["stories"][0], id=f"s{n}") for n in range(7)]
    document = {**example, "stories": stories}
    limit = len(json.dumps({**example, "stories": stories[:3]}).encode()) + 50

    split = list(parts(document, limit))

    assert [offset for offset, _ in split] == [0, 3, 6]
    assert [s["id"] for _, part in split for s in part["stories"]] == [s["id"] for s in stories]
    assert all(schema_errors(part) == [] and len(json.dumps(part).encode()) <= limit for _, part in split)
    assert shift_pointer("/stories/1/answers/regie", 6) == "/stories/7/answers/regie"
    assert shift_pointer("/frameworks/0", 6) == "/frameworks/0"


def test_an_empty_document_is_one_part() -> None:
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))

    assert [(offset, part["stories"]) for offset, part in parts({**example, "stories": []}, 10_000)] == [(0, [])]
