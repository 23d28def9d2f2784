"""Code lives on the side where it runs: sector packages never import a municipality's service or its
anonymiser, and the municipality's service never imports sector packages. Inside the intake, stories/ is a
domain, not a hub: other packages import from it only what is about stories."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SECTOR = ["services/federation", "services/search", "gateway"]
MUNICIPALITY = ["services/intake"]
INTAKE = ROOT / "services/intake/src/vertelpunt/intake"
STORIES = "vertelpunt.intake.stories"
# What other intake packages may take from stories/: story things (Story, StoryService, StoryCreate, ...) and the
# routers the app mounts. Clocks, actors, channels, REST bases live in the kit or beside stories/, not in it.
ABOUT_STORIES = re.compile(r"stor(y|ies)", re.IGNORECASE)
STORY_ROUTERS = {("vertelpunt.intake.stories.endpoints", "router"), ("vertelpunt.intake.stories.endpoints", "keyed")}


def _names_from_stories(path: Path) -> set[tuple[str, str]]:
    """(module, name) of everything the file imports from stories/."""
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and (node.module + ".").startswith(STORIES + "."):
            found.update((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update((alias.name, "") for alias in node.names if (alias.name + ".").startswith(STORIES + "."))
    return found


def stories_imports_not_about_stories(root: Path) -> set[tuple[str, str, str]]:
    """(file, module, name) of imports from stories/ by other intake packages that are not about stories."""
    offending = set()
    for path in root.rglob("*.py"):
        if path.relative_to(root).parts[0] == "stories":
            continue
        for module, name in _names_from_stories(path):
            if (module, name) not in STORY_ROUTERS and not ABOUT_STORIES.search(name):
                offending.add((str(path.relative_to(root)), module, name))
    return offending


def _imports(package_dir: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in (ROOT / package_dir / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add((str(path.relative_to(ROOT)), node.module))
            elif isinstance(node, ast.Import):
                found.update((str(path.relative_to(ROOT)), alias.name) for alias in node.names)
    return found


@pytest.mark.unit
@pytest.mark.parametrize("package_dir", SECTOR)
def test_sector_packages_do_not_import_municipality_code(package_dir: str) -> None:
    offending = {(f, m) for f, m in _imports(package_dir)
                 if m.startswith(("vertelpunt.intake", "vertelpunt.anonymisation"))}
    assert not offending, offending


@pytest.mark.unit
@pytest.mark.parametrize("package_dir", MUNICIPALITY)
def test_municipality_service_does_not_import_sector_code(package_dir: str) -> None:
    offending = {(f, m) for f, m in _imports(package_dir)
                 if m.startswith(("vertelpunt.federation", "vertelpunt.search", "vertelpunt.gateway"))}
    assert not offending, offending


@pytest.mark.unit
def test_other_intake_packages_import_from_stories_only_what_is_about_stories() -> None:
    assert stories_imports_not_about_stories(INTAKE) == set()


@pytest.mark.unit
def test_the_stories_rule_catches_a_helper_taken_from_stories(tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "models.py").write_text("from vertelpunt.intake.actors import Actor\n")
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "models.py").write_text(
        "from vertelpunt.intake.stories.models import Story, utcnow\nimport vertelpunt.intake.stories.marks\n")
    (tmp_path / "app.py").write_text("from vertelpunt.intake.stories.endpoints import router\n"
                                     "from vertelpunt.intake.stories import schemas\n")

    found = {(module, name) for _, module, name in stories_imports_not_about_stories(tmp_path)}

    assert found == {("vertelpunt.intake.stories.models", "utcnow"), ("vertelpunt.intake.stories.marks", ""),
                     ("vertelpunt.intake.stories", "schemas")}


@pytest.mark.unit
def test_the_cli_never_writes_a_municipalitys_tables_itself() -> None:
    """Offboarding and seeding go through the intake's functions (stop_sharing, the relay's drain,
    anonymise_story, store_answers, story_shared); only the benchmark fills a throwaway outbox through the
    intake's own OutboxRepository."""
    writes = {"insert", "update", "delete"}
    offending = {(f, m) for f, m in _imports("libs/cli")
                 if (m.startswith("vertelpunt.intake.") and m.endswith(".repository")
                     and m != "vertelpunt.intake.outbox.repository")}
    offending |= {(str(path.relative_to(ROOT)), f"sqlalchemy.{alias.name}")
                  for path in (ROOT / "libs/cli/src").rglob("*.py")
                  for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
                  for alias in node.names if alias.name in writes}
    assert not offending, offending


@pytest.mark.unit
def test_the_relay_runs_from_the_intake() -> None:
    from vertelpunt.intake.__main__ import cli

    assert "relay" in {c.name or c.callback.__name__ for c in cli.registered_commands if c.callback}
