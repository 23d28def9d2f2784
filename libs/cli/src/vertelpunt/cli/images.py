"""`vertelpunt images build|list`: container images of the deployable units and of the local stack's servers.

No container registry is reachable from the machines this project runs on, so nothing is pulled: the base root
filesystem is made with debootstrap from Debian's packages and imported with `podman import` (cached under
/var/tmp/vertelpunt/images), every image is built on it with `podman build` from the recipes in deploy/images/,
Python units get their wheels from uv.lock, the Java servers get the jars the local stack already resolves from
Maven Central, and each image gets a CycloneDX SBOM (Debian packages, Python distributions, Java archives).
"""

from __future__ import annotations

import contextlib
import email.parser
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import tomllib
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic_settings import BaseSettings, SettingsConfigDict
from rich.console import Console

from vertelpunt.cli.stack.settings import DEPLOY_LOCAL, REPO_ROOT

RECIPES = REPO_ROOT / "deploy" / "images"
RECIPE_VERSION = "1"  # bump to force a new base root filesystem
ENGINE_PACKAGES = ["podman", "netavark", "aardvark-dns", "iptables", "runc", "debootstrap"]
ENGINE_COMMANDS = {"podman": "podman", "debootstrap": "debootstrap", "iptables": "iptables"}
WRAPPER = Path("/usr/local/libexec/vertelpunt/runc-norlimit")
WRAPPER_CONF = Path("/etc/containers/containers.conf.d/50-vertelpunt-runc-norlimit.conf")
SBOM_PATH = "/usr/share/doc/vertelpunt/sbom.cdx.json"

console = Console(stderr=True)


class ImageError(RuntimeError):
    """An image could not be built; the message says which step failed, where its log is and what to do."""


class ImagesSettings(BaseSettings):
    """Where images are built and cached, and from which Debian mirror (env prefix VERTELPUNT_IMAGES_)."""

    model_config = SettingsConfigDict(env_prefix="VERTELPUNT_IMAGES_")

    home: Path = Path("/var/tmp/vertelpunt/images")
    suite: str = "bookworm"
    # Empty: the mirror apt uses on this machine (/etc/apt/sources.list*), else deb.debian.org.
    mirror: str = ""
    security_mirror: str = ""
    prefix: str = "localhost/vertelpunt"
    # Empty: the Helm chart's appVersion, so the chart's default tag finds the images.
    tag: str = ""

    def image(self, name: str) -> str:
        return f"{self.prefix}/{name}:{self.tag or chart_app_version()}"

    @property
    def rootfs_image(self) -> str:
        return f"{self.prefix}/rootfs:{self.suite}"

    @property
    def base_image(self) -> str:
        return f"{self.prefix}/base:{self.suite}"

    @property
    def java_image(self) -> str:
        return f"{self.prefix}/java:17"


@dataclass(frozen=True)
class Unit:
    """A deployable Python unit: its workspace member, default command and the ports its health check asks."""

    package: str
    command: tuple[str, ...]
    health: str
    # Python code run once at build time, after the third-party wheels are installed and before the unit's own
    # sources: caches the read-only root could not take later.
    warmup: str = ""
    # Debian packages the unit needs at run time besides python3 (shared libraries its wheels load).
    debian: str = ""


UNITS: dict[str, Unit] = {
    # The relay runs from the intake image: `python -m vertelpunt.intake relay`.
    "intake": Unit("vertelpunt-intake", ("python", "-m", "vertelpunt.intake", "serve"),
                   "VERTELPUNT_INTAKE_PORT=8101,VERTELPUNT_RELAY_HEALTH_PORT=8301"),
    "federation": Unit("vertelpunt-federation", ("python", "-m", "vertelpunt.federation", "federate"),
                       "VERTELPUNT_FEDERATION_HEALTH_PORT=8201",
                       "from deduce import Deduce; Deduce()"),
    "indexer": Unit("vertelpunt-search", ("python", "-m", "vertelpunt.search", "index"),
                    "VERTELPUNT_SEARCH_HEALTH_PORT=8401"),
    # The Werkplaats is served by the gateway.
    # WeasyPrint (the period report's PDF) loads Pango and HarfBuzz; the report's plots are measured in DejaVu Sans.
    "gateway": Unit("vertelpunt-gateway", ("python", "-m", "vertelpunt.gateway", "serve"),
                    "VERTELPUNT_GATEWAY_PORT=8000",
                    debian="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"),
}
SERVERS = ("postgres", "kafka", "opensearch", "keycloak")
JAVA_SERVERS = ("kafka", "opensearch", "keycloak")
ALL_IMAGES = (*UNITS, *SERVERS)


def chart_app_version() -> str:
    chart = REPO_ROOT / "deploy" / "helm" / "vertelpunt" / "Chart.yaml"
    match = re.search(r'^appVersion:\s*"?([^"\s]+)"?', chart.read_text(), re.MULTILINE) if chart.exists() else None
    return match.group(1) if match else "latest"


# --- running commands with progress ---------------------------------------------------------------------------


def run_logged(argv: list[str], what: str, log: Path, show: Callable[[str], bool] = lambda _: False,
               env: dict[str, str] | None = None) -> None:
    """Run a long step with its output in `log`; print the lines `show` picks and a note every 20 s."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = last_note = time.monotonic()
    with open(log, "a") as out:
        out.write(f"\n$ {' '.join(argv)}\n")
        out.flush()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                errors="replace")
        assert proc.stdout is not None
        for line in proc.stdout:
            out.write(line)
            if show(line):
                console.print(f"   [dim]{time.monotonic() - started:4.0f} s[/] {line.rstrip()[:110]}",
                              markup=True, highlight=False)
                last_note = time.monotonic()
            elif time.monotonic() - last_note > 20:
                console.print(f"   [dim]{time.monotonic() - started:4.0f} s[/] … {what}")
                last_note = time.monotonic()
        code = proc.wait()
    if code != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-25:])
        raise ImageError(f"{what} failed (exit {code}); full log: {log}\n{tail}")


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["podman", *args], capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise ImageError(f"podman {' '.join(args[:3])} failed: {result.stderr.strip()[-800:]}")
    return result


def image_exists(image: str) -> bool:
    return podman("image", "exists", image, check=False).returncode == 0


def image_inspect(image: str) -> dict[str, Any]:
    data: list[dict[str, Any]] = json.loads(podman("image", "inspect", image).stdout)
    return data[0]


def image_label(image: str, label: str) -> str | None:
    if not image_exists(image):
        return None
    labels = image_inspect(image).get("Labels") or {}
    value = labels.get(label)
    return str(value) if value is not None else None


# --- the engine: podman, debootstrap and (where needed) the rlimits wrapper --------------------------------------


def ensure_engine_tools() -> None:
    """podman, netavark, iptables and debootstrap from Debian's packages; installed when missing and root."""
    search = f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin"  # iptables lives in sbin, not always on PATH
    missing = [command for command in ENGINE_COMMANDS if shutil.which(command, path=search) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        raise ImageError(f"missing {', '.join(missing)}; as root: apt-get install {' '.join(ENGINE_PACKAGES)}")
    console.print(f"[cyan]…[/] installing {' '.join(ENGINE_PACKAGES)} (Debian packages)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log = ImagesSettings().home / "logs" / "engine.log"
    run_logged(["apt-get", "update", "-q"], "apt-get update", log, env=env)
    run_logged(["apt-get", "install", "-y", "-q", "--no-install-recommends", *ENGINE_PACKAGES],
               "installing podman and debootstrap", log, env=env)


def _start_error(image: str, plain: bool) -> str | None:
    """None when a container starts, else podman's error. `plain`: runc with podman's defaults, ignoring every
    containers.conf (ours included), which is how podman runs on a machine where nothing was configured."""
    if not plain:
        argv, env = ["podman", "run", "--rm", "--network=none", image, "true"], None
    else:
        empty = ImagesSettings().home / "empty-containers.conf"
        empty.parent.mkdir(parents=True, exist_ok=True)
        empty.write_text("")
        argv = ["podman", "--runtime", shutil.which("runc") or "/usr/bin/runc", "run", "--rm", "--network=none",
                image, "true"]
        env = dict(os.environ, CONTAINERS_CONF=str(empty))
    result = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    return None if result.returncode == 0 else (result.stderr.strip() or f"exit {result.returncode}")


def install_rlimits_wrapper() -> None:
    """Install deploy/images/runc-norlimit and make it podman's runtime (every podman call, the API included)."""
    if os.geteuid() != 0:
        raise ImageError("the rlimits wrapper must be installed as root (it goes into /etc/containers)")
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else shutil.which("python3") or "python3"
    runc = shutil.which("runc") or "/usr/bin/runc"
    text = (RECIPES / "runc-norlimit").read_text()
    text = text.replace("#!/usr/bin/env python3", f"#!{python}", 1).replace('"/usr/bin/runc"', json.dumps(runc))
    WRAPPER.parent.mkdir(parents=True, exist_ok=True)
    WRAPPER.write_text(text)
    WRAPPER.chmod(0o755)
    WRAPPER_CONF.parent.mkdir(parents=True, exist_ok=True)
    WRAPPER_CONF.write_text(
        "# Written by `vertelpunt images`: this sandbox refuses setrlimit() inside a new container, so podman runs\n"
        "# containers through a wrapper that drops process.rlimits from the OCI bundle before calling runc.\n"
        "[containers]\ndefault_ulimits = []\n[engine]\nruntime = \"runcnorlimit\"\n"
        f"[engine.runtimes]\nruncnorlimit = [\"{WRAPPER}\"]\n"
    )


def ensure_runtime(image: str) -> str:
    """Start a container once with plain runc; if the sandbox refuses resource limits, install the wrapper.

    Returns one line for the output saying which runtime is used and why.
    """
    plain = _start_error(image, plain=True)
    if plain is None:
        return "OCI runtime: runc as is (this machine allows resource limits inside containers)"
    if "rlimit" not in plain.lower():
        raise ImageError(f"podman cannot start a container from {image}:\n{plain}")
    if not (WRAPPER_CONF.exists() and WRAPPER.exists()):
        reason = re.search(r"error setting rlimit[^:]*: operation not permitted", plain, re.IGNORECASE)
        console.print("[yellow]![/] this sandbox refuses resource limits inside containers "
                      f"(runc: {reason.group(0) if reason else plain[-120:]}); installing the OCI runtime wrapper")
        install_rlimits_wrapper()
    wrapped = _start_error(image, plain=False)
    if wrapped is not None:
        raise ImageError(f"podman cannot start a container even through {WRAPPER}:\n{wrapped}")
    return (f"OCI runtime: runc through the rlimits wrapper {WRAPPER} (needed here: the sandbox refuses "
            f"setrlimit in containers; configured in {WRAPPER_CONF})")


# --- the base root filesystem -----------------------------------------------------------------------------------


def host_mirrors(suite: str, sources: list[Path] | None = None) -> tuple[str, str]:
    """The Debian mirror and security mirror that apt uses on this machine for `suite` (else deb.debian.org).

    Only entries for the suite itself count: other repositories in sources.list.d (a vendor's apt repository)
    are not Debian mirrors.
    """
    mirror, security = "http://deb.debian.org/debian", "http://deb.debian.org/debian-security"
    entries: list[tuple[str, list[str]]] = []  # (URI, suites)
    if sources is None:
        sources = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for source in sources:
        if not source.is_file():
            continue
        text = source.read_text(errors="replace")
        for stanza in text.split("\n\n"):
            uris = re.findall(r"^URIs:\s*(.+)$", stanza, re.MULTILINE)
            suites = re.findall(r"^Suites:\s*(.+)$", stanza, re.MULTILINE)
            if uris and suites:
                entries += [(uri, suites[0].split()) for uri in uris[0].split()]
        entries += [(uri, [dist]) for uri, dist in
                    re.findall(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)", text, re.MULTILINE)]
    for uri, suites in reversed(entries):  # the first listed wins
        if not uri.startswith("http"):
            continue
        if f"{suite}-security" in suites or f"{suite}/updates" in suites:
            security = uri.rstrip("/")
        elif suite in suites:
            mirror = uri.rstrip("/")
    return mirror, security


def _configure_rootfs(root: Path, suite: str, mirror: str, security: str) -> None:
    (root / "etc/apt/sources.list").write_text(
        f"deb {mirror} {suite} main\ndeb {mirror} {suite}-updates main\ndeb {security} {suite}-security main\n")
    (root / "etc/apt/apt.conf.d/90vertelpunt").write_text(
        'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Languages "none";\n')
    # Documentation and translations are left out of every image; licence texts (copyright) stay.
    (root / "etc/dpkg/dpkg.cfg.d/90vertelpunt-nodoc").write_text(
        "path-exclude=/usr/share/doc/*\npath-include=/usr/share/doc/*/copyright\npath-exclude=/usr/share/man/*\n"
        "path-exclude=/usr/share/info/*\npath-exclude=/usr/share/locale/*\npath-include=/usr/share/locale/locale.alias\n")
    for leftover in [*(root / "var/cache/apt/archives").glob("*.deb"), *(root / "var/lib/apt/lists").glob("*_*")]:
        leftover.unlink()


def ensure_rootfs(settings: ImagesSettings, refresh: bool = False) -> str:
    """The debootstrapped Debian root filesystem as an image; the tarball is cached, so a rebuild only imports."""
    mirror, security = host_mirrors(settings.suite)
    mirror, security = settings.mirror or mirror, settings.security_mirror or security
    key = hashlib.sha256(f"{RECIPE_VERSION}|{settings.suite}|{mirror}|{security}".encode()).hexdigest()[:16]
    image = settings.rootfs_image
    if not refresh and image_label(image, "nl.vertelpunt.rootfs") == key:
        console.print(f"[green]✓[/] base root filesystem {image} (cached)")
        return image
    cache = settings.home / "rootfs"
    tarball = cache / f"{settings.suite}-{key}.tar"
    started = time.monotonic()
    if refresh or not tarball.exists():
        cache.mkdir(parents=True, exist_ok=True)
        console.print(f"[cyan]…[/] debootstrap {settings.suite} (minbase) from {mirror}: about 1 to 2 minutes")
        with tempfile.TemporaryDirectory(dir=cache) as work:
            root = Path(work) / "rootfs"
            run_logged(["debootstrap", "--variant=minbase", "--include=ca-certificates", settings.suite, str(root),
                        mirror], "debootstrap", settings.home / "logs" / "rootfs.log",
                       show=lambda line: (line.startswith("I: ") and line.rstrip().endswith("..."))
                       or line.startswith("I: Base system"))
            _configure_rootfs(root, settings.suite, mirror, security)
            partial = tarball.with_suffix(".partial")
            subprocess.run(["tar", "--numeric-owner", "-C", str(root), "-cf", str(partial), "."], check=True)
            partial.rename(tarball)
        for old in cache.glob(f"{settings.suite}-*.tar"):
            if old != tarball:
                old.unlink()
    console.print(f"[cyan]…[/] importing {tarball.name} as {image}")
    podman("import", "--change", f"LABEL nl.vertelpunt.rootfs={key}", "--change", 'CMD ["/bin/bash"]',
           str(tarball), image)
    console.print(f"[green]✓[/] base root filesystem {image} in {time.monotonic() - started:.0f} s")
    return image


# --- build contexts -------------------------------------------------------------------------------------------


def _copy_tree(source: Path, target: Path, ignore: Iterable[str] = ()) -> None:
    """Copy a tree, hard-linking files where possible (the build context is thrown away afterwards)."""
    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", *ignore),
                    copy_function=link_or_copy, symlinks=True, dirs_exist_ok=True)


def _fresh_context(settings: ImagesSettings, name: str) -> Path:
    """An empty build context of this process's own (several builds may run on one machine)."""
    context = settings.home / "context" / str(os.getpid()) / name
    shutil.rmtree(context, ignore_errors=True)
    context.mkdir(parents=True)
    return context


@contextlib.contextmanager
def build_lock(settings: ImagesSettings) -> Iterator[None]:
    """One build at a time per machine: a test session and an operator may both build the same images."""
    settings.home.mkdir(parents=True, exist_ok=True)
    with open(settings.home / ".build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            console.print("[cyan]…[/] another `vertelpunt images build` is running here; waiting for it")
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            shutil.rmtree(settings.home / "context" / str(os.getpid()), ignore_errors=True)


def uv_binary() -> Path:
    """The real uv executable (not a pyenv shim), copied into the build stage of the Python images."""
    candidates = [os.environ.get("VERTELPUNT_UV", ""), shutil.which("uv") or ""]
    pyenv = subprocess.run(["pyenv", "which", "uv"], capture_output=True, text=True, check=False) \
        if shutil.which("pyenv") else None
    if pyenv is not None and pyenv.returncode == 0:
        candidates.append(pyenv.stdout.strip())
    for candidate in filter(None, candidates):
        path = Path(candidate).resolve()
        if path.is_file() and path.read_bytes()[:4] == b"\x7fELF":
            return path
    raise ImageError("no uv executable found (a pyenv shim is not enough); set VERTELPUNT_UV to uv's path")


VENDORED = [
    "gateway/src/vertelpunt/gateway/static/graphiql/vendor/graphiql.min.js",
    "gateway/src/vertelpunt/gateway/workbench/static/vendor/vega-bundle.js",
]


def workspace_members() -> dict[str, tuple[Path, list[str]]]:
    """Workspace members by distribution name: their directory and the members they depend on."""
    members: dict[str, tuple[Path, list[str]]] = {}
    for pyproject in sorted([*REPO_ROOT.glob("libs/*/pyproject.toml"), *REPO_ROOT.glob("services/*/pyproject.toml"),
                             REPO_ROOT / "gateway" / "pyproject.toml"]):
        project = tomllib.loads(pyproject.read_text())["project"]
        requires = [re.split(r"[\s<>=!~;\[]", dependency, maxsplit=1)[0]
                    for dependency in project.get("dependencies", [])]
        members[project["name"]] = (pyproject.parent, [name for name in requires if name.startswith("vertelpunt-")])
    return members


def _closure(package: str, members: dict[str, tuple[Path, list[str]]]) -> set[str]:
    needed, todo = set(), [package]
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo += members[name][1]
    return needed


def stage_python_context(settings: ImagesSettings, name: str) -> Path:
    """uv, the workspace's lock and pyproject files, the sources of the unit and its workspace dependencies only
    (a change elsewhere does not rebuild this unit), and the health check."""
    missing = [path for path in VENDORED if not (REPO_ROOT / path).exists()]
    if name == "gateway" and missing:
        raise ImageError(f"the gateway's browser assets are missing ({', '.join(missing)}); "
                         "run scripts/bootstrap.sh (it vendors them with npm ci)")
    context = _fresh_context(settings, f"python-{name}")
    meta, sources = context / "workspace-meta", context / "workspace-src"
    meta.mkdir()
    for file in ("pyproject.toml", "uv.lock"):
        shutil.copy2(REPO_ROOT / file, meta / file)
    members = workspace_members()
    needed = _closure(UNITS[name].package, members)
    for member, (directory, _) in members.items():
        relative = directory.relative_to(REPO_ROOT)
        (meta / relative).mkdir(parents=True)
        shutil.copy2(directory / "pyproject.toml", meta / relative / "pyproject.toml")
        if member in needed:
            _copy_tree(directory / "src", sources / relative / "src", ignore=["node_modules", ".package-lock*"])
    shutil.copy2(uv_binary(), context / "uv")
    shutil.copy2(RECIPES / "python" / "health.py", context / "vertelpunt-health")
    return context


def _python_containerfile(context: Path, name: str) -> Path:
    text = (RECIPES / "python" / "Containerfile").read_text()
    target = context / f"Containerfile.{name}"
    target.write_text(text.replace("@COMMAND@", json.dumps(list(UNITS[name].command))))
    return target


def stage_server_context(settings: ImagesSettings, name: str) -> Path:
    """The recipe's files plus the jars (or PostgreSQL: nothing) the local stack already fetched."""
    from vertelpunt.cli.stack.components import OPENSEARCH_PLUGINS, Component, Kafka, Keycloak, OpenSearch
    from vertelpunt.cli.stack.settings import StackSettings

    context = _fresh_context(settings, name)
    _copy_tree(RECIPES / name, context)
    if name == "postgres":
        return context
    stack = StackSettings()
    component: Component = {"kafka": Kafka, "opensearch": OpenSearch, "keycloak": Keycloak}[name](stack)
    if not component.is_fetched():
        console.print(f"[cyan]…[/] {name}: fetching the jars from Maven Central (as `vertelpunt stack up` does)")
        component.dir.mkdir(parents=True, exist_ok=True)
        component.fetch()
    if isinstance(component, Kafka):
        _copy_tree(component.libs, context / "libs", ignore=[".complete"])
        shutil.copy2(DEPLOY_LOCAL / "kafka" / "server.properties", context / "server.properties")
        shutil.copy2(DEPLOY_LOCAL / "kafka" / "log4j2.properties", context / "log4j2.properties")
    elif isinstance(component, OpenSearch):
        _copy_tree(component.dist / "lib", context / "lib")
        _copy_tree(component.dist / "classes", context / "classes")
        (context / "plugins.txt").write_text(OPENSEARCH_PLUGINS)
    elif isinstance(component, Keycloak):
        # data/ is the local stack's own database and imports; the image starts without one.
        _copy_tree(component.kc_home, context / "dist", ignore=["data", ".complete"])
        shutil.copy2(DEPLOY_LOCAL / "keycloak" / "realm-vertelpunt.json", context / "realm-vertelpunt.json")
    return context


# --- building ---------------------------------------------------------------------------------------------------


def source_revision() -> str:
    """The commit the images are built from; `-dirty` when the working tree has changes (they are built in)."""
    head = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=False).stdout.strip() or "unknown"
    changed = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True, check=False).stdout.strip()
    return f"{head}-dirty" if changed else head


def _show_step(line: str) -> bool:
    return line.startswith(("STEP ", "Error", "error"))


def podman_build(settings: ImagesSettings, containerfile: Path, context: Path, image: str,
                 build_args: dict[str, str], log: Path, no_cache: bool = False) -> None:
    argv = ["podman", "build", "--format", "docker", "--layers", "-f", str(containerfile), "-t", image,
            "--build-arg", f"BASE={settings.base_image}", "--build-arg", f"ROOTFS={settings.rootfs_image}",
            "--build-arg", f"JAVA={settings.java_image}"]
    for key, value in build_args.items():
        argv += ["--build-arg", f"{key}={value}"]
    if no_cache:
        argv.append("--no-cache")
    if containerfile.parent == RECIPES / "python" or containerfile.name.startswith("Containerfile."):
        # Only the Python build stage reaches PyPI: through this machine's CA bundle, with uv's cache kept here.
        cache = settings.home / "cache" / "uv"
        cache.mkdir(parents=True, exist_ok=True)
        ca = Path(os.environ.get("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"))
        argv += ["--volume", f"{ca}:/run/vertelpunt/ca.crt:ro", "--volume", f"{cache}:/var/cache/uv"]
    argv.append(str(context))
    run_logged(argv, f"building {image}", log, show=_show_step)


IMPORT_ALL = """
import importlib, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    try:
        importlib.import_module(info.name)
    except Exception as error:
        print(f"{info.name}: {type(error).__name__}: {error}")
"""


def check_imports(image: str, module: str) -> None:
    """Every module of the unit imports inside the image, offline on a read-only root: catches a dependency the
    workspace venv happens to have but the unit's pyproject.toml does not declare."""
    result = podman("run", "--rm", "--network=none", "--read-only", "--tmpfs", "/tmp", "--health-interval=disable",
                    image, "python", "-c", IMPORT_ALL, module, check=False)
    if result.returncode != 0 or result.stdout.strip():
        raise ImageError(f"{image}: modules of {module} do not import (an undeclared dependency?):\n"
                         f"{result.stdout.strip() or result.stderr.strip()[-1500:]}")
    console.print(f"   every module of {module} imports in the image")


def ensure_layer(settings: ImagesSettings, recipe: str, image: str, what: str, no_cache: bool) -> str:
    """An intermediate image other recipes start FROM (base, java); podman's layer cache makes a rebuild quick."""
    context = _fresh_context(settings, recipe)
    _copy_tree(RECIPES / recipe, context)
    started = time.monotonic()
    console.print(f"[cyan]…[/] {image}: {what}")
    podman_build(settings, context / "Containerfile", context, image, {}, settings.home / "logs" / f"{recipe}.log",
                 no_cache=no_cache)
    console.print(f"[green]✓[/] {image} in {time.monotonic() - started:.0f} s")
    return image


def build_one(settings: ImagesSettings, name: str, no_cache: bool) -> Path:
    """Build one image, then its SBOM (written beside the logs and added to the image). Returns the SBOM path."""
    image = settings.image(name)
    log = settings.home / "logs" / f"{name}.log"
    log.unlink(missing_ok=True)
    stage = f"{settings.prefix}/stage-{name}:latest"
    if name in UNITS:
        unit = UNITS[name]
        python_context = stage_python_context(settings, name)
        podman_build(settings, _python_containerfile(python_context, name), python_context, stage,
                     {"PACKAGE": unit.package, "HEALTH": unit.health, "WARMUP": unit.warmup, "DEBIAN": unit.debian},
                     log, no_cache)
    else:
        context = stage_server_context(settings, name)
        args = {"PLUGINS": (context / "plugins.txt").read_text()} if name == "opensearch" else {}
        podman_build(settings, context / "Containerfile", context, stage, args, log, no_cache)
    if name in UNITS:
        check_imports(stage, UNITS[name].command[2])
    stage_id = image_inspect(stage)["Id"]
    sbom_file = settings.home / "sbom" / f"{name}.cdx.json"
    if image_label(image, "nl.vertelpunt.stage") == stage_id and sbom_file.exists():
        return sbom_file  # unchanged since the last build: keep the image and its SBOM as they are
    sbom = make_sbom(stage, image)
    sbom_file.parent.mkdir(parents=True, exist_ok=True)
    sbom_file.write_text(json.dumps(sbom, indent=1))
    context = _fresh_context(settings, f"{name}-sbom")
    shutil.copy2(sbom_file, context / "sbom.cdx.json")
    (context / "Containerfile").write_text(
        f"FROM {stage}\nCOPY sbom.cdx.json {SBOM_PATH}\nLABEL nl.vertelpunt.stage={stage_id} "
        f"org.opencontainers.image.revision={source_revision()}\n")
    run_logged(["podman", "build", "--format", "docker", "-t", image, str(context)], f"adding the SBOM to {image}",
               log)
    return sbom_file


def build_images(names: Iterable[str], settings: ImagesSettings | None = None, refresh_base: bool = False,
                 no_cache: bool = False) -> list[str]:
    """Build the named images (and the base first); return their names. Used by the CLI and the tests."""
    settings = settings or ImagesSettings()
    names = list(dict.fromkeys(names))
    unknown = set(names) - set(ALL_IMAGES)
    if unknown:
        raise ImageError(f"unknown image(s): {', '.join(sorted(unknown))}; choose from {', '.join(ALL_IMAGES)}")
    ensure_engine_tools()
    with build_lock(settings):
        return _build_locked(settings, names, refresh_base, no_cache)


def _build_locked(settings: ImagesSettings, names: list[str], refresh_base: bool, no_cache: bool) -> list[str]:
    rootfs = ensure_rootfs(settings, refresh_base)
    console.print(f"[green]✓[/] {ensure_runtime(rootfs)}")
    ensure_layer(settings, "base", settings.base_image, "Debian updates and the user 10001", no_cache or refresh_base)
    if any(name in JAVA_SERVERS for name in names):
        ensure_layer(settings, "java", settings.java_image, "Debian's OpenJDK 17 runtime", no_cache or refresh_base)
    built = []
    for name in names:
        started = time.monotonic()
        image = settings.image(name)
        console.print(f"[cyan]…[/] {image} (log: {settings.home / 'logs' / f'{name}.log'})")
        sbom = build_one(settings, name, no_cache)
        size = int(image_inspect(image).get("Size", 0))
        console.print(f"[green]✓[/] {image}: {size / 1e6:.0f} MB, SBOM {sbom} "
                      f"({len(json.loads(sbom.read_text())['components'])} components), "
                      f"{time.monotonic() - started:.0f} s")
        built.append(image)
    # Earlier builds of these images, now untagged (the label is on every image built here, never on others').
    podman("image", "prune", "--force", "--filter", "label=nl.vertelpunt.sbom", check=False)
    return built


# --- SBOM -------------------------------------------------------------------------------------------------------


def _debian_components(root: Path) -> list[dict[str, Any]]:
    status = root / "var/lib/dpkg/status"
    components = []
    for paragraph in status.read_text(errors="replace").split("\n\n") if status.exists() else []:
        fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", paragraph, re.MULTILINE))
        if fields.get("Status", "").endswith(" installed") and "Package" in fields:
            name, version, arch = fields["Package"], fields.get("Version", ""), fields.get("Architecture", "")
            components.append({"type": "library" if name.startswith("lib") else "application", "name": name,
                               "version": version, "purl": f"pkg:deb/debian/{name}@{version}?arch={arch}",
                               "properties": [{"name": "nl.vertelpunt:source", "value": "dpkg"}]})
    return components


def _python_components(root: Path) -> list[dict[str, Any]]:
    components = []
    for metadata in sorted(root.glob("opt/vertelpunt/lib/python3*/site-packages/*.dist-info/METADATA")):
        fields = email.parser.Parser().parsestr(metadata.read_text(errors="replace"), headersonly=True)
        name, version = fields.get("Name", ""), fields.get("Version", "")
        component: dict[str, Any] = {"type": "library", "name": name, "version": version,
                                     "purl": f"pkg:pypi/{re.sub(r'[-_.]+', '-', name).lower()}@{version}"}
        licence = fields.get("License-Expression") or fields.get("License") or ""
        if licence and len(licence) < 100:
            component["licenses"] = [{"expression": licence}] if fields.get("License-Expression") \
                else [{"license": {"name": licence}}]
        components.append(component)
    return components


def _jar_coordinates(jar: Path) -> tuple[str, str, str] | None:
    try:
        with zipfile.ZipFile(jar) as archive:
            for entry in archive.namelist():
                if entry.startswith("META-INF/maven/") and entry.endswith("/pom.properties"):
                    text = archive.read(entry).decode(errors="replace")
                    props = dict(re.findall(r"^(groupId|artifactId|version)=(.*)$", text, re.MULTILINE))
                    if len(props) == 3:
                        return props["groupId"].strip(), props["artifactId"].strip(), props["version"].strip()
    except (OSError, zipfile.BadZipFile):
        return None
    return None


def _java_components(root: Path) -> list[dict[str, Any]]:
    components = []
    for jar in sorted((root / "opt").rglob("*.jar")) if (root / "opt").exists() else []:
        coordinates = _jar_coordinates(jar)
        path = "/" + str(jar.relative_to(root))
        if coordinates:
            group, artifact, version = coordinates
            components.append({"type": "library", "group": group, "name": artifact, "version": version,
                               "purl": f"pkg:maven/{group}/{artifact}@{version}?type=jar",
                               "properties": [{"name": "nl.vertelpunt:path", "value": path}]})
        else:
            components.append({"type": "file", "name": jar.name, "hashes": [
                {"alg": "SHA-256", "content": hashlib.sha256(jar.read_bytes()).hexdigest()}],
                "properties": [{"name": "nl.vertelpunt:path", "value": path}]})
    return components


def sbom_of_tree(root: Path, image: str) -> dict[str, Any]:
    """A CycloneDX 1.5 document for a root filesystem: Debian packages, Python distributions, Java archives."""
    components = [*_debian_components(root), *_python_components(root), *_java_components(root)]
    name, _, version = image.rpartition(":")
    return {
        "bomFormat": "CycloneDX", "specVersion": "1.5", "serialNumber": f"urn:uuid:{uuid.uuid4()}", "version": 1,
        "metadata": {
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {"components": [{"type": "application", "name": "vertelpunt images build"}]},
            "component": {"type": "container", "name": name, "version": version},
        },
        "components": components,
    }


def make_sbom(stage: str, image: str) -> dict[str, Any]:
    root = Path(podman("image", "mount", stage).stdout.strip())
    try:
        return sbom_of_tree(root, image)
    finally:
        podman("image", "unmount", stage, check=False)


# --- the command line -------------------------------------------------------------------------------------------

app = typer.Typer(
    help=(
        "Container images of Vertelpunt, built here from Debian packages and the locked wheels (no registry).\n\n"
        "Units: intake (also runs the relay), federation, indexer, gateway (with the Werkplaats). Servers for "
        "`vertelpunt stack up --containers` and the container tests: postgres, kafka, opensearch, keycloak.\n\n"
        "Every image runs as uid 10001, writes only to /tmp and its declared volumes, has a HEALTHCHECK and "
        f"carries a CycloneDX SBOM at {SBOM_PATH} (also under /var/tmp/vertelpunt/images/sbom)."
    ),
    no_args_is_help=True,
)


@app.command()
def build(
    names: Annotated[list[str] | None, typer.Argument(
        help=f"Images to build (default: all). Choose from: {', '.join(ALL_IMAGES)}.")] = None,
    refresh_base: Annotated[bool, typer.Option(
        help="Run debootstrap again (new Debian updates) instead of using the cached root filesystem.")] = False,
    no_cache: Annotated[bool, typer.Option(help="Rebuild every layer instead of reusing podman's layer cache.")]
    = False,
) -> None:
    """Build images with podman: base root filesystem (debootstrap, cached), then each image and its SBOM.

    First run: debootstrap takes 1 to 2 minutes, each image a few minutes (packages and wheels are downloaded);
    later runs reuse the cached root filesystem and podman's layers. If this machine's sandbox refuses resource
    limits inside containers, an OCI runtime wrapper is installed and the output says so.
    """
    started = time.monotonic()
    try:
        built = build_images(names or list(ALL_IMAGES), refresh_base=refresh_base, no_cache=no_cache)
    except ImageError as error:
        console.print(f"[red]✗ {error}[/]")
        raise typer.Exit(1) from None
    console.print(f"[green]✓[/] built {len(built)} image(s) in {time.monotonic() - started:.0f} s")


@app.command("list")
def list_images() -> None:
    """Show the built images with their sizes."""
    settings = ImagesSettings()
    for name in ALL_IMAGES:
        image = settings.image(name)
        if image_exists(image):
            info = image_inspect(image)
            typer.echo(f"{image:45} {int(info.get('Size', 0)) / 1e6:7.0f} MB  {info.get('Created', '')[:19]}")
        else:
            typer.echo(f"{image:45} (not built)")
