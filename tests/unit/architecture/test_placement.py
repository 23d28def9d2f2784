"""Code lives on the side where it runs: sector packages never import a municipality's service or its
anonymiser, and the municipality's service never imports sector packages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SECTOR = ["services/federation", "services/search", "gateway"]
MUNICIPALITY = ["services/intake"]


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
def test_the_relay_runs_from_the_intake() -> None:
    from vertelpunt.intake.__main__ import cli

    assert "relay" in {c.name or c.callback.__name__ for c in cli.registered_commands if c.callback}
