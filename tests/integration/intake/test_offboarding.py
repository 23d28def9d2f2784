"""Offboarding inside the municipality: the intake withdraws every shared story itself (the operator's CLI calls
this function, never the tables), keeps its stories, and a second run finds nothing left to withdraw."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.integration.intake.test_stories import outbox, tell_and_confirm
from vertelpunt.contracts.envelopes import decode
from vertelpunt.intake.__main__ import cli
from vertelpunt.intake.app import stop_sharing
from vertelpunt.intake.settings import IntakeSettings
from vertelpunt.intake.stories.models import Story


def test_stop_sharing_withdraws_only_shared_stories_and_keeps_them(client: TestClient,
                                                                    tokens: dict[str, str]) -> None:
    token = tokens["verteller.zwolle"]
    shared = tell_and_confirm(client, token, title="Gedeeld verhaal over de wachtlijst")
    kept_local = tell_and_confirm(client, token, consent=False)
    already_withdrawn = tell_and_confirm(client, token)
    client.post(f"/api/v1/stories/{already_withdrawn}/withdraw", headers={"Authorization": f"Bearer {token}"})
    container = client.app.state.container  # type: ignore[attr-defined]
    before = len(outbox(client))

    assert stop_sharing(container) == 1
    assert stop_sharing(container) == 0

    added = [decode(m.payload) for m in outbox(client)[before:]]
    assert [(e.WhichOneof("payload"), e.story_withdrawn.story_id, e.story_withdrawn.reason) for e in added] == [
        ("story_withdrawn", shared, "withdrawn")]
    with container.database.sessions() as session:
        stories = {s: session.get(Story, s) for s in (shared, kept_local, already_withdrawn)}
    assert stories[shared].status == "withdrawn" and not stories[shared].shared  # type: ignore[union-attr]
    assert stories[shared].text and stories[shared].anonymised_text  # type: ignore[union-attr]
    assert stories[kept_local].status == "submitted"  # type: ignore[union-attr]


def test_the_intake_command_stops_sharing(client: TestClient, tokens: dict[str, str],
                                          settings: IntakeSettings) -> None:
    tell_and_confirm(client, tokens["verteller.zwolle"])
    tell_and_confirm(client, tokens["beheer.zwolle"])

    result = CliRunner().invoke(cli, ["stop-sharing"], env={
        "VERTELPUNT_INTAKE_TENANT_CODE": settings.tenant_code, "VERTELPUNT_INTAKE_DATABASE_URL": settings.database_url,
        "VERTELPUNT_INTAKE_LOG_JSON": "false"})

    assert result.exit_code == 0, result.output
    assert "withdrew 2 shared stories" in result.output
    assert [decode(m.payload).WhichOneof("payload") for m in outbox(client)][-2:] == ["story_withdrawn"] * 2
