"""`vertelpunt anonymise`: JSON lines in, anonymised JSON lines out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from vertelpunt.anonymisation import AnonymiserConfig, UnsupportedPattern, anonymise

HARD_CASES = Path("tests/unit/anonymisation/hard_cases.txt")


def anonymise_command(
    case_pattern: Annotated[list[str] | None, typer.Option(
        "--case-pattern", help="Extra RE2 expression for the municipality's case numbers (repeatable).")] = None,
    report: Annotated[Path | None, typer.Option(
        help="Instead of reading stdin: measure recall on both synthetic corpora and write the report here.")] = None,
    corpus_size: Annotated[int, typer.Option(help="Stories in the first synthetic corpus for --report.")] = 320,
    informal_size: Annotated[int, typer.Option(help="Texts in the second (informal) corpus for --report.")] = 360,
    hard_cases: Annotated[Path, typer.Option(help="Hand-written hard cases for --report.")] = HARD_CASES,
) -> None:
    """Read JSON lines {"id", "text"} on stdin; write {"id", "text", "entities": [{"type", "start", "end"}]}.

    The text is anonymised with typed placeholders ([PERSOON-1], [BSN-1], ...), consistent within a line.
    Offsets point into the input text. A bad line is reported on stderr with its line number and skipped;
    the exit code is 1 when any line was bad.
    """
    if report is not None:
        from vertelpunt.anonymisation.report import measure, render_report

        measured = measure(corpus_size, informal_size, hard_cases)
        report.write_text(render_report(measured), encoding="utf-8")
        typer.echo(f"recall {measured.first.overall_recall:.4f} (first corpus), "
                   f"{measured.informal.overall_recall:.4f} (second); words kept {measured.first.words_kept:.4f}, "
                   f"{measured.informal.words_kept:.4f} -> {report}", err=True)
        return
    try:
        config = AnonymiserConfig(case_number_patterns=tuple(case_pattern or ()))
    except UnsupportedPattern as error:
        raise typer.BadParameter(str(error), param_hint="--case-pattern") from None
    bad = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as error:
            bad += 1
            typer.echo(f"line {number}: {error}", err=True)
            continue
        result = anonymise(record["text"], config)
        out = {"id": record.get("id"), "text": result.text,
               "entities": [{"type": e.type.value, "start": e.start, "end": e.end} for e in result.entities]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    if bad:
        raise typer.Exit(1)
