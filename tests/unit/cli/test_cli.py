import json

from typer.testing import CliRunner

from vertelpunt.cli.main import app

runner = CliRunner()


def test_help_lists_every_operator_command() -> None:
    result = runner.invoke(app, ["--help"])

    assert result.exit_code == 0
    for command in ("stack", "tenant", "demo", "anonymise", "bench", "seed", "search", "token"):
        assert command in result.output


def test_anonymise_reads_and_writes_json_lines_and_reports_bad_lines() -> None:
    stdin = '{"id": "a", "text": "Bel mevrouw Jansen op 06-12345678."}\nniet json\n'

    result = runner.invoke(app, ["anonymise"], input=stdin)

    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("{")]
    record = json.loads(line)
    assert record["text"] == "Bel mevrouw [PERSOON-1] op [TELEFOON-1]."
    assert [(e["type"], e["start"], e["end"]) for e in record["entities"]] == [("PERSOON", 12, 18),
                                                                               ("TELEFOON", 22, 33)]
    assert "line 2" in result.stderr
