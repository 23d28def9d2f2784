"""`vertelpunt stack up --containers --services`: the platform's own services from the unit images.

The demo's three municipalities are onboarded (Keycloak clients, databases, topics, signing secrets) exactly as
`vertelpunt demo` does, then every service runs as a container from its unit image: per municipality an intake
service and a relay (both from the intake image), and the federation service, the indexer and the gateway. They
use the host's network, so they reach the stack's servers at the addresses `vertelpunt stack env` prints and
answer on the demo's ports (intakes 8101-8103, gateway 8000). Ready means the same health URL answers 200 as for
`vertelpunt demo`. No stories are seeded.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from vertelpunt.cli.stack.components import StackError
from vertelpunt.cli.stack.settings import StackSettings

LABEL = "nl.vertelpunt.platform"
UNIT_OF_MODULE = {"vertelpunt.intake": "intake", "vertelpunt.federation": "federation",
                  "vertelpunt.search": "indexer", "vertelpunt.gateway": "gateway"}
SECRETS_IN_CONTAINER = "/etc/vertelpunt/federation-secrets"


def _podman(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["podman", *args], capture_output=True, text=True, check=False)


def _log_dir(stack: StackSettings) -> Path:
    return stack.home / "containers" / "services"


def _readable_secrets(source: Path, target: Path) -> Path:
    """A copy of the federation's signing secrets that uid 10001 may read (the originals are root's)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for key in source.glob("*.key"):
        shutil.copy2(key, target / key.name)
        shutil.chown(target / key.name, 10001, 10001)
        (target / key.name).chmod(0o400)
    shutil.chown(target, 10001, 10001)
    target.chmod(0o500)
    return target


def _run_service(stack: StackSettings, name: str, module: str, command: str, env: dict[str, str],
                 volumes: list[str]) -> None:
    from vertelpunt.cli.images import ImagesSettings

    image = ImagesSettings().image(UNIT_OF_MODULE[module])
    container = f"vertelpunt-{name}"
    log = _log_dir(stack) / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.unlink(missing_ok=True)
    _podman("rm", "--force", container)
    argv = ["run", "--detach", "--name", container, "--label", f"{LABEL}={stack.home}", "--network", "host",
            "--read-only", "--tmpfs", "/tmp", "--health-interval", "disable",
            "--log-driver", "k8s-file", "--log-opt", f"path={log}"]
    for volume in volumes:
        argv += ["--volume", volume]
    for key, value in env.items():
        argv += ["--env", f"{key}={value}"]
    result = _podman(*argv, image, "python", "-m", module, command)
    if result.returncode != 0:
        raise StackError(f"podman could not start {container}: {result.stderr.strip()[-1500:]}")


def _wait_healthy(stack: StackSettings, name: str, url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    log = _log_dir(stack) / f"{name}.log"
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        state = _podman("container", "inspect", "--format", "{{.State.Running}}", f"vertelpunt-{name}")
        if state.stdout.strip() != "true":
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:]) if log.exists() else ""
            raise StackError(f"{name} stopped during start-up; log {log}:\n{tail}")
        time.sleep(1)
    raise StackError(f"{name} was not healthy at {url} after {timeout:.0f} s; log {log}")


def start_services(stack: StackSettings, say: Callable[[str], None], timeout: float = 180) -> None:
    """Onboard the demo municipalities, then run and wait for every platform service as a container."""
    from vertelpunt.cli.demo import DEMO_MUNICIPALITIES, platform_settings
    from vertelpunt.cli.images import ImageError, ImagesSettings, build_images
    from vertelpunt.cli.onboarding import onboard
    from vertelpunt.cli.platform import sector_services, tenant_services

    missing = [unit for unit in UNIT_OF_MODULE.values()
               if _podman("image", "exists", ImagesSettings().image(unit)).returncode != 0]
    if missing:
        try:
            build_images(missing)
        except ImageError as error:
            raise StackError(f"building the unit images failed: {error}") from None
    settings = platform_settings(stack)
    tenants = []
    for code, name, region, port, admin in DEMO_MUNICIPALITIES:
        say(f"[cyan]…[/] onboarding {name} ({code})")
        tenants.append(onboard(settings, code, name, region, port, admin)[0])
    secrets = _readable_secrets(settings.secrets_dir, stack.home / "containers" / "federation-secrets")
    services = [s for t in tenants for s in tenant_services(settings, t)] + sector_services(settings)
    for service in services:
        env, volumes = dict(service.env), []
        if "VERTELPUNT_FEDERATION_SECRETS_DIR" in env:
            env["VERTELPUNT_FEDERATION_SECRETS_DIR"] = SECRETS_IN_CONTAINER
            volumes.append(f"{secrets}:{SECRETS_IN_CONTAINER}:ro")
        say(f"[cyan]…[/] {service.name}: starting container from the {UNIT_OF_MODULE[service.module]} image")
        _run_service(stack, service.name, service.module, service.command, env, volumes)
    for service in services:
        _wait_healthy(stack, service.name, service.health_url, timeout)
        say(f"[green]✓[/] {service.name} ready" + (f" at {service.public_url}" if service.public_url else ""))


def stop_services(stack: StackSettings, say: Callable[[str], None]) -> None:
    """Stop and remove the service containers this stack home started (by label)."""
    listed = _podman("ps", "--all", "--filter", f"label={LABEL}={stack.home}", "--format", "{{.Names}}")
    for container in reversed(listed.stdout.split()):  # the gateway first, the intakes last
        say(f"[cyan]…[/] stopping container {container}")
        _podman("stop", "--time", "15", container)
        _podman("rm", "--force", container)
