"""`vertelpunt anonymise`: JSON lines in, anonymised JSON lines out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from vertelpunt.anonymisation import AnonymiserConfig, anonymise


def anonymise_command(
    case_pattern: Annotated[list[str] | None, typer.Option(
        "--case-pattern", help="Extra regular expression for the municipality's case numbers (repeatable).")] = None,
    report: Annotated[Path | None, typer.Option(
        help="Instead of reading stdin: measure recall on the synthetic corpus and write the report here.")] = None,
    corpus_size: Annotated[int, typer.Option(help="Stories in the synthetic corpus for --report.")] = 320,
) -> None:
    """Read JSON lines {"id", "text"} on stdin; write {"id", "text", "entities": [{"type", "start", "end"}]}.

    The text is anonymised with typed placeholders ([PERSOON-1], [BSN-1], ...), consistent within a line.
    Offsets point into the input text. A bad line is reported on stderr with its line number and skipped;
    the exit code is 1 when any line was bad.
    """
    if report is not None:
        from vertelpunt.anonymisation.report import measure, render_report

        evaluation = measure(corpus_size)
        report.write_text(render_report(evaluation, corpus_size, 20261127), encoding="utf-8")
        typer.echo(f"recall {evaluation.overall_recall:.4f}, words kept {evaluation.words_kept:.4f} -> {report}",
                   err=True)
        return
    config = AnonymiserConfig(case_number_patterns=tuple(case_pattern or ()))
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
