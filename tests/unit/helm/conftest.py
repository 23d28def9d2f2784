"""Render the Helm chart with the real `helm` binary and parse the output strictly.

helm is installed by scripts/helm_check.sh (run from scripts/bootstrap.sh); a missing helm is a failure with a
clear message, never a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
CHART = ROOT / "deploy" / "helm" / "vertelpunt"
TOOLS_ENV = ROOT / "deploy" / "helm" / "tools.env"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    pass


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that refuses a key twice in one mapping (PyYAML silently keeps the last one).

    The C parser (libyaml) when PyYAML has it, for speed; the mapping check is Python either way.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKeyError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_strict(text: str) -> list[dict[str, Any]]:
    return [document for document in yaml.load_all(text, Loader=StrictLoader) if document]


def helm_binary() -> str:
    versions = dict(line.split("=", 1) for line in TOOLS_ENV.read_text().splitlines() if line and line[0] != "#")
    tools = Path(os.environ.get("VERTELPUNT_TOOLS", "/var/tmp/vertelpunt/tools"))
    installed = tools / f"helm-{versions['HELM_VERSION']}-k8s{versions['KUBERNETES_VERSION']}" / "helm"
    for candidate in (os.environ.get("VERTELPUNT_HELM"), installed, shutil.which("helm")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail(f"helm {versions['HELM_VERSION']} is not installed, so the chart cannot be rendered. Install it with "
                "`scripts/helm_check.sh install` (part of scripts/bootstrap.sh), or point VERTELPUNT_HELM at a helm "
                "binary.", pytrace=False)


@dataclass
class Rendered:
    """The objects of one `helm template` run, with look-ups the tests share."""

    objects: list[dict[str, Any]]
    release: str
    values: dict[str, Any] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [o for o in self.objects if o["kind"] == kind]

    def named(self, kind: str, name: str) -> dict[str, Any]:
        matches = [o for o in self.of_kind(kind) if o["metadata"]["name"] == name]
        assert len(matches) == 1, f"expected one {kind} {name}, found {len(matches)}"
        return matches[0]

    def pods(self) -> list[tuple[str, dict[str, str], dict[str, Any]]]:
        """(owner name, pod labels, pod spec) of every Deployment and bare Pod (helm test hooks)."""
        pods = [(d["metadata"]["name"], d["spec"]["template"]["metadata"]["labels"], d["spec"]["template"]["spec"])
                for d in self.of_kind("Deployment")]
        return pods + [(p["metadata"]["name"], p["metadata"]["labels"], p["spec"]) for p in self.of_kind("Pod")]


class RenderError(Exception):
    pass


Render = Callable[..., Rendered]


def write_values(path: Path, values: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(values, sort_keys=False))
    return path


@pytest.fixture(scope="session")
def helm() -> str:
    return helm_binary()


@pytest.fixture(scope="session")
def render(helm: str, tmp_path_factory: pytest.TempPathFactory) -> Render:
    """render(values files..., release=..., values={...}, extra_args=(...)) -> Rendered, or raises RenderError.

    Renders are cached for the session (helm takes a fraction of a second per call); Rendered objects are shared,
    so tests must not change them.
    """
    home = tmp_path_factory.mktemp("helm")
    environment = {**os.environ, "HELM_CACHE_HOME": str(home / "cache"), "HELM_CONFIG_HOME": str(home / "config"),
                   "HELM_DATA_HOME": str(home / "data")}
    cache: dict[str, Rendered | RenderError] = {}

    def _render(*files: Path, release: str = "vp", values: dict[str, Any] | None = None,
                extra_args: tuple[str, ...] = ()) -> Rendered:
        key = json.dumps([[str(f) for f in files], release, values, extra_args], sort_keys=True)
        if key not in cache:
            args = [helm, "template", release, str(CHART), "--namespace", "verhalen"]
            for file in files:
                args += ["-f", str(file)]
            if values is not None:
                args += ["-f", str(write_values(home / f"values-{len(cache)}.yaml", values))]
            done = subprocess.run([*args, *extra_args], capture_output=True, text=True, env=environment, timeout=120)
            cache[key] = (Rendered(load_strict(done.stdout), release, values or {}) if done.returncode == 0
                          else RenderError(done.stderr))
        result = cache[key]
        if isinstance(result, RenderError):
            raise RenderError(str(result))
        return result

    return _render
