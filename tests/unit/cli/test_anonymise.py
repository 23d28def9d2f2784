from typer.testing import CliRunner

from vertelpunt.cli.main import app

runner = CliRunner()


def test_a_case_pattern_that_could_backtrack_is_refused_with_the_reason() -> None:
    result = runner.invoke(app, ["anonymise", "--case-pattern", r"(?<=zaak )\d+"], input='{"text": "zaak 12"}\n')

    assert result.exit_code == 2
    assert "look-around" in result.output


def test_a_municipality_pattern_marks_its_case_numbers() -> None:
    result = runner.invoke(app, ["anonymise", "--case-pattern", r"\bGM\d{6}\b"],
                           input='{"id": 1, "text": "Stuk GM004512 ligt klaar."}\n')

    assert result.exit_code == 0
    assert "[ZAAKNUMMER-1]" in result.stdout
