"""`vertelpunt exchange export|import` against two intake services served by uvicorn (SQLite), with real Keycloak
tokens: the command uses the intakes' REST API only."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from tests.integration.containers.engine import free_port
from tests.integration.keycloak_tokens import password_token
from vertelpunt.cli.main import app
from vertelpunt.intake.app import http_server
from vertelpunt.intake.exchange.document import schema_errors
from vertelpunt.intake.migrate import upgrade
from vertelpunt.intake.settings import IntakeSettings

runner = CliRunner()
ANSWERS = {"situatie": {"choices": ["taal"]}, "interventie": {"choices": ["taalondersteuning"]},
           "uitkomst-verandering": {"choices": ["beter"]}, "uitkomst-hielp": {"choices": ["ja"]},
           "rol": {"choices": ["staff"]}, "houvast": {"triad": [0.25, 0.5, 0.25]}}


@pytest.fixture
def serve(tmp_path: Path, keycloak_url: str) -> Iterator[Callable[[str, str], str]]:
    servers: list[tuple[Any, threading.Thread]] = []

    def start(code: str, name: str) -> str:
        port, url = free_port(), f"sqlite:///{tmp_path / f'{code}.db'}"
        upgrade(url)
        server = http_server(IntakeSettings(tenant_code=code, tenant_name=name, database_url=url, host="127.0.0.1",
                                            port=port, keycloak_url=keycloak_url, public_url=f"http://127.0.0.1:{port}",
                                            log_json=False))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.05)
        assert server.started
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


def test_export_and_import_through_the_command(serve: Callable[[str, str], str], keycloak_url: str,
                                               tmp_path: Path) -> None:
    zwolle, deventer = serve("GM0193", "Zwolle"), serve("GM0150", "Deventer")
    admin = {"Authorization": f"Bearer {password_token(keycloak_url, 'beheer.zwolle')}"}
    for n in range(6):
        told = httpx.post(f"{zwolle}/api/v1/stories", headers=admin, json={
            "title": f"Taalles aan de balie {n}", "text": "Met een taalmaatje oefende de klant de brief van de "
            "gemeente. Daarna belde ze zelf.", "answers": ANSWERS, "consentToShare": True}).json()
        httpx.post(f"{zwolle}/api/v1/stories/{told['id']}/review", headers=admin, json={"consentToShare": True})
    exported = tmp_path / "zwolle.json"
    analyst = password_token(keycloak_url, "analist.zwolle")
    importer = password_token(keycloak_url, "beheer.deventer")

    out = runner.invoke(app, ["exchange", "export", "--tenant", "GM0193", "--url", zwolle, "--token", analyst,
                              "-o", str(exported)])
    document = json.loads(exported.read_text(encoding="utf-8"))
    first = runner.invoke(app, ["exchange", "import", "--tenant", "GM0150", "--url", deventer, "--token", importer,
                                "--part-bytes", "12000", str(exported)])
    again = runner.invoke(app, ["exchange", "import", "--tenant", "GM0150", "--url", deventer, "--token", importer,
                                str(exported)])

    assert out.exit_code == 0, out.output
    assert schema_errors(document) == [] and len(document["stories"]) == 6
    assert first.exit_code == 0, first.output
    assert "6 imported, 0 already there" in first.output
    assert "0 imported, 6 already there" in again.output


def test_a_refused_part_names_the_story_in_the_whole_document(serve: Callable[[str, str], str], keycloak_url: str,
                                                              tmp_path: Path) -> None:
    deventer = serve("GM0150", "Deventer")
    example = json.loads((Path(__file__).resolve().parents[3] / "docs/exchange/example.json").read_text("utf-8"))
    stories = [dict(example["stories"][0], id=f"cli-{n}") for n in range(5)]
    stories[4]["answers"] = {**stories[4]["answers"], "uitkomst-hielp": {"choices": ["misschien"]}}
    example["frameworks"][0]["questions"][3]["options"].append({"id": "misschien"})
    path = tmp_path / "document.json"
    path.write_text(json.dumps({**example, "stories": stories}), encoding="utf-8")
    one_story = len(json.dumps({**example, "stories": stories[:2]}).encode())

    result = runner.invoke(app, ["exchange", "import", "--tenant", "GM0150", "--url", deventer, "--token",
                                 password_token(keycloak_url, "beheer.deventer"), "--part-bytes", str(one_story),
                                 str(path)])

    assert result.exit_code == 1
    assert "/stories/4/answers/uitkomst-hielp" in result.output
    assert "the 4 stories before it were imported" in result.output  # running again skips them
